import type { FieldIssue, PassportError } from '@staff-passport/core';
import type { FieldError } from '@staff-passport/web-kit';
import { initialItemCount, type ClaimField, type ClaimGroup, type ClaimInput } from './claim-fields.js';
import { capitalise, inSentence } from './humanise.js';
import type { DateProblem } from './read-claim-fields.js';

/** Where an offer's validation names the claims of its only credential. */
const SUBJECT_PREFIX = 'credentials[0].credentialSubject';

interface IndexedNode {
  field: ClaimField;
  /** The input an error summary link goes to (the node itself, or the first input inside it). */
  target: string;
  /** How the node is named in a message, with the list item it is in ("Job title (Employments, item 2)"). */
  name: string;
  order: number;
}

class FormIndex {
  readonly nodes = new Map<string, IndexedNode>();
  private order = 0;

  constructor(form: ClaimGroup, counts: ReadonlyMap<string, number>) {
    this.add(form, '', counts);
  }

  // `context` names the list item the field is in; an item's own group is named by its label.
  private add(field: ClaimField, context: string, counts: ReadonlyMap<string, number>, isItem = false): string | undefined {
    const order = this.order++;
    const name = context && !isItem ? `${field.label} (${context})` : field.label;
    let target: string | undefined;
    if (field.kind === 'group') {
      for (const child of field.children) {
        const first = this.add(child, context, counts);
        target ??= first;
      }
    } else if (field.kind === 'list') {
      const count = counts.get(field.id) ?? initialItemCount(field);
      for (let i = 0; i < count; i++) {
        const first = this.add(field.item(i), field.itemLabel(i), counts, true);
        target ??= first;
      }
    } else {
      // A date input's summary link goes to its first box (or, once read, the box at fault).
      target = field.kind === 'date' || field.kind === 'date-time' ? `${field.id}-day` : field.id;
    }
    if (target !== undefined) this.nodes.set(field.path.join('.'), { field, target, name, order });
    return target;
  }

  /** The node an issue's path belongs to: the deepest node on the path. */
  find(path: string): { node: IndexedNode; exact: boolean } | undefined {
    const segments = path === '' ? [] : path.split('.');
    for (let n = segments.length; n >= 0; n--) {
      const node = this.nodes.get(segments.slice(0, n).join('.'));
      if (node) return { node, exact: n === segments.length };
    }
    return undefined;
  }
}

function subjectPathOf(path: string | undefined): string | undefined {
  if (path === undefined || !path.startsWith(SUBJECT_PREFIX)) return undefined;
  return path.slice(SUBJECT_PREFIX.length).replace(/^\./, '');
}

function isChoice(field: ClaimField): boolean {
  return field.kind === 'choice' || field.kind === 'boolean' || field.kind === 'choices';
}

/**
 * What to do about a required field left blank, as a sentence rather than the field's name after a
 * verb ("Select the pedigree", "Enter the last refreshed date", "Select who it was verified by").
 */
function requiredMessage(field: ClaimField, name: string): string {
  const words = inSentence(name);
  if (field.kind === 'boolean') return `Select yes or no for ${words}`;
  if (isChoice(field)) return / by\b/.test(words) ? `Select who it was ${words}` : `Select the ${words}`;
  if (field.kind === 'date') return `Enter the ${words} date`;
  if (field.kind === 'date-time') return `Enter the ${words} date and time`;
  return `Enter the ${words}`;
}

function messageFor(node: IndexedNode, exact: boolean, issue: Pick<FieldIssue, 'code' | 'message'>, problem: DateProblem | undefined): string {
  const { field, name } = node;
  if (exact && issue.code === 'required' && issue.message === 'is required') return requiredMessage(field, name);
  if (exact && issue.code === 'format' && (field as ClaimInput).kind === 'date') {
    if (problem?.missing) return `${name} must include a ${problem.part}`;
    return `${name} must be a real date, for example 27 3 2026`;
  }
  if (exact && issue.code === 'format' && (field as ClaimInput).kind === 'date-time') {
    if (problem?.missing) return `${name} must include a ${problem.part}`;
    if (problem?.part === 'time') return `${name} must have a real time, for example 14:30`;
    return `${name} must be a real date and time, for example 27 3 2026 14:30`;
  }
  if (exact && issue.code === 'type' && field.kind === 'number') return `${name} must be ${field.integer ? 'a whole number' : 'a number'}`;
  // Messages that continue the field's name ("must be ...") follow it; others say what is wrong in their own words.
  if (/^(must|is|has|cannot|should) /.test(issue.message)) return capitalise(`${name} ${issue.message}`);
  if (exact && issue.code === 'pattern') return `Enter the ${inSentence(name)} in the right format: ${issue.message}`;
  return capitalise(`${name}: ${issue.message}`);
}

/** Errors of a claim form: the summary's links (to inputs) and the inline messages (on inputs, groups and lists, by id). */
export interface ClaimErrors {
  summary: FieldError[];
  inline: Map<string, string>;
}

/**
 * Maps the issues of an offer's validation (`parseCreateOfferInput`: schema and rules, paths
 * `credentials[0].credentialSubject...`) onto the generated form: each to the input its path
 * names, or to the group or list it belongs to (its summary link going to the group's first
 * input; a date input's to the box at fault), in NHS.UK words ("Enter certificate number",
 * "Issued on must be a real date", "Completed on must include a year"). One
 * error per input or group, in page order; what names nothing in the form goes to the first input.
 *
 * @example
 * const { summary } = mapClaimIssues(form, err, counts); // [{ field: 'dbs-certificateNumber', message: 'Enter the certificate number' }]
 */
export function mapClaimIssues(
  form: ClaimGroup,
  err: PassportError,
  counts: ReadonlyMap<string, number> = new Map(),
  dateProblems: ReadonlyMap<string, DateProblem> = new Map(),
): ClaimErrors {
  const index = new FormIndex(form, counts);
  const issues: FieldIssue[] = err.issues.length > 0 ? err.issues : [{ path: err.field ?? '', code: err.code, message: err.message }];
  const found: { id: string; target: string; message: string; order: number }[] = [];
  const root = index.find('')!.node;
  for (const issue of issues) {
    const path = subjectPathOf(issue.path);
    const hit = path === undefined ? undefined : index.find(path);
    const onForm = hit !== undefined && hit.node !== root;
    const node = onForm ? hit.node : root;
    const problem = onForm && hit.exact ? dateProblems.get(node.field.id) : undefined;
    const message = onForm ? messageFor(node, hit.exact, issue, problem) : capitalise(issue.message);
    // The whole form's errors (none expected) are shown on its first input.
    const id = onForm ? node.field.id : node.target;
    if (found.some((f) => f.id === id)) continue;
    found.push({ id, target: problem ? `${node.field.id}-${problem.part}` : node.target, message, order: node.order });
  }
  found.sort((a, b) => a.order - b.order);
  return { summary: found.map((f) => ({ field: f.target, message: f.message })), inline: new Map(found.map((f) => [f.id, f.message])) };
}
