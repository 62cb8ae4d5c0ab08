/** Rule functions over the reference data. */
import { describe, expect, it } from '@jest/globals';
import {
  allRequiredInDate,
  isIdentityLevelAcceptable,
  isRegistrationActive,
  isTrainingInDate,
  professionalRegistrationType,
  recordKeyOf,
  rightToWorkReliance,
  rightToWorkType,
  standingOn,
  summaryCoversRole,
  trainingExpiry,
  trainingSummaryType,
  unexplainedGaps,
  updateServiceFoundNewInformation,
  type ProfessionalRegistrationSubject,
  type RightToWorkSubject,
  type TrainingSummarySubject,
} from '@staff-passport/schemas';
import { withHolder } from './helpers/examples.js';

const subjectOf = <T>(example: Readonly<Record<string, unknown>>): T => withHolder(example)['credentialSubject'] as T;

describe('training expiry and in date', () => {
  it('adds the refresher period, clamping month ends', () => {
    expect(trainingExpiry('fire_safety', 1, '2026-03-01')).toBe('2028-03-01');
    expect(trainingExpiry('resuscitation', 2, '2024-02-29')).toBe('2025-02-28');
    expect(trainingExpiry('infection_prevention_control', 2, '2026-03-02')).toBe('2027-03-02');
  });

  it('is in date through the expiry day', () => {
    expect(isTrainingInDate({ expiresOn: '2027-01-31' }, '2027-01-31')).toBe(true);
    expect(isTrainingInDate({ expiresOn: '2027-01-31' }, '2027-02-01')).toBe(false);
    expect(standingOn('fire_safety', 1, '2026-01-10', '2027-06-01')).toEqual({ status: 'in_date', expiresOn: '2028-01-10' });
    expect(standingOn('fire_safety', 2, '2026-01-10', '2027-06-01')).toBeUndefined();
  });
});

describe('whether a training summary covers a role', () => {
  const summary = subjectOf<TrainingSummarySubject>(trainingSummaryType.example).summary;

  it('covers subjects in date at or above the level needed', () => {
    expect(summaryCoversRole(summary, [{ subject: 'fire_safety', level: 1 }, { subject: 'resuscitation', level: 1 }], '2026-11-21')).toEqual({ covered: true, uncovered: [] });
    expect(allRequiredInDate(summary.subjects)).toBe(true);
  });

  it('names what is missing: level too low, expired by the day asked, never completed', () => {
    const subjects = { ...summary.subjects, safeguarding_children: { status: 'not_completed' as const } };
    const result = summaryCoversRole(
      { subjects },
      [
        { subject: 'resuscitation', level: 3 },
        { subject: 'information_governance_data_security', level: 1 },
        { subject: 'safeguarding_children', level: 1 },
      ],
      '2027-05-01',
    );
    expect(result).toEqual({
      covered: false,
      uncovered: [
        { subject: 'resuscitation', level: 3, reason: 'level_too_low' },
        { subject: 'information_governance_data_security', level: 1, reason: 'expired' },
        { subject: 'safeguarding_children', level: 1, reason: 'not_completed' },
      ],
    });
    expect(allRequiredInDate(subjects)).toBe(false);
  });
});

describe('right to work reliance', () => {
  const listB = subjectOf<RightToWorkSubject>(rightToWorkType.example).rightToWork;

  it('relies on List B until the follow-up check falls due', () => {
    expect(rightToWorkReliance(listB, '2027-01-04')).toEqual({ reliable: true });
    expect(rightToWorkReliance(listB, '2028-03-01')).toEqual({ reliable: false, reason: 'follow_up_due' });
    expect(rightToWorkReliance(listB, '2028-04-01')).toEqual({ reliable: false, reason: 'permission_expired' });
  });

  it('does not rely on right to work once the passport it relied on has expired (identity may still be relied on)', () => {
    const listA: RightToWorkSubject['rightToWork'] = { method: 'manual', listType: 'ListA', documentKind: 'british_passport', documentExpiresOn: '2027-06-30' };
    expect(rightToWorkReliance(listA, '2027-06-30')).toEqual({ reliable: true });
    expect(rightToWorkReliance(listA, '2027-07-01')).toEqual({ reliable: false, reason: 'document_expired' });
  });
});

