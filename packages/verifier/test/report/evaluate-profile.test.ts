/** The new-starter report: a presentation's verified credentials against a check profile. */
import { describe, expect, it } from '@jest/globals';
import { PassportError } from '@staff-passport/core';
import { getProfile, listProfiles, type CheckProfile } from '../../src/profiles/index.js';
import { evaluateProfile, type ProfileReport, type VerifiedCredential } from '../../src/report/index.js';
import { HOLDER, nursePassport, statusUnknownChecks, trainingRecords, viewOf } from './helpers/passport.js';

const nurse = getProfile('registered-nurse-band-5-acute');
const startDate = '2026-10-05';
const now = new Date('2026-10-03T09:00:00Z');
const evaluate = (views: VerifiedCredential[], profile: CheckProfile = nurse, at = now): ProfileReport => evaluateProfile(profile, views, { startDate, now: at });
const requirement = (report: ProfileReport, id: string) => {
  const r = report.requirements.find((x) => x.id === id);
  if (!r) throw new Error(`no requirement ${id}`);
  return r;
};
const codes = (report: ProfileReport) => report.overall.reasons.map((r) => r.code);

describe('a full registered nurse passport from the catalogue examples', () => {
  const views = nursePassport();
  const report = evaluate(views);

  it("is ready once the new employer's own checks are done, every requirement satisfied by the credential that shows it", () => {
    // A new employer (the default move) sees the originals, does its own right to work check and
    // the live register and DBS Update Service checks: the corrected law, not ready_to_start.
    expect(report.overall).toEqual(expect.objectContaining({ decision: 'ready_once_checks_done', reasons: [] }));
    expect(report.overall.todo.map((t) => t.id)).toEqual(['identity:identity_in_person', 'right_to_work:right_to_work_check', 'professional_registration:register_check', 'dbs:dbs_status_check']);
    expect(report.requirements.map((r) => [r.id, r.outcome])).toEqual(nurse.requirements.map((r) => [r.id, 'satisfied']));
    expect(requirement(report, 'professional_registration').satisfiedBy).toEqual([2]);
    // The summary covers every subject: the fire safety record is not needed.
    expect(requirement(report, 'statutory_mandatory_training').satisfiedBy).toEqual([5]);
    expect(requirement(report, 'employment_history').satisfiedBy).toEqual([7]);
  });

  it('lists every credential with its standing and what it was used for', () => {
    expect(report.credentials).toHaveLength(views.length);
    expect(report.credentials[3]).toMatchObject({ index: 3, types: ['DbsCheck'], standing: 'verified', usable: true, failures: [], usedFor: ['dbs'] });
    expect(report.credentials[6]?.usedFor).toEqual([]);
    expect(report.credentials[8]?.usedFor).toEqual(['references']);
  });

  it('says a person reviews, and records the profile, start date and time', () => {
    expect(report.overall.review).toMatch(/never rejects/);
    expect(report).toMatchObject({ profile: { id: nurse.id, version: '1.1.0', statusUnknown: 'needs-action' }, move: { kind: 'new_employer' }, startDate, evaluatedAt: now.toISOString() });
  });
});

