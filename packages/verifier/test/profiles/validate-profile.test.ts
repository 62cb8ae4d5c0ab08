/** Check profile validation: the JSON Schema, then what a schema cannot say. */
import { describe, expect, it } from '@jest/globals';
import { PassportError } from '@staff-passport/core';
import { getProfile, validateProfile } from '../../src/profiles/index.js';

/** A mutable copy of the shipped nurse profile to break. */
function nurse(): Record<string, unknown> & { requirements: Record<string, unknown>[] } {
  return structuredClone(getProfile('registered-nurse-band-5-acute')) as unknown as Record<string, unknown> & { requirements: Record<string, unknown>[] };
}

function rejectionOf(json: unknown): PassportError {
  try {
    validateProfile(json);
  } catch (err: unknown) {
    if (err instanceof PassportError) return err;
    throw err;
  }
  throw new Error('expected ERR_PROFILE_INVALID');
}

const indexOf = (p: { requirements: Record<string, unknown>[] }, id: string) => p.requirements.findIndex((r) => r['id'] === id);

describe('validateProfile', () => {
  it('accepts a shipped profile and returns a copy', () => {
    const source = nurse();
    const profile = validateProfile(source);
    expect(profile).toEqual(source);
    expect(profile).not.toBe(source);
  });

  const cases: [string, (p: ReturnType<typeof nurse>) => void, string, string][] = [
    ['a missing top-level field', (p) => delete p['statusUnknown'], 'statusUnknown', 'required'],
    ['an unknown status policy', (p) => (p['statusUnknown'] = 'ignore'), 'statusUnknown', 'enum'],
    ['an unknown field', (p) => (p['colour'] = 'blue'), 'colour', 'unknown_property'],
    ['a requirement id DCQL cannot carry', (p) => (p.requirements[0]!['id'] = 'identity check'), 'requirements.0.id', 'pattern'],
    ['an unknown rule kind', (p) => (p.requirements[0]!['rule'] = { kind: 'vibes' }), 'requirements.0.rule.kind', 'discriminator'],
    ['a bad GPG 45 level', (p) => (p.requirements[0]!['rule'] = { kind: 'identity', minimumLevel: 'great' }), 'requirements.0.rule.minimumLevel', 'enum'],
    ['a type the rule cannot read', (p) => ((p.requirements[0]!['accepts'] as { type: string }[])[0]!.type = 'DbsCheck'), 'requirements.0.accepts.0.type', 'type_not_for_rule'],
    ['a type not in the catalogue', (p) => ((p.requirements[0]!['accepts'] as { type: string }[])[0]!.type = 'Passport'), 'requirements.0.accepts.0.type', 'enum'],
    ['a claim the type does not have', (p) => (p.requirements[0]!['accepts'] as { claims: string[] }[])[0]!.claims.push('identity.shoeSize'), 'requirements.0.accepts.0.claims.8', 'unknown_claim'],
    [
      'a claim the rule reads left out',
      (p) => ((p.requirements[0]!['accepts'] as { claims: string[] }[])[0]!.claims = ['identity.reverifyBy']),
      'requirements.0.accepts.0.claims',
      'rule_claim_missing',
    ],
    ['a duplicate requirement id', (p) => (p.requirements[1]!['id'] = 'identity'), 'requirements.1.id', 'duplicate'],
    [
      'reliance laxer than the rule it cites allows (a new employer relying on right to work)',
      (p) => ((p.requirements[1]!['reliance'] as Record<string, unknown>)['new_employer'] = { decision: 'rely', basis: 'rtw-own-check' }),
      'requirements.1.reliance.new_employer.decision',
      'reliance_too_lax',
    ],
    ['a reliance basis not in the reference data', (p) => ((p.requirements[1]!['reliance'] as Record<string, unknown>)['new_employer'] = { decision: 'repeat', basis: 'hunch' }), 'requirements.1.reliance.new_employer.basis', 'enum'],
    ['a kind of move that does not exist', (p) => ((p.requirements[1]!['reliance'] as Record<string, unknown>)['holiday'] = { decision: 'repeat', basis: 'rtw-own-check' }), 'requirements.1.reliance.holiday', 'unknown_property'],
    [
      'a negative employment gap tolerance',
      (p) => ((p.requirements[indexOf(p, 'employment_history')]!['rule'] as Record<string, unknown>)['gapToleranceDays'] = -1),
      'requirements.6.rule.gapToleranceDays',
      'minimum',
    ],
    [
      'a CSTF level the subject does not have',
      (p) => {
        const i = indexOf(p, 'statutory_mandatory_training');
        const rule = p.requirements[i]!['rule'] as { subjects: { subject: string; level: number }[] };
        rule.subjects.find((s) => s.subject === 'fire_safety')!.level = 2;
      },
      'requirements.5.rule.subjects.2.level',
      'level_not_in_framework',
    ],
    [
      'an enhanced DBS without a workforce',
      (p) => delete (p.requirements[indexOf(p, 'dbs')]!['rule'] as Record<string, unknown>)['workforce'],
      'requirements.3.rule.workforce',
      'required',
    ],
  ];

  it.each(cases)('rejects %s with ERR_PROFILE_INVALID naming the field', (_what, breakIt, field, code) => {
    const p = nurse();
    breakIt(p);
    const err = rejectionOf(p);
    expect(err.code).toBe('ERR_PROFILE_INVALID');
    expect(err.field).toBe(field);
    expect(err.issues.map((i) => i.code)).toContain(code);
  });

  it('rejects a role code of another framework', () => {
    const p = structuredClone(getProfile('nhs-111-health-advisor')) as unknown as { requirements: { id: string; rule: Record<string, unknown> }[] };
    const req = p.requirements.find((r) => r.id === 'role_competence')!;
    req.rule['roleCodes'] = ['pcc_support_worker'];
    const err = rejectionOf(p);
    expect(err.issues).toEqual([expect.objectContaining({ code: 'role_not_in_framework' })]);
  });

  it('rejects what is not an object', () => {
    expect(rejectionOf('nurse').code).toBe('ERR_PROFILE_INVALID');
    expect(rejectionOf(null).code).toBe('ERR_PROFILE_INVALID');
  });
});
