/**
 * The exports for workforce systems as named mappings kept as data (issue 19, item 5): the ESR-style
 * CSV byte for byte what the verifier wrote before the mappings (vectors/export/*.csv, written by
 * the code it replaced), the JSON form, and the ESR e-Recruitment shape (guessed where the
 * published catalogue is silent) with the identity credential's person fields filled in.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { getProfile } from '../../src/profiles/index.js';
import { EXPORT_MAPPINGS, applyExportMapping, evaluateProfile, exportVerifiedAttributes, findExportMapping, toEsrCsv } from '../../src/report/index.js';
import { nursePassport } from './helpers/passport.js';

const views = nursePassport();
const exported = exportVerifiedAttributes(evaluateProfile(getProfile('registered-nurse-band-5-acute'), views, { startDate: '2026-10-05', now: new Date('2026-10-03T09:00:00Z') }), views);
const vector = (name: string) => readFileSync(new URL(`./vectors/export/${name}`, import.meta.url), 'utf8');

describe('the esr-csv mapping', () => {
  it('writes byte for byte what the ESR-style CSV was before the mappings', () => {
    expect(toEsrCsv([exported, exported])).toBe(vector('esr-csv-nurse-two-rows.csv'));
    expect(toEsrCsv(exported, { dateFormat: 'esr' })).toBe(vector('esr-csv-nurse-esr-dates.csv'));
    expect(applyExportMapping('esr-csv', [exported, exported])).toMatchObject({ contentType: 'text/csv', extension: 'csv', body: vector('esr-csv-nurse-two-rows.csv') });
  });
});

describe('the json mapping', () => {
  it('is the verified attributes as they are', () => {
    const out = applyExportMapping('json', [exported]);
    expect(out.contentType).toBe('application/json');
    expect(JSON.parse(out.body)).toEqual(JSON.parse(JSON.stringify(exported)));
  });
});

describe('the esr-e-recruitment mapping', () => {
  const mapping = findExportMapping('esr-e-recruitment')!;

  it('fills the applicant fields from the verified identity credential, with ESR dates and its codes', () => {
    const [header, row] = applyExportMapping(mapping, [exported]).body.trimEnd().split('\r\n').map((line) => line.split(','));
    const value = (name: string) => row![header!.indexOf(name)];
    expect(value('Applicant Last Name')).toBe(exported.identity!.familyName);
    expect(value('Applicant First Name')).toBe(exported.identity!.givenName);
    expect(exported.identity!.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(value('Applicant Date of Birth')).toMatch(/^\d{2}-[A-Z][a-z]{2}-\d{4}$/);
    expect(value('Applicant NI Number')).toBe(exported.identity!.nationalInsuranceNumber);
    expect(value('RTW List Type')).toBe('B');
    expect(value('DBS Disclosure Level')).toBe('ENHANCED_BARRED');
    expect(value('DBS Disclosure Issue Date')).toBe('20-Sep-2026');
    expect(value('DBS Update Service')).toBe('Y');
    expect(value('Registration Body')).toBe('NMC');
    expect(value('Registration Number')).toBe('12A3456E');
  });

  it('says every field is guessed, and where its shape comes from', () => {
    expect(mapping.fields!.every((f) => f.guessed === true)).toBe(true);
    expect(mapping.sources!.join(' ')).toContain('electronicstaffrecord.nhs.uk');
  });
});

it('names each mapping once, and refuses one that does not exist', () => {
  expect(EXPORT_MAPPINGS.map((m) => m.id)).toEqual(['esr-csv', 'json', 'esr-e-recruitment']);
  expect(() => applyExportMapping('nope', [exported])).toThrow(expect.objectContaining({ code: 'ERR_REQUEST_INVALID', field: 'mapping' }));
});
