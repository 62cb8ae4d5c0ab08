/** Reliance by kind of move: every shipped profile against every kind of move, as a table of cases (vectors/reliance-cases.json). */
import { describe, expect, it } from '@jest/globals';
import { MOVE_KIND_CODES, RELIANCE_BASES, RELIANCE_DECISION_CODES, type MoveKind } from '@staff-passport/schemas';
import { listProfiles, getProfile } from '../../src/profiles/index.js';
import { evaluateProfile, type VerifiedCredential } from '../../src/report/index.js';
import { viewOf } from './helpers/passport.js';
import data from './vectors/reliance-cases.json' with { type: 'json' };

interface Case {
  profile: string;
  move: MoveKind;
  decision: string;
  todo: string[];
  omit?: string[];
  set?: Record<string, Record<string, unknown>>;
  note?: string;
}

const cases = data.cases as Case[];
type Claims = Record<string, Record<string, unknown>>;

function passportFor(c: Case): VerifiedCredential[] {
  const byProfile = (data.passport.byProfile as Record<string, Claims>)[c.profile] ?? {};
  const types = data.passport.types.filter((t) => !(c.omit ?? []).includes(t));
  return types.map((type, i) => viewOf(type, i, { set: { ...(data.passport.set as Claims)[type], ...byProfile[type], ...c.set?.[type] } }));
}

describe('reliance cases', () => {
  it('cover every kind of move against every shipped profile', () => {
    const covered = new Set(cases.filter((c) => !c.omit && !c.set).map((c) => `${c.profile}/${c.move}`));
    for (const p of listProfiles()) for (const move of MOVE_KIND_CODES) expect(covered).toContain(`${p.id}/${move}`);
  });

  it.each(cases.map((c) => [`${c.profile}, ${c.move}${c.note ? ` (${c.note})` : ''}`, c] as const))('%s', (_name, c) => {
    const report = evaluateProfile(getProfile(c.profile), passportFor(c), { startDate: data.startDate, now: new Date(data.now), move: c.move });
    expect(report.move.kind).toBe(c.move);
    expect(report.overall.decision).toBe(c.decision);
    expect(report.overall.todo.map((t) => t.id)).toEqual(c.todo);
    // Every requirement carries its decision and the rule it rests on, from the reference data.
    for (const r of report.requirements) {
      expect(RELIANCE_DECISION_CODES).toContain(r.reliance.decision);
      expect(r.reliance.basis).toMatchObject({ rule: RELIANCE_BASES[r.reliance.basis.id].rule, section: RELIANCE_BASES[r.reliance.basis.id].section });
    }
    for (const item of report.overall.todo) {
      expect(item.basis.section.length).toBeGreaterThan(0);
      expect(item.details.length).toBeGreaterThan(0);
    }
  });
});

describe('the to-do list is pre-filled from what was verified', () => {
  const nurse = cases.find((c) => c.profile === 'registered-nurse-band-5-acute' && c.move === 'new_employer' && !c.omit && !c.set)!;
  const report = evaluateProfile(getProfile(nurse.profile), passportFor(nurse), { startDate: data.startDate, now: new Date(data.now), move: 'new_employer' });
  const item = (id: string) => report.overall.todo.find((t) => t.id === id)!;
  const value = (id: string, label: string) => item(id).details.find((d) => d.label === label)?.value;

  it('the DBS Update Service status check: certificate number, surname and date of birth, with the link', () => {
    expect(value('dbs:dbs_status_check', 'Certificate number')).toBe('001234567890');
    // From the identity credential: who the person is.
    expect(value('dbs:dbs_status_check', 'Surname')).toBe('Okafor');
    expect(value('dbs:dbs_status_check', 'Date of birth')).toBe('1994-03-17');
    expect(value('identity:identity_in_person', 'Name')).toBe('Amira Okafor');
    expect(item('dbs:dbs_status_check').links[0]?.href).toMatch(/^https:\/\//);
    expect(item('dbs:dbs_status_check').basis.id).toBe('dbs-update-service');
  });

  it('the register check: regulator and number, with the public register search', () => {
    expect(value('professional_registration:register_check', 'Regulator')).toBe('NMC');
    expect(value('professional_registration:register_check', 'Registration number')).toBe('12A3456E');
    expect(item('professional_registration:register_check').links[0]?.href).toContain('nmc.org.uk');
  });

  it('its own right to work check: the route for the document relied on, and the TUPE exception', () => {
    expect(value('right_to_work:right_to_work_check', 'Route')).toBeDefined();
    expect(value('right_to_work:right_to_work_check', 'TUPE exception')).toMatch(/60 days/);
    expect(item('right_to_work:right_to_work_check')).toMatchObject({ decision: 'repeat', basis: { id: 'rtw-own-check' } });
  });

  it("a TUPE transfer relies on the transferor's right to work check, naming the rule", () => {
    const tupe = evaluateProfile(getProfile('admin-clerical-band-4'), passportFor({ ...nurse, profile: 'admin-clerical-band-4' }), { startDate: data.startDate, now: new Date(data.now), move: 'tupe_transfer' });
    expect(tupe.requirements.find((r) => r.id === 'right_to_work')?.reliance).toMatchObject({ decision: 'rely', basis: { id: 'rtw-tupe', section: expect.stringMatching(/TUPE/) } });
  });

  it('refuses a move that is not a kind of move', () => {
    expect(() => evaluateProfile(getProfile(nurse.profile), [], { startDate: data.startDate, move: 'holiday' as MoveKind })).toThrow(expect.objectContaining({ code: 'ERR_REQUEST_INVALID', field: 'move' }));
  });
});
