/**
 * The example documents of every catalogue type, kept as data (test/examples/<slug>/), run by one
 * table: `-ok` files validate; `-fail` files are rejected with exactly the expected paths and codes.
 */
import { describe, expect, it } from '@jest/globals';
import { CATALOGUE, getCredentialType, validateCredential } from '@staff-passport/schemas';
import { definitionOf, exampleTitle, loadExamples } from './helpers/examples.js';

const examples = loadExamples();
const key = (i: { path: string; code: string }) => `${i.path} ${i.code}`;

describe('example documents', () => {
  it.each(examples.map((e) => [exampleTitle(e), e] as const))('%s', (_name, example) => {
    const definition = definitionOf(example);
    expect(definition).toBeDefined();
    const result = validateCredential(example.credential, definition!);
    if (example.outcome === 'ok') {
      expect(result).toEqual({ valid: true, definition });
    } else {
      expect(result.valid).toBe(false);
      const issues = result.valid ? [] : result.issues;
      expect(issues.map(key).sort()).toEqual(example.expected.map(key).sort());
      // Every issue speaks plain English.
      for (const i of issues) expect(i.message).toMatch(/^[^\s].{3,}/);
    }
  });

  it('every version the catalogue keeps has valid and invalid examples, and every example names a catalogue version', () => {
    for (const d of CATALOGUE) {
      const own = examples.filter((e) => definitionOf(e) === d);
      expect([d.schemaId, own.filter((e) => e.outcome === 'ok').length > 0, own.filter((e) => e.outcome === 'fail').length > 0]).toEqual([d.schemaId, true, true]);
    }
    // An older version's directory names a version the catalogue keeps, and not the newest.
    for (const e of examples) expect([exampleTitle(e), definitionOf(e) !== undefined && (e.version === undefined || definitionOf(e) !== getCredentialType(definitionOf(e)!.type))]).toEqual([exampleTitle(e), true]);
  });

  it('every rule code an invalid example expects is a JSON Schema keyword or a documented rule of its type', () => {
    const keywords = new Set(['required', 'enum', 'const', 'format', 'pattern', 'type', 'unknown_property', 'contains', 'minItems', 'maxItems', 'minimum', 'maximum', 'minLength', 'maxLength']);
    for (const e of examples) {
      const d = definitionOf(e)!;
      const documented = new Set((d.rules ?? []).map((r) => r.code));
      for (const { code } of e.expected) expect(keywords.has(code) || documented.has(code) ? code : `${e.slug}/${e.name}: ${code} undocumented`).toBe(code);
    }
  });

  it('the NMC example of the issue reads as the issue says', () => {
    const nmc = examples.find((e) => e.name === 'nmc-pin-wrong-format-fail')!;
    const result = validateCredential(nmc.credential, getCredentialType('ProfessionalRegistration')!);
    expect(result.valid ? [] : result.issues).toEqual([{ path: 'credentialSubject.registration.number', code: 'pattern', message: 'an NMC PIN looks like 12A3456E' }]);
  });
});