describe('training', () => {
  it('one record out of date on the start date: needs action, naming the subject', () => {
    // Fire safety (2-year refresher) completed 2024-10-02 expires 2026-10-02: valid today, not on the start date.
    const views = nursePassport({ TrainingSummary: 'omit', TrainingRecord: 'omit' });
    const records = trainingRecords(views.length, { fire_safety: '2024-10-02' });
    const report = evaluate([...views, ...records]);
    expect(report.overall.decision).toBe('needs_action');
    expect(report.overall.reasons).toEqual([
      expect.objectContaining({ code: 'TRAINING_OUT_OF_DATE', subject: 'fire_safety', requirementId: 'statutory_mandatory_training', credentialIndex: records[2]!.index }),
    ]);
    expect(report.overall.reasons[0]?.message).toMatch(/Fire Safety expires on 2026-10-02/);
    expect(requirement(report, 'statutory_mandatory_training').outcome).toBe('not_satisfied');
  });

  it('takes each subject from a record or a summary, whichever covers it', () => {
    const views = nursePassport({ TrainingSummary: { set: { 'summary.subjects.fire_safety': { status: 'not_completed' }, 'summary.allRequiredInDate': undefined } } });
    const report = evaluate(views);
    expect(requirement(report, 'statutory_mandatory_training')).toMatchObject({ outcome: 'satisfied', satisfiedBy: [5, 6] });
  });

  it('names a subject missing, a level too low, and a subject the summary did not disclose', () => {
    const views = nursePassport({
      TrainingRecord: 'omit',
      TrainingSummary: {
        set: { 'summary.subjects.resuscitation': { status: 'in_date', level: 1, completedOn: '2026-01-20' } },
        withhold: ['summary.subjects.safeguarding_children'],
      },
    });
    const reasons = requirement(evaluate(views), 'statutory_mandatory_training').reasons;
    expect(reasons.map((r) => [r.code, r.subject])).toEqual([
      ['TRAINING_LEVEL_TOO_LOW', 'resuscitation'],
      ['CLAIM_NOT_DISCLOSED', 'safeguarding_children'],
    ]);
    const noTraining = evaluate(nursePassport({ TrainingRecord: 'omit', TrainingSummary: 'omit' }));
    expect(requirement(noTraining, 'statutory_mandatory_training')).toMatchObject({ outcome: 'missing', reasons: [{ code: 'REQUIREMENT_MISSING' }] });
  });

  it('does not count training from an issuer without a CSTF Declaration of Alignment', () => {
    const views = nursePassport({ TrainingSummary: { set: { 'summary.issuerAligned': false } }, TrainingRecord: { set: { 'training.issuerAligned': false } } });
    const reasons = requirement(evaluate(views), 'statutory_mandatory_training').reasons;
    expect(new Set(reasons.map((r) => r.code))).toEqual(new Set(['TRAINING_ISSUER_NOT_ALIGNED']));
    expect(reasons).toHaveLength(12); // 11 subjects from the summary, and fire safety from the record too
  });
});

