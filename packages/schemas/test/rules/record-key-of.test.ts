/**
 * recordKeyOf: which record a credential is of, so a renewal supersedes the credential it renews
 * (issue 19 item 3): same competence or registration, whatever the case and spacing of its text.
 */
import { describe, expect, it } from '@jest/globals';
import { recordKeyOf } from '../../src/rules/record-key-of.js';

describe('recordKeyOf', () => {
  const keys: [name: string, type: string, subject: Record<string, unknown>, key: string | undefined][] = [
    ['training-by-cstf-subject-and-level-ok', 'TrainingRecord', { training: { subject: 'Resuscitation', level: 2 } }, 'TrainingRecord|resuscitation|2'],
    ['training-text-trimmed-and-lower-cased-ok', 'TrainingRecord', { training: { subject: '  FIRE-SAFETY ' } }, 'TrainingRecord|fire-safety|'],
    ['training-by-esr-competence-ok', 'TrainingRecord', { training: { esrCompetence: 'NHS|CSTF|Fire Safety - 2 Years|' } }, 'TrainingRecord|nhs|cstf|fire safety - 2 years||'],
    ['training-without-competence-none', 'TrainingRecord', { training: { level: 1 } }, undefined],
    ['training-not-an-object-none', 'TrainingRecord', { training: 'fire safety' }, undefined],
    ['registration-by-register-and-number-ok', 'ProfessionalRegistration', { registration: { register: 'NMC', number: '12A3456B' } }, 'ProfessionalRegistration|nmc|12a3456b'],
    ['registration-by-regulator-and-registration-number-ok', 'ProfessionalRegistration', { registration: { regulator: 'GMC', registrationNumber: 1234567 } }, 'ProfessionalRegistration|gmc|1234567'],
    ['registration-without-number-none', 'ProfessionalRegistration', { registration: { register: 'NMC' } }, undefined],
    ['another-type-none', 'DbsCheck', { check: { certificateNumber: '001234567890' } }, undefined],
  ];
  it.each(keys)('%s', (_name, type, subject, key) => {
    expect(recordKeyOf(type, subject)).toBe(key);
  });

  it('gives a renewal the key of the credential it renews, and another competence another key', () => {
    const first = recordKeyOf('TrainingRecord', { training: { subject: 'resuscitation', level: '2' } });
    expect(recordKeyOf('TrainingRecord', { training: { subject: 'Resuscitation', level: 2 }, completedOn: '2027-01-01' })).toBe(first);
    expect(recordKeyOf('TrainingRecord', { training: { subject: 'resuscitation', level: 3 } })).not.toBe(first);
  });
});
