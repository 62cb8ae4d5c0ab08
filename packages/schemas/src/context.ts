import { CATALOGUE } from './catalogue.js';
import type { CredentialTypeDefinition } from './lib/catalogue-types.js';
import { STAFF_PASSPORT_CONTEXT_V1, VOCAB } from './lib/urls.js';
import { VC_CONTEXT_TERMS } from './lib/vc-terms.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';

interface TermUse {
  /** `format` of every use of the term (undefined where a use has none). */
  formats: Set<string | undefined>;
}

interface Collected {
  top: Map<string, TermUse>;
  /** Terms the VC context reserves, defined within their parent claim's scoped context. */
  scoped: Map<string, Map<string, TermUse>>;
}

function use(into: Map<string, TermUse>, name: string, format: string | undefined): void {
  const entry = into.get(name) ?? { formats: new Set() };
  entry.formats.add(format);
  into.set(name, entry);
}

function collect(schema: unknown, parent: string | undefined, into: Collected): void {
  if (!schema || typeof schema !== 'object') return;
  const s = schema as Record<string, unknown>;
  if (s['items']) collect(s['items'], parent, into);
  if (!s['properties'] || typeof s['properties'] !== 'object') return;
  for (const [name, sub] of Object.entries(s['properties'] as Record<string, unknown>)) {
    const format = typeof (sub as { format?: unknown }).format === 'string' ? ((sub as { format: string }).format) : undefined;
    if (name === 'id' && parent === undefined) continue; // the subject's id is @id
    if (VC_CONTEXT_TERMS.has(name)) {
      if (parent === undefined) throw new Error(`credentialSubject.${name} clashes with a term of the VC context`);
      const scope = into.scoped.get(parent) ?? new Map<string, TermUse>();
      use(scope, name, format);
      into.scoped.set(parent, scope);
    } else {
      use(into.top, name, format);
    }
    collect(sub, name, into);
  }
}

function definition(name: string, term: TermUse): Record<string, unknown> {
  const def: Record<string, unknown> = { '@id': `sp:${name}` };
  // Typed only where every use agrees, so one flat vocabulary serves every credential type.
  if (term.formats.size === 1 && term.formats.has('date')) def['@type'] = `${XSD}date`;
  if (term.formats.size === 1 && term.formats.has('date-time')) def['@type'] = `${XSD}dateTime`;
  return def;
}

/**
 * The staff-passport JSON-LD context (v1): every type name and claim of every catalogue schema
 * (every version kept) defined under one vocabulary, so credentials have no undefined terms and
 * also work as Data Integrity credentials. Generated from the schemas so the two cannot drift;
 * served at {@link STAFF_PASSPORT_CONTEXT_V1}. Terms are only ever added (see docs/credentials.md).
 *
 * @example
 * buildStaffPassportContext()['@context']['TrainingRecord'] // { '@id': 'sp:TrainingRecord' }
 * @throws Error when a subject's top-level claim clashes with a VC context term (a catalogue bug).
 */
export function buildStaffPassportContext(entries: readonly CredentialTypeDefinition[] = CATALOGUE): { '@context': Record<string, unknown> } {
  const collected: Collected = { top: new Map(), scoped: new Map() };
  const types = new Set<string>();
  for (const d of entries) {
    types.add(d.type);
    collect((d.schema as { properties?: { credentialSubject?: unknown } }).properties?.credentialSubject, undefined, collected);
  }
  const context: Record<string, unknown> = { '@version': 1.1, '@protected': true, sp: VOCAB };
  for (const t of [...types].sort()) context[t] = { '@id': `sp:${t}` };
  const byName = (a: [string, TermUse], b: [string, TermUse]) => (a[0] < b[0] ? -1 : 1);
  for (const [name, term] of [...collected.top].sort(byName)) {
    const def = definition(name, term);
    const scope = collected.scoped.get(name);
    if (scope) def['@context'] = Object.fromEntries([...scope].sort(byName).map(([n, t]) => [n, definition(n, t)]));
    context[name] = def;
  }
  return { '@context': context };
}

export { STAFF_PASSPORT_CONTEXT_V1 };