describe('employment checks', () => {
  it('a missing DBS check is missing', () => {
    const report = evaluate(nursePassport({ DbsCheck: 'omit' }));
    expect(requirement(report, 'dbs')).toMatchObject({ outcome: 'missing', satisfiedBy: [], reasons: [{ code: 'REQUIREMENT_MISSING' }] });
    expect(report.overall.decision).toBe('needs_action');
    expect(report.overall.reasons).toEqual([expect.objectContaining({ code: 'REQUIREMENT_MISSING', requirementId: 'dbs' })]);
  });

  it('a suspended registration is not satisfied', () => {
    const report = evaluate(nursePassport({ ProfessionalRegistration: { set: { 'registration.status': 'suspended' } } }));
    expect(requirement(report, 'professional_registration')).toMatchObject({ outcome: 'not_satisfied', reasons: [expect.objectContaining({ code: 'REGISTRATION_SUSPENDED', credentialIndex: 2 })] });
    expect(report.overall.decision).toBe('needs_action');
  });

  it('a registration with conditions, another regulator or register part needs a person to look', () => {
    const report = evaluate(
      nursePassport({ ProfessionalRegistration: { set: { 'registration.status': 'registered_with_conditions', 'registration.registerPart': 'Registered Nurse - Children' } } }),
    );
    expect(requirement(report, 'professional_registration').reasons.map((r) => r.code)).toEqual(['REGISTRATION_HAS_CONDITIONS', 'REGISTRATION_PART_MISMATCH']);
  });

  it('a renewal date before the start shows even when the date itself was withheld (validUntil)', () => {
    const renewal = { 'registration.renewalDueOn': '2026-10-04', 'registration.revalidationDueOn': '2026-10-04' };
    const shown = evaluate(nursePassport({ ProfessionalRegistration: { set: renewal } }));
    expect(requirement(shown, 'professional_registration').reasons.map((r) => r.code)).toEqual(['REGISTRATION_RENEWAL_DUE', 'REGISTRATION_REVALIDATION_DUE']);
    const withheld = evaluate(nursePassport({ ProfessionalRegistration: { set: renewal, withhold: ['registration.renewalDueOn', 'registration.revalidationDueOn'], format: 'dc+sd-jwt' } }));
    expect(requirement(withheld, 'professional_registration').reasons.map((r) => r.code)).toEqual(['CREDENTIAL_EXPIRES_BEFORE_START']);
  });

  it('a DBS certificate too old is accepted when on the Update Service with a recent clear status check', () => {
    const old = { 'dbs.issuedOn': '2021-01-10' };
    const onUpdateService = evaluate(nursePassport({ DbsCheck: { set: { ...old, 'dbs.updateService': { subscribed: true, lastStatusCheckOn: '2026-09-25', lastStatus: 'current_and_clear' } } } }));
    expect(requirement(onUpdateService, 'dbs')).toMatchObject({ outcome: 'satisfied', satisfiedBy: [3] });
    const staleCheck = evaluate(nursePassport({ DbsCheck: { set: { ...old, 'dbs.updateService': { subscribed: true, lastStatusCheckOn: '2026-06-01', lastStatus: 'current_and_clear' } } } }));
    expect(requirement(staleCheck, 'dbs').reasons.map((r) => r.code)).toEqual(['DBS_TOO_OLD']);
    const notSubscribed = evaluate(nursePassport({ DbsCheck: { set: { ...old, 'dbs.updateService': { subscribed: false } } } }));
    expect(requirement(notSubscribed, 'dbs').reasons.map((r) => r.code)).toEqual(['DBS_TOO_OLD']);
    const news = evaluate(nursePassport({ DbsCheck: { set: { ...old, 'dbs.updateService': { subscribed: true, lastStatusCheckOn: '2026-09-25', lastStatus: 'no_longer_current' } } } }));
    expect(requirement(news, 'dbs').reasons.map((r) => r.code)).toEqual(['DBS_NEW_INFORMATION']);
    // A certificate that revealed information but has no new information since (result current) counts too.
    const current = evaluate(nursePassport({ DbsCheck: { set: { ...old, 'dbs.updateService': { subscribed: true, lastStatusCheckOn: '2026-09-25', lastStatus: 'current' } } } }));
    expect(requirement(current, 'dbs')).toMatchObject({ outcome: 'satisfied', satisfiedBy: [3] });
  });

  it('a DBS check for the wrong workforce, level or decision is not satisfied', () => {
    const child = evaluate(nursePassport({ DbsCheck: { set: { 'dbs.workforce': 'child', 'dbs.barredListsChecked': ['children'] } } }));
    expect(requirement(child, 'dbs').reasons.map((r) => r.code)).toEqual(['DBS_WORKFORCE_MISMATCH', 'DBS_BARRED_LISTS_MISSING']);
    const enhanced = evaluate(nursePassport({ DbsCheck: { set: { 'dbs.level': 'enhanced', 'dbs.barredListsChecked': undefined, 'dbs.decision': 'not_satisfactory' } } }));
    expect(requirement(enhanced, 'dbs').reasons.map((r) => r.code)).toEqual(['DBS_NOT_SATISFACTORY', 'DBS_LEVEL_TOO_LOW', 'DBS_BARRED_LISTS_MISSING']);
    // Both workforces cover an adult ward.
    const both = evaluate(nursePassport({ DbsCheck: { set: { 'dbs.workforce': 'adult_and_child', 'dbs.barredListsChecked': ['adults', 'children'] } } }));
    expect(requirement(both, 'dbs').outcome).toBe('satisfied');
  });

  it('a right to work that expires before the start date is not satisfied', () => {
    const report = evaluate(nursePassport({ RightToWork: { set: { 'rightToWork.permissionExpiresOn': '2026-10-04', 'rightToWork.followUpDueOn': '2026-09-30' } } }));
    expect(requirement(report, 'right_to_work')).toMatchObject({ outcome: 'not_satisfied', reasons: [expect.objectContaining({ code: 'RIGHT_TO_WORK_PERMISSION_EXPIRED' })] });
    const followUp = evaluate(nursePassport({ RightToWork: { set: { 'rightToWork.followUpDueOn': '2026-10-05' } } }));
    expect(requirement(followUp, 'right_to_work').reasons.map((r) => r.code)).toEqual(['RIGHT_TO_WORK_FOLLOW_UP_DUE']);
  });

  it('identity below medium confidence, or due for re-verification, is not satisfied', () => {
    const low = evaluate(nursePassport({ IdentityVerification: { set: { 'identity.confidenceLevel': 'low', 'identity.profile': 'L1A' } } }));
    expect(requirement(low, 'identity').reasons.map((r) => r.code)).toEqual(['IDENTITY_LEVEL_TOO_LOW']);
  });

  it('occupational health: an immunity not cleared is named', () => {
    const report = evaluate(nursePassport({ OccupationalHealthClearance: { set: { 'clearance.immunity.varicella': 'not_cleared' } } }));
    expect(requirement(report, 'occupational_health').reasons).toEqual([expect.objectContaining({ code: 'OH_IMMUNITY_NOT_CLEARED', subject: 'varicella' })]);
  });

  it('employment history: a gap whose explanation was withheld; references alone that cover the years', () => {
    // The catalogue refuses to issue a history with an unexplained gap: an SD-JWT holder can still withhold the explanations.
    const gap = evaluate(nursePassport({ EmploymentHistory: { withhold: ['history.gaps'], format: 'dc+sd-jwt' }, EmploymentReference: 'omit' }));
    expect(requirement(gap, 'employment_history').reasons).toEqual([expect.objectContaining({ code: 'HISTORY_GAP_UNEXPLAINED', subject: '2025-04-01/2025-08-31' })]);
    // The reference example runs 2021-09-06 to 2026-09-30: with no history it covers the three years before the start.
    const refs = evaluate(nursePassport({ EmploymentHistory: 'omit' }));
    expect(requirement(refs, 'employment_history')).toMatchObject({ outcome: 'satisfied', satisfiedBy: [7] });
  });

  it("employment history: the gap tolerance is the profile's (local policy)", () => {
    // The withheld explanation leaves a gap of 153 days (2025-04-01 to 2025-08-31).
    const withGapTolerance = (days: number): CheckProfile => ({
      ...nurse,
      requirements: nurse.requirements.map((r) => (r.rule.kind === 'employment_history' ? { ...r, rule: { ...r.rule, gapToleranceDays: days } } : r)),
    });
    const views = nursePassport({ EmploymentHistory: { withhold: ['history.gaps'], format: 'dc+sd-jwt' }, EmploymentReference: 'omit' });
    expect(requirement(evaluate(views, withGapTolerance(153)), 'employment_history').outcome).toBe('satisfied');
    expect(requirement(evaluate(views, withGapTolerance(152)), 'employment_history').reasons.map((r) => r.code)).toEqual(['HISTORY_GAP_UNEXPLAINED']);
  });

  it('references: too few, or one not satisfactory', () => {
    const bad = evaluate(nursePassport({ EmploymentReference: { set: { 'reference.outcome': 'not_satisfactory' } } }));
    expect(requirement(bad, 'references').reasons.map((r) => r.code)).toEqual(['REFERENCE_NOT_SATISFACTORY', 'REFERENCES_TOO_FEW']);
  });

  it('the same reference presented twice counts once', () => {
    const views = nursePassport();
    const twice = [...views, { ...views[8]!, index: views.length }];
    const needsTwo: CheckProfile = {
      ...nurse,
      requirements: nurse.requirements.map((r) => (r.rule.kind === 'references' ? { ...r, rule: { kind: 'references', minimum: 2 } } : r)),
    };
    expect(requirement(evaluate(twice, needsTwo), 'references').reasons.map((r) => r.code)).toEqual(['REFERENCES_TOO_FEW']);
  });

  it('an optional requirement not met does not hold up the decision', () => {
    const report = evaluate(nursePassport({ EmploymentAssignment: 'omit' }));
    expect(requirement(report, 'employment_assignment').outcome).toBe('missing');
    expect(report.overall.decision).toBe('ready_once_checks_done');
    expect(report.overall.todo.map((t) => t.requirementId)).not.toContain('employment_assignment');
  });
});

