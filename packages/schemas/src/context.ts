import { CATALOGUE } from './catalogue.js';
import { STAFF_PASSPORT_CONTEXT_V1, VOCAB } from './lib/urls.js';

function collectTerms(schema: unknown, into: Set<string>): void {
  if (!schema || typeof schema !== 'object') return;
  const s = schema as Record<string, unknown>;
  if (s['properties'] && typeof s['properties'] === 'object') {
    for (const [name, sub] of Object.entries(s['properties'] as Record<string, unknown>)) {
      if (!name.startsWith('@') && name !== 'id' && name !== 'type') into.add(name);
      collectTerms(sub, into);
    }
  }
}

/**
 * The staff-passport JSON-LD context (v1): every type name and claim of the catalogue defined
 * under one vocabulary, so credentials have no undefined terms. Generated from the schemas so the
 * two cannot drift; served at {@link STAFF_PASSPORT_CONTEXT_V1}.
 */
export function buildStaffPassportContext(): { '@context': Record<string, unknown> } {
  const terms = new Set<string>();
  const types: string[] = [];
  for (const d of CATALOGUE) {
    types.push(d.type);
    collectTerms((d.schema as { properties?: { credentialSubject?: unknown } }).properties?.credentialSubject, terms);
  }
  const context: Record<string, unknown> = { '@version': 1.1, '@protected': true, sp: VOCAB };
  for (const t of types.sort()) context[t] = { '@id': `sp:${t}` };
  for (const t of [...terms].sort()) context[t] = { '@id': `sp:${t}` };
  return { '@context': context };
}

export { STAFF_PASSPORT_CONTEXT_V1 };
