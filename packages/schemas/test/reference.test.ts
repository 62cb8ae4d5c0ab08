/**
 * Reference data is data with sources: one place each, every entry naming where it comes from,
 * and what DOMAIN.md marks [verify] marked `verify: true`.
 */
import { describe, expect, it } from '@jest/globals';
import {
  ACTIVE_REGISTRATION_STATUSES,
  AFC_BANDS,
  CAREER_FRAMEWORKS,
  CAREER_FRAMEWORK_LEVELS,
  CSTF_EDITIONS,
  CSTF_SUBJECTS,
  CRIMINAL_RECORD_LEVELS,
  CRIMINAL_RECORD_SCHEMES,
  CRIMINAL_RECORD_SCHEME_CODES,
  CSTF_SUBJECT_CODES,
  DBS_CERTIFICATE_NUMBER,
  DBS_LEVELS,
  DBS_UPDATE_SERVICE,
  GPG45_LEVELS,
  GPG45_PROFILE,
  GPG45_PROFILES,
  GPG45_PROFILES_BY_LEVEL,
  IUC_ROLES,
  NATIONAL_INSURANCE_NUMBER,
  OCCUPATION_CODES,
  REGISTRATION_STATUSES,
  RESUSCITATION_VARIANT_CODES,
  RESUSCITATION_VARIANT_LEVELS,
  REGULATORS,
  REGULATOR_CODES,
  STAFF_GROUPS,
  STAFF_GROUP_CODES,
  TRAINING_PROGRAMMES,
  TRAINING_PROGRAMME_CODES,
  UPDATE_SERVICE_STATUS_RESULTS,
} from '@staff-passport/schemas';