describe('verification results', () => {
  it('an unverified credential cannot satisfy a requirement, and is listed with why', () => {
    const failed = [{ check: 'signature', outcome: 'failed' as const, code: 'ERR_VC_SIGNATURE_INVALID' as const, message: 'bad signature', credentialIndex: 2 }];
    const report = evaluate(nursePassport({ ProfessionalRegistration: { checks: failed } }));
    expect(requirement(report, 'professional_registration')).toMatchObject({
      outcome: 'not_satisfied',
      satisfiedBy: [],
      reasons: [expect.objectContaining({ code: 'CREDENTIAL_NOT_VERIFIED', credentialIndex: 2 })],
    });
    expect(report.credentials[2]).toMatchObject({ standing: 'failed', usable: false, failures: [{ check: 'signature', code: 'ERR_VC_SIGNATURE_INVALID', message: 'bad signature' }] });
  });

  it('verified: false with no failed check still cannot satisfy', () => {
    const report = evaluate(nursePassport({ DbsCheck: { verified: false } }));
    expect(requirement(report, 'dbs').reasons.map((r) => r.code)).toEqual(['CREDENTIAL_NOT_VERIFIED']);
  });

  it('an unverified training record is named by its subject', () => {
    const report = evaluate(nursePassport({ TrainingSummary: 'omit', TrainingRecord: { verified: false, checks: [{ check: 'validity', outcome: 'failed', code: 'ERR_VC_EXPIRED' }] } }));
    const reasons = requirement(report, 'statutory_mandatory_training').reasons;
    expect(reasons).toContainEqual(expect.objectContaining({ code: 'CREDENTIAL_NOT_VERIFIED', subject: 'fire_safety', credentialIndex: 5 }));
    expect(reasons.filter((r) => r.code === 'TRAINING_MISSING')).toHaveLength(11);
  });

  describe('a status that could not be checked', () => {
    const views = nursePassport({ DbsCheck: { checks: statusUnknownChecks(3) } });

    it('needs-action: the requirement needs a person to check the status again', () => {
      const report = evaluate(views);
      expect(requirement(report, 'dbs')).toMatchObject({ outcome: 'not_satisfied', satisfiedBy: [], reasons: [expect.objectContaining({ code: 'STATUS_UNKNOWN', credentialIndex: 3 })] });
      expect(report.overall.decision).toBe('needs_action');
      expect(report.credentials[3]).toMatchObject({ standing: 'status_unknown', usable: false, failures: [expect.objectContaining({ code: 'ERR_STATUS_UNKNOWN' })] });
    });

    it('accept: the requirement is satisfied, with a note', () => {
      const accepting: CheckProfile = { ...nurse, statusUnknown: 'accept' };
      const report = evaluate(views, accepting);
      expect(requirement(report, 'dbs')).toMatchObject({ outcome: 'satisfied', satisfiedBy: [3], reasons: [expect.objectContaining({ code: 'STATUS_UNKNOWN_ACCEPTED' })] });
      expect(report.overall.decision).toBe('ready_once_checks_done');
      expect(report.credentials[3]).toMatchObject({ standing: 'status_unknown', usable: true });
    });

    it('a status check skipped (verified true) follows the same policy', () => {
      const skipped = nursePassport({ DbsCheck: { checks: statusUnknownChecks(3, 'skipped') } });
      expect(requirement(evaluate(skipped), 'dbs').reasons.map((r) => r.code)).toEqual(['STATUS_UNKNOWN']);
    });

    it('a credential whose status is known wins over one whose status is not', () => {
      const both = [...views, viewOf('DbsCheck', views.length, { set: { 'dbs.certificateNumber': '001234567891' } })];
      expect(requirement(evaluate(both), 'dbs')).toMatchObject({ outcome: 'satisfied', satisfiedBy: [views.length], reasons: [] });
    });
  });

  it('credentials about different people need a person to look', () => {
    const views = nursePassport({ DbsCheck: { set: { id: 'did:key:z6MkotherPerson' } } });
    expect(codes(evaluate(views))).toEqual(['SUBJECT_MISMATCH']);
    expect(views[0]?.subject['id']).toBe(HOLDER);
  });
});

