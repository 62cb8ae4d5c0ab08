/**
 * mapTrainingRow: a row of an ESR training compliance export to a TrainingRecord issue request, a
 * skip (not achieved, not CSTF, expired) or row issues naming the column, with the header found
 * by resolveColumns. Rows as named data; no database, no server.
 */
import { describe, expect, it } from '@jest/globals';
import type { RowEnvironment } from '../../../src/jobs/lib/bulk-row.js';
import { TRAINING_COMPLIANCE_COLUMNS } from '../../../src/jobs/lib/esr-reference.js';
import { mapTrainingRow, type TrainingField } from '../../../src/jobs/lib/map-training-row.js';
import { resolveColumns } from '../../../src/jobs/lib/resolve-columns.js';

const HEADER = ['Employee Number', 'Holder DID', 'competence name', 'Date Last Awarded', 'Expiry Date', 'Level', 'E-mail Address'];
const columns = resolveColumns(HEADER, TRAINING_COMPLIANCE_COLUMNS);
const ENV: RowEnvironment = {
  org: { id: 'org_0123456789abcdef', name: 'Example NHS Trust', odsCode: 'RZZ', did: 'did:web:issuer.example:orgs:org_0123456789abcdef', createdAt: '2026-01-01T00:00:00Z' },
  format: 'vc+jwt',
  cstfVersion: '1.2',
  cstfAligned: true,
  today: '2026-03-01',
};

type Row = Partial<Record<'person' | 'did' | 'competence' | 'awarded' | 'expiry' | 'level' | 'email', string>>;
const FIRE = 'NHS|CSTF|Fire Safety - 2 Years|';

function map(row: Row) {
  const values = [row.person ?? '', row.did ?? 'did:example:sam', row.competence ?? FIRE, row.awarded ?? '14-Jan-2026', row.expiry ?? '', row.level ?? '', row.email ?? ''];
  return mapTrainingRow((field: TrainingField) => (columns.index[field] === undefined ? '' : values[columns.index[field]]!.trim()), columns, ENV);
}

describe('resolveColumns', () => {
  it('finds columns by any alias, whatever the case and spacing, and keeps the header as the file writes it', () => {
    expect(columns.index).toMatchObject({ personNumber: 0, holderDid: 1, competenceName: 2, awardedOn: 3, expiresOn: 4, level: 5, email: 6, complianceStatus: undefined });
    expect(columns.header.competenceName).toBe('competence name');
    expect(columns.header.complianceStatus).toBe('Compliance Status');
  });

  it('refuses a header without a required column, naming the first missing', () => {
    expect(() => resolveColumns(['Holder DID', 'Expiry Date'], TRAINING_COMPLIANCE_COLUMNS)).toThrow(expect.objectContaining({ code: 'ERR_BULK_FILE_INVALID', field: 'Competence Name' }));
  });
});

describe('mapTrainingRow', () => {
  it('maps an achieved CSTF competence to a TrainingRecord of its subject and level, ESR dates as ISO dates', () => {
    const mapped = map({ expiry: '14-Jan-2028' });
    expect(mapped).toMatchObject({
      request: {
        credential: { credentialSubject: { id: 'did:example:sam', training: { framework: 'CSTF', frameworkVersion: '1.2', subject: 'fire_safety', level: 1, completedOn: '2026-01-14', expiresOn: '2028-01-14', issuerAligned: true, esrCompetence: FIRE } } },
        options: { format: 'vc+jwt' },
      },
    });
  });

  it('delivers to the person a row names by Employee Number when it has no holder DID', () => {
    expect(map({ did: '', person: '12345678', email: 'sam@nhs.example' })).toMatchObject({ deliverTo: { personNumber: '12345678', email: 'sam@nhs.example' } });
  });

  const skips: [name: string, row: Row, skip: string][] = [
    ['no-award-date-not-achieved', { awarded: '' }, 'not_achieved'],
    ['local-competence-not-cstf', { competence: '000|LOCAL|Manual Handling - Load Handling|' }, 'not_cstf'],
    ['expired-by-its-expiry-date', { awarded: '10-Jan-2023', expiry: '10-Jan-2025' }, 'expired'],
    ['expired-by-the-refresher-period', { awarded: '10-Jan-2023' }, 'expired'],
  ];
  it.each(skips)('skips %s', (_name, row, skip) => {
    expect(map(row)).toEqual({ skip });
  });

  const issues: [name: string, row: Row, column: string, code: string][] = [
    ['competence-empty-fail', { competence: '' }, 'competence name', 'required'],
    ['cstf-competence-unmapped-fail', { competence: 'NHS|CSTF|Underwater Basket Weaving|' }, 'competence name', 'competence_unknown'],
    ['no-holder-nor-person-fail', { did: '' }, 'Holder DID', 'required'],
    ['award-date-not-a-date-fail', { awarded: 'last spring' }, 'Date Last Awarded', 'date_invalid'],
    ['expiry-date-not-a-date-fail', { expiry: '32-Foo-2027' }, 'Expiry Date', 'date_invalid'],
    ['level-not-cstf-fail', { level: 'Level 4' }, 'Level', 'level_invalid'],
    ['level-against-the-name-fail', { competence: 'NHS|CSTF|Safeguarding Adults - Level 2 - 3 Years|', level: '3' }, 'Level', 'level_conflict'],
    ['level-missing-for-several-fail', { competence: 'NHS|CSTF|Safeguarding Adults - 3 Years|' }, 'competence name', 'level_missing'],
    ['person-email-invalid-fail', { did: '', person: '12345678', email: 'Sam <sam@nhs.example>' }, 'E-mail Address', 'invalid'],
  ];
  it.each(issues)('%s', (_name, row, column, code) => {
    const mapped = map(row);
    expect(mapped).toHaveProperty('issues');
    expect((mapped as { issues: { column: string | null; code: string }[] }).issues).toContainEqual(expect.objectContaining({ column, code }));
  });
});