describe('reference data', () => {
  it('has the eleven CSTF subjects, each with a source, and the [verify] periods marked', () => {
    expect(CSTF_SUBJECT_CODES).toHaveLength(11);
    for (const code of CSTF_SUBJECT_CODES) expect(CSTF_SUBJECTS[code].source.length).toBeGreaterThan(0);
    for (const code of ['information_governance_data_security', 'moving_handling', 'preventing_radicalisation', 'resuscitation', 'safeguarding_adults', 'safeguarding_children'] as const) {
      expect(CSTF_SUBJECTS[code].verify).toBe(true);
    }
  });

  it('has the two live CSTF editions and the resuscitation variants at levels 2 and 3', () => {
    expect(Object.entries(CSTF_EDITIONS).map(([code, e]) => [code, e.currentVersion])).toEqual([
      ['cstf_england', '1.1'],
      ['uk_cstf', '1.6'],
    ]);
    expect([RESUSCITATION_VARIANT_CODES, RESUSCITATION_VARIANT_LEVELS]).toEqual([['adult', 'paediatric', 'newborn'], [2, 3]]);
  });

  it('has the Oliver McGowan Mandatory Training in two tiers and the Care Certificate, outside the CSTF subjects', () => {
    expect(TRAINING_PROGRAMME_CODES).toEqual(['oliver_mcgowan', 'care_certificate']);
    expect(TRAINING_PROGRAMMES.oliver_mcgowan.tiers[1].components).toEqual(['elearning', 'interactive_session']);
    expect(TRAINING_PROGRAMMES.oliver_mcgowan.tiers[2].components).toEqual(['elearning', 'face_to_face_session']);
    expect(TRAINING_PROGRAMMES.oliver_mcgowan.source).toContain('Health and Care Act 2022');
    for (const code of TRAINING_PROGRAMME_CODES) expect(CSTF_SUBJECT_CODES as readonly string[]).not.toContain(code);
  });

  it('has the NHS Data Dictionary staff groups 01-10, AfC bands and career framework levels 1-9', () => {
    expect(STAFF_GROUP_CODES).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10']);
    expect(AFC_BANDS).toEqual(['1', '2', '3', '4', '5', '6', '7', '8a', '8b', '8c', '8d', '9']);
    expect(Object.keys(CAREER_FRAMEWORK_LEVELS)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('has the regulators with their number formats, all [verify], with sources', () => {
    const matches = (code: keyof typeof REGULATORS, n: string) => new RegExp(REGULATORS[code].numberPattern).test(n);
    expect(matches('GMC', '1234567')).toBe(true);
    expect(matches('GMC', '123456')).toBe(false);
    expect(matches('NMC', '12A3456E')).toBe(true);
    expect(matches('NMC', '12A3456')).toBe(false);
    expect(matches('HCPC', 'PH123456')).toBe(true);
    expect(matches('HCPC', 'PA12345')).toBe(true);
    expect(matches('HCPC', 'XX123456')).toBe(false);
    // Operating department practitioners are ODP (DOMAIN.md); OD is no HCPC prefix.
    expect(matches('HCPC', 'ODP12345')).toBe(true);
    expect(matches('HCPC', 'OD12345')).toBe(false);
    // GPhC: pharmacists 2..., pharmacy technicians 5..., renewed every year.
    expect(['2012345', '5012345', '1012345', '201234'].map((n) => matches('GPhC', n))).toEqual([true, true, false, false]);
    for (const r of Object.values(REGULATORS)) expect([r.source.length > 0, r.verify, r.registerSearchUrl.startsWith('https://')]).toEqual([true, true, true]);
    expect([REGULATORS.NMC.revalidationMonths, REGULATORS.GMC.revalidationMonths, REGULATORS.HCPC.renewalMonths, REGULATORS.GPhC.renewalMonths]).toEqual([36, 60, 24, 12]);
    expect(REGULATOR_CODES).toEqual(['GMC', 'NMC', 'HCPC', 'GPhC', 'GDC', 'GOC', 'GOsC', 'GCC', 'SWE', 'SSSC', 'SCW', 'NISCC']);
  });

  it("has the regulators' full status list, and which of them let the holder practise", () => {
    expect(REGISTRATION_STATUSES).toEqual(expect.arrayContaining(['registered', 'registered_with_conditions', 'suspended', 'lapsed', 'removed', 'interim_suspension', 'conditions_of_practice', 'undertakings', 'not_currently_practising', 'lapsed_unpaid_fee']));
    expect(REGISTRATION_STATUSES).toHaveLength(10);
    expect([...ACTIVE_REGISTRATION_STATUSES].sort()).toEqual(['conditions_of_practice', 'registered', 'registered_with_conditions', 'undertakings']);
  });

  it('has DBS levels, GPG 45 levels and the [verify] formats marked', () => {
    expect(Object.keys(DBS_LEVELS)).toEqual(['basic', 'standard', 'enhanced', 'enhanced_barred']);
    expect(Object.keys(GPG45_LEVELS)).toEqual(['low', 'medium', 'high', 'very_high']);
    expect([DBS_CERTIFICATE_NUMBER.verify, GPG45_PROFILE.verify]).toEqual([true, true]);
  });

  it('has the three criminal record schemes, the Update Service for DBS standard and enhanced only, and its three results', () => {
    expect(CRIMINAL_RECORD_SCHEME_CODES).toEqual(['dbs', 'disclosure_scotland', 'accessni']);
    expect(CRIMINAL_RECORD_SCHEMES.disclosure_scotland.levels).toEqual(['basic', 'standard', 'enhanced', 'pvg']);
    expect(CRIMINAL_RECORD_LEVELS.pvg.dbsEquivalent).toBe('enhanced_barred');
    expect([DBS_UPDATE_SERVICE.schemes, DBS_UPDATE_SERVICE.levels]).toEqual([['dbs'], ['standard', 'enhanced', 'enhanced_barred']]);
    expect(UPDATE_SERVICE_STATUS_RESULTS).toEqual(['current_and_clear', 'current', 'no_longer_current']);
    expect(UPDATE_SERVICE_STATUS_RESULTS.filter((r) => DBS_UPDATE_SERVICE.statusResults[r].newInformation)).toEqual(['no_longer_current']);
    expect([CRIMINAL_RECORD_SCHEMES.disclosure_scotland.verify, CRIMINAL_RECORD_SCHEMES.accessni.verify]).toEqual([true, true]);
  });

  it('has the explicit GPG 45 profile list: H2E is a profile, M3D is not', () => {
    expect(GPG45_PROFILES).toContain('H2E');
    expect(GPG45_PROFILES).not.toContain('M3D');
    expect(Object.values(GPG45_PROFILES_BY_LEVEL).map((l) => l.length)).toEqual([6, 8, 9, 9]);
    for (const [level, profiles] of Object.entries(GPG45_PROFILES_BY_LEVEL)) for (const profile of profiles) expect(profile[0]).toBe(GPG45_LEVELS[level as keyof typeof GPG45_LEVELS].profilePrefix);
  });

  it('checks a National Insurance number to the HMRC format (NIM39110)', () => {
    const ni = new RegExp(NATIONAL_INSURANCE_NUMBER.pattern);
    expect(['AB123456C', 'CE123456D', 'JG103759A'].map((n) => ni.test(n))).toEqual([true, true, true]);
    // D, F, I, Q, U, V never first; D, F, I, O, Q, U, V never second; BG, GB, KN, NK, NT, TN, ZZ unallocated; suffix A-D.
    expect(['DA123456A', 'AO123456A', 'GB123456A', 'TN123456A', 'ZZ123456A', 'AB123456E', 'AB12345C', 'ab123456c'].map((n) => ni.test(n))).toEqual(Array(8).fill(false));
  });

  it('has IUC roles at levels 2-9 and frameworks with sources, the role-to-level mapping [verify]', () => {
    const levels = new Set(Object.values(IUC_ROLES).flatMap((r) => [...r.levels]));
    expect(Math.min(...levels)).toBe(2);
    expect(Math.max(...levels)).toBe(9);
    for (const f of Object.values(CAREER_FRAMEWORKS)) expect([f.source.length > 0, f.verify]).toEqual([true, true]);
  });

  it('keeps occupation codes a 3-character lookup, every row to verify, each in a staff group', () => {
    for (const [code, o] of Object.entries(OCCUPATION_CODES)) {
      expect(code).toMatch(/^[A-Z0-9]{3}$/);
      expect(o.verify).toBe(true);
      expect(Object.keys(STAFF_GROUPS)).toContain(o.staffGroup);
    }
  });
});