describe('other shipped profiles', () => {
  it.each(listProfiles().map((p) => [p.id, p] as [string, CheckProfile]))('%s: an empty presentation needs action, every required requirement missing', (_id, profile) => {
    const report = evaluate([], profile);
    expect(report.overall.decision).toBe('needs_action');
    expect(report.requirements.every((r) => r.outcome === 'missing')).toBe(true);
    expect(new Set(codes(report))).toEqual(new Set(['REQUIREMENT_MISSING']));
  });

  it('doctor in training: the placement must cover the start date', () => {
    const doctor = getProfile('doctor-in-training-placement');
    const inside = evaluate([viewOf('TrainingPlacement', 0)], doctor);
    expect(requirement(inside, 'training_placement').outcome).toBe('satisfied');
    const later = evaluateProfile(doctor, [viewOf('TrainingPlacement', 0)], { startDate: '2027-03-01', now });
    expect(requirement(later, 'training_placement').reasons.map((r) => r.code)).toEqual(['PLACEMENT_NOT_CURRENT']);
  });

  it('NHS 111 health advisor: IUC role competence at level 3', () => {
    const advisor = getProfile('nhs-111-health-advisor');
    expect(requirement(evaluate([viewOf('RoleCompetence', 0)], advisor), 'role_competence').outcome).toBe('satisfied');
    const clinical = getProfile('nhs-111-clinical-advisor');
    expect(requirement(evaluate([viewOf('RoleCompetence', 0)], clinical), 'role_competence').reasons.map((r) => r.code)).toEqual(['ROLE_NOT_ACCEPTED', 'ROLE_LEVEL_TOO_LOW']);
  });
});

describe('bad calls throw', () => {
  const expectInvalid = (fn: () => unknown, field: string) => {
    try {
      fn();
      throw new Error('expected ERR_REQUEST_INVALID');
    } catch (err: unknown) {
      expect(err).toBeInstanceOf(PassportError);
      expect((err as PassportError).code).toBe('ERR_REQUEST_INVALID');
      expect((err as PassportError).field).toBe(field);
    }
  };

  it('a start date that is not a calendar date', () => {
    expectInvalid(() => evaluateProfile(nurse, [], { startDate: '2026-02-30', now }), 'startDate');
    expectInvalid(() => evaluateProfile(nurse, [], { startDate: '05/10/2026', now }), 'startDate');
  });

  it('two credentials with one index', () => {
    expectInvalid(() => evaluateProfile(nurse, [viewOf('DbsCheck', 0), viewOf('RightToWork', 0)], { startDate, now }), 'credentials');
  });
});