describe('registration and identity predicates', () => {
  const registration = subjectOf<ProfessionalRegistrationSubject>(professionalRegistrationType.example).registration;

  it('a registration is active while registered (with or without conditions) and not past renewal', () => {
    expect(isRegistrationActive(registration, '2026-11-21')).toBe(true);
    expect(isRegistrationActive({ ...registration, status: 'registered_with_conditions' }, '2026-11-21')).toBe(true);
    expect(isRegistrationActive({ ...registration, status: 'suspended' }, '2026-11-21')).toBe(false);
    expect(isRegistrationActive(registration, '2027-09-01')).toBe(false);
  });

  it('counts conditions of practice and undertakings as active, an interim suspension, not practising or an unpaid fee as not', () => {
    const on = (status: ProfessionalRegistrationSubject['registration']['status']) => isRegistrationActive({ ...registration, status }, '2026-11-21');
    expect(['conditions_of_practice', 'undertakings', 'interim_suspension', 'not_currently_practising', 'lapsed_unpaid_fee'].map((s) => on(s as never))).toEqual([true, true, false, false, false]);
  });

  it('a GMC registration without a licence to practise is not active; a 1.0.0 credential that does not say counts as before', () => {
    const gmc = { ...registration, regulator: 'GMC' as const, number: '7654321' };
    expect(isRegistrationActive({ ...gmc, licenceToPractise: true }, '2026-11-21')).toBe(true);
    expect(isRegistrationActive({ ...gmc, licenceToPractise: false }, '2026-11-21')).toBe(false);
    expect(isRegistrationActive(gmc, '2026-11-21')).toBe(true);
  });

  it('employers accept GPG 45 medium confidence or higher', () => {
    expect(isIdentityLevelAcceptable('low')).toBe(false);
    expect(isIdentityLevelAcceptable('medium')).toBe(true);
    expect(isIdentityLevelAcceptable('very_high')).toBe(true);
  });
});

describe('employment history gaps', () => {
  const employments = [
    { startOn: '2023-01-01', endOn: '2024-01-01' },
    { startOn: '2024-01-20', endOn: '2024-06-30' },
    { startOn: '2024-09-01' },
  ];

  it('finds gaps longer than the tolerance that no explained gap covers', () => {
    expect(unexplainedGaps({ coversFrom: '2023-01-01', coversTo: '2026-01-01', employments })).toEqual([{ fromOn: '2024-07-01', toOn: '2024-08-31' }]);
    expect(unexplainedGaps({ coversFrom: '2023-01-01', coversTo: '2026-01-01', employments, gaps: [{ fromOn: '2024-07-01', toOn: '2024-08-31' }] })).toEqual([]);
  });

  it('counts the time before the first and after the last employment', () => {
    expect(unexplainedGaps({ coversFrom: '2022-06-01', coversTo: '2026-01-01', employments: [{ startOn: '2023-01-01', endOn: '2025-06-30' }] })).toEqual([
      { fromOn: '2022-06-01', toOn: '2022-12-31' },
      { fromOn: '2025-07-01', toOn: '2026-01-01' },
    ]);
  });
});

describe('the DBS Update Service status of either DbsCheck version', () => {
  it('reads 2.0.0 results and 1.0.0 values alike, and nothing else', () => {
    expect(['current_and_clear', 'current', 'no_longer_current', 'no_new_information', 'new_information'].map(updateServiceFoundNewInformation)).toEqual([false, false, true, false, true]);
    expect([undefined, 'constructor', 'toString', 7].map(updateServiceFoundNewInformation)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('which record a credential is of, for renewal (issue 19 item 3)', () => {
  it('a training record by its competence and level; a registration by register and number; case and spaces aside', () => {
    expect(recordKeyOf('TrainingRecord', { training: { subject: 'fire_safety', level: 1, completedOn: '2026-01-01' } })).toBe('TrainingRecord|fire_safety|1');
    expect(recordKeyOf('TrainingRecord', { training: { subject: 'fire_safety', level: 1, completedOn: '2027-01-01' } })).toBe('TrainingRecord|fire_safety|1');
    expect(recordKeyOf('TrainingRecord', { training: { esrCompetence: ' NHS|CSTF|Fire Safety - 2 Years| ' } })).toBe('TrainingRecord|nhs|cstf|fire safety - 2 years||');
    expect(recordKeyOf('ProfessionalRegistration', { registration: { regulator: 'NMC', number: '12A3456E' } })).toBe('ProfessionalRegistration|nmc|12a3456e');
  });

  it('nothing for a credential that is not renewed this way', () => {
    expect(recordKeyOf('DbsCheck', { dbs: { level: 'enhanced' } })).toBeUndefined();
    expect(recordKeyOf('TrainingRecord', { training: { level: 1 } })).toBeUndefined();
  });
});
