/** Export of verified attributes for a workforce system, and the ESR-style CSV. */
import { describe, expect, it } from '@jest/globals';
import { PassportError } from '@staff-passport/core';
import { CSTF_SUBJECTS } from '@staff-passport/schemas';
import { getProfile } from '../../src/profiles/index.js';
import { ESR_CSV_COLUMNS, evaluateProfile, exportVerifiedAttributes, toEsrCsv, type ExportedAttributes, type VerifiedCredential } from '../../src/report/index.js';
import { HOLDER, nursePassport, statusUnknownChecks } from './helpers/passport.js';

const nurse = getProfile('registered-nurse-band-5-acute');
const options = { startDate: '2026-10-05', now: new Date('2026-10-03T09:00:00Z') };
const exportOf = (views: VerifiedCredential[], profile = nurse) => exportVerifiedAttributes(evaluateProfile(profile, views, options), views);

/** An RFC 4180 reader, to read back what toEsrCsv wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('exportVerifiedAttributes', () => {
  const exported = exportOf(nursePassport());

  it('carries what HR would retype, from the credentials that passed', () => {
    expect(exported).toMatchObject({
      profileId: 'registered-nurse-band-5-acute',
      startDate: '2026-10-05',
      decision: 'ready_once_checks_done',
      holder: HOLDER,
      identity: { credentialIndex: 0, confidenceLevel: 'medium', profile: 'M1B', reverifyBy: '2029-10-01' },
      rightToWork: { listType: 'ListB', permissionExpiresOn: '2028-03-31', followUpDueOn: '2028-03-01' },
      registrations: [{ credentialIndex: 2, regulator: 'NMC', number: '12A3456E', status: 'registered', renewalDueOn: '2027-08-31', revalidationDueOn: '2028-08-31' }],
      dbs: { certificateNumber: '001234567890', issuedOn: '2026-09-20', level: 'enhanced_barred', updateServiceSubscribed: true, updateServiceLastCheckOn: '2026-10-02' },
      occupationalHealth: { outcome: 'fit', assessedOn: '2026-09-28', nextReviewOn: '2029-09-28' },
      assignment: { esrPersonNumber: '12345678', assignmentNumber: '12345678-2', odsCode: 'RZZ', payBand: '5' },
    });
    expect(exported.sources).toHaveLength(10);
    expect(exported.sources[0]).toMatchObject({ credentialIndex: 0, issuerDid: 'did:web:hr.demo-valley.example', issuerOdsCode: 'RZZ', statusUnknown: false });
  });

  it('carries the outcome, the kind of move, the to-do list and the reliance basis of each requirement', () => {
    expect(exported.move).toBe('new_employer');
    expect(exported.todo.map((t) => t.kind)).toEqual(['identity_in_person', 'right_to_work_check', 'register_check', 'dbs_status_check']);
    expect(exported.reliance.find((r) => r.requirementId === 'right_to_work')).toMatchObject({ outcome: 'satisfied', decision: 'repeat', basis: { id: 'rtw-own-check' } });
    // Who the person is, for the workforce record and the likeness check.
    expect(exported.identity).toMatchObject({ givenName: 'Amira', familyName: 'Okafor', birthDate: '1994-03-17', nationalInsuranceNumber: 'AB123456C' });
    expect(exported.identity?.portrait).toMatch(/^data:image\/jpeg;base64,/);
  });

  it('has every CSTF subject with completion and expiry (the catalogue rule), the longest in date winning', () => {
    expect(exported.training).toHaveLength(11);
    // Fire safety: record and summary both completed 2026-09-14, the record (naming its ESR competence) wins; resuscitation from the summary.
    expect(exported.training.find((t) => t.subject === 'fire_safety')).toMatchObject({ completedOn: '2026-09-14', expiresOn: '2028-09-14', credentialIndex: 6, esrCompetence: 'NHS|CSTF|Fire Safety - 2 Years|' });
    expect(exported.training.find((t) => t.subject === 'resuscitation')).toMatchObject({ level: 2, completedOn: '2026-01-20', expiresOn: '2027-01-20', esrCompetence: CSTF_SUBJECTS.resuscitation.esrCompetencePrefix });
  });

  it('has employment dates, newest first', () => {
    expect(exported.employment.map((e) => [e.jobTitle, e.startOn, e.endOn])).toEqual([
      ['Senior Staff Nurse', '2025-09-01', '2026-09-30'],
      ['Staff Nurse', '2021-09-06', '2025-03-31'],
    ]);
  });

  it('leaves out credentials that failed, and those whose status is unknown unless the profile accepts that', () => {
    const failed = exportOf(nursePassport({ DbsCheck: { checks: [{ check: 'signature', outcome: 'failed', code: 'ERR_VC_SIGNATURE_INVALID' }] } }));
    expect(failed.dbs).toBeUndefined();
    expect(failed.sources.map((s) => s.credentialIndex)).not.toContain(3);
    const unknown = nursePassport({ DbsCheck: { checks: statusUnknownChecks(3) } });
    expect(exportOf(unknown).dbs).toBeUndefined();
    const accepted = exportOf(unknown, { ...nurse, statusUnknown: 'accept' });
    expect(accepted.dbs?.certificateNumber).toBe('001234567890');
    expect(accepted.sources.find((s) => s.credentialIndex === 3)?.statusUnknown).toBe(true);
  });

  it('exports only what was disclosed', () => {
    const partial = exportOf(nursePassport({ DbsCheck: { withhold: ['dbs.certificateNumber'], format: 'dc+sd-jwt' } }));
    expect(partial.dbs).not.toHaveProperty('certificateNumber');
    expect(partial.dbs?.issuedOn).toBe('2026-09-20');
  });

  it('refuses credentials the report was not made from', () => {
    const views = nursePassport();
    const report = evaluateProfile(nurse, views, options);
    const other = [{ ...views[0]!, hash: 'f'.repeat(64) }];
    expect(() => exportVerifiedAttributes(report, other)).toThrow(PassportError);
  });
});

describe('toEsrCsv', () => {
  it('writes a header of the documented columns and one row per person, CRLF ended', () => {
    const exported = exportOf(nursePassport());
    const csv = toEsrCsv([exported, exported]);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(ESR_CSV_COLUMNS.map((c) => c.name));
    expect(rows).toHaveLength(3);
    const row = Object.fromEntries(rows[0]!.map((name, i) => [name, rows[1]![i]]));
    expect(row).toMatchObject({
      'Holder DID': HOLDER,
      'Professional Registration Body': 'NMC',
      'Professional Registration Number': '12A3456E',
      'Registration Renewal Date': '2027-08-31',
      'DBS Certificate Number': '001234567890',
      'DBS Issue Date': '2026-09-20',
      'DBS Update Service': 'Y',
      'Right to Work List': 'ListB',
      'Right to Work Expiry Date': '2028-03-31',
      'Employee Number': '12345678',
      'NHS|CSTF|Fire Safety - Date Last Awarded': '2026-09-14',
      'NHS|CSTF|Fire Safety - Expiry Date': '2028-09-14',
      'Placement Grade': '',
      'Report Decision': 'ready_once_checks_done',
      'Kind of Move': 'new_employer',
    });
    // The to-do list and the rule behind each decision travel with the row.
    expect(row['To Do Before Start']).toContain('Do your own right to work check before the start');
    expect(row['Reliance Basis']).toContain("right_to_work: repeat (Home Office, An employer's guide to right to work checks, ");
    expect(ESR_CSV_COLUMNS.every((c) => c.description.length > 0)).toBe(true);
  });

  it('writes ESR dates (dd-Mon-yyyy) when asked', () => {
    const rows = parseCsv(toEsrCsv(exportOf(nursePassport()), { dateFormat: 'esr' }));
    const col = rows[0]!.indexOf('DBS Issue Date');
    expect(rows[1]![col]).toBe('20-Sep-2026');
  });

  it('quotes per RFC 4180 and defuses formulas (= + - @ tab) with a leading quote', () => {
    const views = nursePassport({
      EmploymentHistory: {
        set: {
          'history.employments': [
            { employer: { organisationName: '=HYPERLINK("http://evil.example","x")' }, jobTitle: 'Staff Nurse, "Senior"\r\nWard 7', startOn: '2021-09-06', endOn: '2025-03-31' },
            { employer: { organisationName: '@SUM(A1)' }, jobTitle: '-1+1', startOn: '2025-09-01', endOn: '2026-09-30' },
          ],
        },
      },
    });
    const exported = exportOf(views);
    const csv = toEsrCsv(exported);
    const rows = parseCsv(csv);
    const at = (name: string) => rows[1]![rows[0]!.indexOf(name)];
    expect(at('Previous Employer')).toBe("'@SUM(A1)");
    expect(at('Previous Job Title')).toBe("'-1+1");
    const older: ExportedAttributes = { ...exported, employment: [exported.employment[1]!] };
    const olderRows = parseCsv(toEsrCsv(older));
    const olderAt = (name: string) => olderRows[1]![olderRows[0]!.indexOf(name)];
    expect(olderAt('Previous Employer')).toBe('\'=HYPERLINK("http://evil.example","x")');
    expect(olderAt('Previous Job Title')).toBe('Staff Nurse, "Senior"\r\nWard 7');
    expect(toEsrCsv(older)).toContain('"Staff Nurse, ""Senior""\r\nWard 7"');
    expect(toEsrCsv({ ...exported, holder: '+44 7700 900000\tx' })).toContain("'+44 7700 900000\tx");
    expect(toEsrCsv({ ...exported, holder: '\tcmd' }).split('\r\n')[1]!.startsWith("'\tcmd,")).toBe(true);
  });
});
