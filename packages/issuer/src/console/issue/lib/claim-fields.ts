import { isObject } from '@staff-passport/core';
import { CSTF_EDITIONS, DEFAULT_CSTF_EDITION, getChoiceTitles, type CredentialTypeDefinition } from '@staff-passport/schemas';
import { capitalise, humanise } from './humanise.js';

/** A value a choice stands for (an enum value of the schema: text, a number or a boolean). */
export interface ClaimChoice {
  value: string | number | boolean;
  text: string;
}

interface FieldBase {
  /** Where the claim goes under `credentialSubject` (list items by index). */
  path: string[];
  /** The input's id and name: the path joined with hyphens (`dbs-certificateNumber`, `history-employments-0-jobTitle`). */
  id: string;
  label: string;
  hint?: string;
  required: boolean;
  /** Required only in some cases (a conditional block of the schema says when; the hint repeats it). */
  conditional?: true;
}

/** One input of the generated form. */
export type ClaimInput = FieldBase &
  (
    /** `suggested`: the value a fresh form starts with (a CSTF framework version). */
    | { kind: 'text'; pattern: boolean; suggested?: string }
    | { kind: 'number'; integer: boolean }
    | { kind: 'date' | 'date-time' }
    | { kind: 'choice'; choices: ClaimChoice[] }
    | { kind: 'boolean' }
    /** An array of enum values: checkboxes. */
    | { kind: 'choices'; choices: ClaimChoice[] }
    /** An array of text: a textarea, one item a line. */
    | { kind: 'lines' }
  );

/** An object of the schema: a fieldset of its properties; `fixed` are its `const` properties, set for the user. */
export interface ClaimGroup extends FieldBase {
  kind: 'group';
  children: ClaimField[];
  fixed: { name: string; label: string; value: unknown }[];
}

/** An array of objects: `count` items repeated (each a group), blank ones left out. */
export interface ClaimList extends FieldBase {
  kind: 'list';
  minItems: number;
  maxItems: number;
  /** The label of one item ("Employments, item 2"). */
  itemLabel(index: number): string;
  item(index: number): ClaimGroup;
}

/** A node of the generated form. */
export type ClaimField = ClaimInput | ClaimGroup | ClaimList;

/** List items shown at most, whatever the schema allows (the form stays within the body parser's field limit). */
export const MAX_LIST_ITEMS = 6;

const DATE_HINT = 'For example, 27 3 2026';
const DATE_TIME_HINT = 'For example, 27 3 2026 and 14:30 (UK time)';

type Schema = Readonly<Record<string, unknown>>;

function asSchema(value: unknown): Schema {
  return isObject(value) ? value : {};
}

function hintOf(schema: Schema, extra?: string): string | undefined {
  const parts: string[] = [];
  if (typeof schema['description'] === 'string') parts.push(schema['description']);
  // A pattern's message says what it wants ("a DBS certificate number is 12 digits, such as 001234567890").
  else if (typeof schema['pattern'] === 'string' && typeof schema['x-message'] === 'string') parts.push(capitalise(schema['x-message']));
  if (extra) parts.push(extra);
  return parts.length === 0 ? undefined : parts.join('. ');
}

// Properties a conditional block of the object may require (`allOf: [{if, then: {required}}]`), with why.
function conditionalRequirements(schema: Schema): Map<string, string> {
  const found = new Map<string, string>();
  const allOf = Array.isArray(schema['allOf']) ? schema['allOf'] : [];
  for (const part of allOf) {
    const then = asSchema(asSchema(part)['then']);
    const names = Array.isArray(then['required']) ? then['required'] : [];
    const why = typeof then['x-message'] === 'string' ? capitalise(then['x-message'].replace(/^is /, '')) : 'Required in some cases';
    for (const name of names) if (typeof name === 'string' && !found.has(name)) found.set(name, why);
  }
  return found;
}

function choicesOf(values: readonly unknown[]): ClaimChoice[] {
  const titles = getChoiceTitles(values);
  return values.map((value, i) => ({ value: value as ClaimChoice['value'], text: titles[i]! }));
}

class FieldBuilder {
  constructor(private readonly definition: CredentialTypeDefinition) {}

  label(path: readonly string[]): string {
    const key = path.filter((s) => !/^\d+$/.test(s)).join('.');
    return this.definition.labels[key] ?? humanise(path.at(-1) ?? '');
  }

