/**
 * The JSON-LD context defines every term of every credential type: walking every example (the
 * catalogue's own, after what the issuer derives, and every valid example file) finds no term the
 * VC context and ours leave undefined, and ours never redefines a protected VC term.
 */
import { describe, expect, it } from '@jest/globals';
import { CATALOGUE, STAFF_PASSPORT_CONTEXT_V1, VC_CONTEXT_V2, buildStaffPassportContext } from '@staff-passport/schemas';
import { VC_CONTEXT_TERMS, VC_ENVELOPE_MEMBERS } from '../src/lib/vc-terms.js';
import { loadExamples, withHolder } from './helpers/examples.js';

type TermDefinitions = Record<string, unknown>;
const context = buildStaffPassportContext()['@context'];

function scopedOf(definition: unknown): TermDefinitions {
  return ((definition as { '@context'?: TermDefinitions } | undefined)?.['@context'] ?? {}) as TermDefinitions;
}

/** Every member name under `value` that no active term definition covers, as dotted paths. */
function undefinedTerms(value: unknown, active: TermDefinitions, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => undefinedTerms(v, active, path));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([name, v]) => {
    const at = `${path}.${name}`;
    if (name === 'id') return []; // @id
    if (!(name in active)) return [at];
    return undefinedTerms(v, { ...active, ...scopedOf(active[name]) }, at);
  });
}

function undefinedTermsOfCredential(credential: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const member of Object.keys(credential)) if (!VC_ENVELOPE_MEMBERS.has(member)) problems.push(member);
  for (const t of credential['type'] as string[]) if (t !== 'VerifiableCredential' && !(t in context)) problems.push(`type ${t}`);
  expect(credential['@context']).toEqual([VC_CONTEXT_V2, STAFF_PASSPORT_CONTEXT_V1]);
  // Top-level terms of ours apply throughout the subject; reserved ones only in their scope.
  const topLevel = Object.fromEntries(Object.entries(context).filter(([k]) => !k.startsWith('@')));
  return [...problems, ...undefinedTerms(credential['credentialSubject'], topLevel, 'credentialSubject')];
}

describe('the staff-passport JSON-LD context', () => {
  it('is JSON-LD 1.1, protected, under the staff-passport vocabulary', () => {
    expect(context).toMatchObject({ '@version': 1.1, '@protected': true, sp: 'https://w3id.org/staff-passport/vocab#' });
  });

  it('defines every credential type name', () => {
    for (const d of CATALOGUE) expect(context[d.type]).toEqual({ '@id': `sp:${d.type}` });
  });

  it('never redefines a term of the VC context at its top level', () => {
    for (const term of Object.keys(context)) expect(VC_CONTEXT_TERMS.has(term) ? `${term} redefined` : term).toBe(term);
  });

  it('defines a claim that shares a VC term name in its parent claim scope (attribute metadata verificationMethod)', () => {
    expect(scopedOf(context['attributeMetadata'])['verificationMethod']).toEqual({ '@id': 'sp:verificationMethod' });
  });

  it('types date claims as xsd:date where every use is a date', () => {
    expect(context['completedOn']).toEqual({ '@id': 'sp:completedOn', '@type': 'http://www.w3.org/2001/XMLSchema#date' });
    expect(context['checkedAt']).toEqual({ '@id': 'sp:checkedAt', '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' });
  });

  it.each(CATALOGUE.map((d) => [d.type, d] as const))('leaves no term of the %s example undefined, before and after derive', (_t, d) => {
    const credential = withHolder(d.example);
    expect(undefinedTermsOfCredential(credential)).toEqual([]);
    const derived = d.derive?.(credential['credentialSubject'] as Record<string, unknown>);
    if (derived) expect(undefinedTermsOfCredential({ ...credential, credentialSubject: derived.credentialSubject, validUntil: derived.validUntil })).toEqual([]);
  });

  it('leaves no term of any valid example file undefined', () => {
    for (const e of loadExamples().filter((x) => x.outcome === 'ok')) expect([e.name, undefinedTermsOfCredential(e.credential)]).toEqual([e.name, []]);
  });

  it('would catch a term the schemas do not define', () => {
    const credential = withHolder(CATALOGUE[0]!.example);
    (credential['credentialSubject'] as Record<string, unknown>)['favouriteColour'] = 'teal';
    expect(undefinedTermsOfCredential(credential)).toEqual(['credentialSubject.favouriteColour']);
  });
});
