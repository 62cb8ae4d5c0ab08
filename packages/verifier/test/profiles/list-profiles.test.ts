/** The shipped check profiles: each data file valid, and the registry over them. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { PassportError } from '@staff-passport/core';
import { getProfile, listProfiles, validateProfile } from '../../src/profiles/index.js';

const dataDir = fileURLToPath(new URL('../../src/profiles/shipped/', import.meta.url));
const files = readdirSync(dataDir).filter((f) => f.endsWith('.json'));

describe('shipped profile data files', () => {
  it('ships the six role profiles', () => {
    expect(files.sort()).toEqual([
      'admin-clerical-band-4.json',
      'doctor-in-training-placement.json',
      'healthcare-support-worker-band-3.json',
      'nhs-111-clinical-advisor.json',
      'nhs-111-health-advisor.json',
      'registered-nurse-band-5-acute.json',
    ]);
  });

  it.each(files)('%s is a valid check profile named after its file', (file) => {
    const json: unknown = JSON.parse(readFileSync(`${dataDir}${file}`, 'utf8'));
    const profile = validateProfile(json);
    expect(`${profile.id}.json`).toBe(file);
    // Every choice that is ours says so, or names a source.
    for (const r of profile.requirements) expect(r.source ?? r.notes).toBeDefined();
  });
});

describe('listProfiles and getProfile', () => {
  it('lists every shipped profile once', () => {
    const ids = listProfiles().map((p) => p.id);
    expect(new Set(ids).size).toBe(6);
    expect(ids).toContain('registered-nurse-band-5-acute');
  });

  it('gets a profile by id, read-only', () => {
    const profile = getProfile('nhs-111-clinical-advisor');
    expect(profile.requirements.map((r) => r.id)).toContain('role_competence');
    expect(Object.isFrozen(profile.requirements[0])).toBe(true);
  });

  it('answers ERR_PROFILE_NOT_FOUND for an unknown id', () => {
    expect(() => getProfile('astronaut')).toThrow(PassportError);
    try {
      getProfile('astronaut');
    } catch (err: unknown) {
      expect((err as PassportError).code).toBe('ERR_PROFILE_NOT_FOUND');
    }
  });

  it('keeps the role choices in the data (nurse: NMC adult, enhanced adult DBS, clinical CSTF levels)', () => {
    const nurse = getProfile('registered-nurse-band-5-acute');
    const rule = (id: string) => nurse.requirements.find((r) => r.id === id)?.rule;
    expect(rule('professional_registration')).toEqual({ kind: 'professional_registration', regulators: ['NMC'], registerParts: ['Registered Nurse - Adult'] });
    expect(rule('dbs')).toMatchObject({ minimumLevel: 'enhanced_barred', workforce: 'adult' });
    const training = rule('statutory_mandatory_training');
    expect(training?.kind === 'training' && training.subjects.find((s) => s.subject === 'infection_prevention_control')?.level).toBe(2);
  });
});