  group(schema: Schema, path: string[], required: boolean, label: string): ClaimGroup {
    const properties = asSchema(schema['properties']);
    const requiredNames = new Set(Array.isArray(schema['required']) ? (schema['required'] as unknown[]) : []);
    const conditional = conditionalRequirements(schema);
    const children: ClaimField[] = [];
    const fixed: ClaimGroup['fixed'] = [];
    for (const [name, value] of Object.entries(properties)) {
      const child = asSchema(value);
      const childPath = [...path, name];
      // The holder's DID comes from the wallet's key proof when the offer is accepted.
      if (path.length === 0 && name === 'id') continue;
      if (Object.hasOwn(child, 'const')) {
        fixed.push({ name, label: this.label(childPath), value: child['const'] });
        continue;
      }
      const why = conditional.get(name);
      const field = this.field(child, childPath, requiredNames.has(name), why);
      if (field) children.push(field);
    }
    // A CSTF record's framework version starts as the edition most issuers follow, with both named.
    if (fixed.some((f) => f.name === 'framework' && f.value === 'CSTF')) {
      const at = children.findIndex((c) => c.kind === 'text' && c.path.at(-1) === 'frameworkVersion');
      const version = children[at];
      if (version?.kind === 'text') {
        const { cstf_england: england, uk_cstf: uk } = CSTF_EDITIONS;
        const hint = `${england.title} is version ${england.currentVersion} (${england.appliesTo}); ${uk.title} is version ${uk.currentVersion} (${uk.appliesTo})`;
        children[at] = { ...version, suggested: CSTF_EDITIONS[DEFAULT_CSTF_EDITION].currentVersion, hint: version.hint ? `${version.hint}. ${hint}` : hint };
      }
    }
    return { kind: 'group', path, id: path.join('-'), label, required, children, fixed, ...(hintOf(schema) ? { hint: hintOf(schema)! } : {}) };
  }

  field(schema: Schema, path: string[], required: boolean, conditionalHint?: string): ClaimField | undefined {
    const base = { path, id: path.join('-'), label: this.label(path), required, ...(conditionalHint ? { conditional: true as const } : {}) };
    const withHint = (field: ClaimField, extra?: string): ClaimField => {
      const hint = hintOf(schema, [conditionalHint, extra].filter(Boolean).join('. ') || undefined);
      return hint ? { ...field, hint } : field;
    };
    const type = schema['type'];
    if (Array.isArray(schema['enum'])) return withHint({ ...base, kind: 'choice', choices: choicesOf(schema['enum']) });
    if (type === 'object') {
      const group = this.group(schema, path, required, base.label);
      return conditionalHint ? { ...group, conditional: true, hint: [group.hint, conditionalHint].filter(Boolean).join('. ') } : group;
    }
    if (type === 'array') {
      const items = asSchema(schema['items']);
      if (Array.isArray(items['enum'])) return withHint({ ...base, kind: 'choices', choices: choicesOf(items['enum']) });
      if (items['type'] === 'object') {
        const minItems = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
        const maxItems = Math.min(typeof schema['maxItems'] === 'number' ? schema['maxItems'] : MAX_LIST_ITEMS, MAX_LIST_ITEMS);
        const itemLabel = (index: number): string => `${base.label}, item ${index + 1}`;
        return withHint({
          ...base,
          kind: 'list',
          minItems,
          maxItems,
          itemLabel,
          item: (index: number) => this.group(items, [...path, String(index)], true, itemLabel(index)),
        });
      }
      return withHint({ ...base, kind: 'lines' }, 'One on each line');
    }
    if (type === 'boolean') return withHint({ ...base, kind: 'boolean' });
    if (type === 'number' || type === 'integer') return withHint({ ...base, kind: 'number', integer: type === 'integer' });
    if (type === 'string' && schema['format'] === 'date') return withHint({ ...base, kind: 'date' }, DATE_HINT);
    if (type === 'string' && schema['format'] === 'date-time') return withHint({ ...base, kind: 'date-time' }, DATE_TIME_HINT);
    if (type === 'string') return withHint({ ...base, kind: 'text', pattern: typeof schema['pattern'] === 'string' });
    return undefined;
  }
}

/**
 * The form of a catalogue type, generated from its JSON Schema's `credentialSubject`: a group per
 * object (legend from the type's labels), text, number and date inputs, radios or a select for an
 * enum, Yes/No for a boolean, checkboxes for an array of enum values, a textarea for an array of
 * text, repeated groups for an array of objects; `const` values are set for the user; the
 * subject's `id` is left out (the wallet's key binds the credential to its holder).
 *
 * @example
 * const form = buildClaimFields(getCredentialType('DbsCheck')!);
 * form.children.map((f) => f.id); // ['dbs', 'check', 'attributeMetadata']
 */
export function buildClaimFields(definition: CredentialTypeDefinition): ClaimGroup {
  const subject = asSchema(asSchema(definition.schema['properties'])['credentialSubject']);
  return new FieldBuilder(definition).group(subject, [], true, definition.title);
}

/** How many items a list shows on a fresh form: two (or its minimum), within its maximum. */
export function initialItemCount(list: ClaimList): number {
  return Math.min(list.maxItems, Math.max(2, list.minItems));
}

/** Every input of a form (list items up to `counts`, default {@link initialItemCount}), in page order. */
export function listInputs(group: ClaimGroup, counts: ReadonlyMap<string, number> = new Map()): ClaimInput[] {
  return group.children.flatMap((field): ClaimInput[] => {
    if (field.kind === 'group') return listInputs(field, counts);
    if (field.kind === 'list') {
      const count = counts.get(field.id) ?? initialItemCount(field);
      return Array.from({ length: count }, (_, i) => listInputs(field.item(i), counts)).flat();
    }
    return [field];
  });
}
