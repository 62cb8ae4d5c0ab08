/** ESR words to catalogue codes: competence names, dates, staff groups, bands, categories. */
import { describe, expect, it } from '@jest/globals';
import { CSTF_SUBJECTS, CSTF_SUBJECT_CODES } from '@staff-passport/schemas';
import {
  lookUpAfcBand,
  lookUpAssignmentCategory,
  lookUpEsrCompetence,
  lookUpPayScheme,
  lookUpStaffGroup,
  parseCstfLevel,
  parseEsrDate,
} from '../../../src/jobs/lib/esr-reference.js';
import { COMPETENCES } from '../helpers/bulk-files.js';

describe('lookUpEsrCompetence', () => {
  it.each(COMPETENCES.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const found = lookUpEsrCompetence(name);
    expect(found.subject).toBe(c.subject);
    // Only names that carry "Level n" say the level.
    expect('level' in found ? found.level : 1).toBe(c.level);
  });

  it('maps every subject of the reference data by its ESR prefix', () => {
    for (const code of CSTF_SUBJECT_CODES) expect(lookUpEsrCompetence(`${CSTF_SUBJECTS[code].esrCompetencePrefix} - 3 Years|`).subject).toBe(code);
  });

  it('tells local competences from CSTF names it does not know', () => {
    expect(lookUpEsrCompetence('245|LOCAL|Sepsis Awareness|')).toEqual({ cstf: false });
    expect(lookUpEsrCompetence('NHS|CSTF|Underwater Basket Weaving - 1 Year|')).toEqual({ cstf: true });
    // Safeguarding Adults is not Safeguarding Children.
    expect(lookUpEsrCompetence('NHS|CSTF|Safeguarding Children - Level 3 - 3 Years|')).toEqual({ subject: 'safeguarding_children', level: 3 });
  });
});

describe('parseEsrDate', () => {
  it.each([
    ['14-Sep-2026', '2026-09-14'],
    ['1-jan-2027', '2027-01-01'],
    ['14-September-2026', '2026-09-14'],
    ['14-Sept-2026', '2026-09-14'],
    ['2026-09-14', '2026-09-14'],
    ['14/09/2026', '2026-09-14'],
    ['29-Feb-2028', '2028-02-29'],
  ])('%s is %s', (text, iso) => expect(parseEsrDate(text)).toBe(iso));

  it.each(['31-Feb-2026', '14-Sepember-2026', '2026-13-01', '09/14/2026', 'yesterday', ''])('%s is not a date', (text) => expect(parseEsrDate(text)).toBeUndefined());
});

describe('assignment lookups', () => {
  it('staff groups by code or ESR name', () => {
    expect(lookUpStaffGroup('03')).toBe('03');
    expect(lookUpStaffGroup('3')).toBe('03');
    expect(lookUpStaffGroup('Nursing and Midwifery Registered')).toBe('03');
    expect(lookUpStaffGroup('Add Prof Scientific and Technic')).toBe('05');
    expect(lookUpStaffGroup('administrative & clerical')).toBe('08');
    expect(lookUpStaffGroup('Astronauts')).toBeUndefined();
  });

  it('pay schemes, bands and categories', () => {
    expect(lookUpPayScheme('Agenda for Change')).toBe('AfC');
    expect(lookUpPayScheme('Medical & Dental')).toBe('MedicalDental');
    expect(lookUpAfcBand('Band 5')).toBe('5');
    expect(lookUpAfcBand('Band 8A')).toBe('8a');
    expect(lookUpAfcBand('AfC Band 8d')).toBe('8d');
    expect(lookUpAfcBand('Band 10')).toBeUndefined();
    expect(lookUpAssignmentCategory('Fixed Term Temp')).toBe('fixed_term');
    expect(lookUpAssignmentCategory('Permanent')).toBe('permanent');
    expect(parseCstfLevel('Level 2')).toBe(2);
    expect(parseCstfLevel('L3')).toBe(3);
    expect(parseCstfLevel('4')).toBeUndefined();
  });
});
