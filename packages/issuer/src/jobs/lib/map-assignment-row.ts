import type { IssueRequest } from '../../issuing/issue-credential.js';
import type { MappedRow, RowEnvironment, RowIssue } from './bulk-row.js';
import { ASSIGNMENT_COLUMNS, lookUpAfcBand, lookUpAssignmentCategory, lookUpPayScheme, lookUpStaffGroup, parseEsrDate } from './esr-reference.js';
import type { ResolvedColumns } from './resolve-columns.js';

/** A field of an assignment export. */
export type AssignmentField = keyof typeof ASSIGNMENT_COLUMNS;

const SUBJECT_FIELDS: Record<string, AssignmentField> = {
  id: 'holderDid',
  'assignment.employingOrganisation.odsCode': 'odsCode',
  'assignment.employingOrganisation.organisationName': 'organisationName',
  'assignment.employingOrganisation': 'organisationName',
};

/** Where the claims of an EmploymentAssignment subject come from, for errors found by schema validation. */
export function assignmentColumnOf(columns: ResolvedColumns<AssignmentField>, subjectPath: string): string | null {
  const named = SUBJECT_FIELDS[subjectPath];
  if (named) return columns.header[named];
  const field = subjectPath.startsWith('assignment.') ? subjectPath.slice('assignment.'.length) : '';
  return field in ASSIGNMENT_COLUMNS ? columns.header[field as AssignmentField] : null;
}

/**
 * Maps a row of an ESR assignment export to an EmploymentAssignment issue request: staff group,
 * pay scheme, band and category from the words ESR writes to their codes (reference data), dates
 * from `dd-Mon-yyyy`, FTE as a number; the employing organisation is the issuer unless the row
 * names another ODS code (a site, or a hosted employer).
 */
export function mapAssignmentRow(cell: (field: AssignmentField) => string, columns: ResolvedColumns<AssignmentField>, env: RowEnvironment): MappedRow {
  const h = columns.header;
  const issues: RowIssue[] = [];
  const required = (field: AssignmentField): string => {
    const value = cell(field);
    if (value === '') issues.push({ column: h[field], code: 'required', message: 'is required' });
    return value;
  };
  const looked = <T>(field: AssignmentField, look: (text: string) => T | undefined, message: string, optional = false): T | undefined => {
    const text = optional ? cell(field) : required(field);
    if (text === '') return undefined;
    const value = look(text);
    if (value === undefined) issues.push({ column: h[field], code: 'value_unknown', message });
    return value;
  };

  const holder = required('holderDid');
  const esrPersonNumber = required('esrPersonNumber');
  const assignmentNumber = required('assignmentNumber');
  const positionTitle = required('positionTitle');
  const jobRole = required('jobRole');
  const occupationCode = required('occupationCode').toUpperCase();
  const staffGroup = looked('staffGroup', lookUpStaffGroup, 'must be an NHS staff group, such as 03 or Nursing and Midwifery Registered');
  const payBand = looked('payBand', lookUpAfcBand, 'must be an Agenda for Change band such as 5, Band 5 or Band 8a', true);
  let payScheme = looked('payScheme', lookUpPayScheme, 'must be AfC (Agenda for Change), Medical and Dental, VSM or Local', true);
  // ESR reports leave the scheme out where the band says it: a band is Agenda for Change.
  if (payScheme === undefined && cell('payScheme') === '') {
    if (payBand !== undefined) payScheme = 'AfC';
    else issues.push({ column: h.payScheme, code: 'required', message: 'is required when there is no Agenda for Change band' });
  }
  const assignmentCategory = looked('assignmentCategory', lookUpAssignmentCategory, 'must be Permanent, Fixed Term, Bank, Honorary or Secondment');
  const fteText = required('fte');
  const fte = /^(?:\d+(?:\.\d+)?|\.\d+)$/.test(fteText) ? Number(fteText) : undefined;
  if (fteText !== '' && fte === undefined) issues.push({ column: h.fte, code: 'number_invalid', message: 'must be a number such as 1 or 0.8' });
  const startOn = looked('startOn', parseEsrDate, 'must be a date such as 05-Oct-2026');
  const endOn = looked('endOn', parseEsrDate, 'must be a date such as 04-Oct-2027', true);
  if (issues.length > 0) return { issues };

  const odsCode = cell('odsCode').toUpperCase();
  const organisationName = cell('organisationName');
  const positionNumber = cell('positionNumber');
  const areaOfWork = cell('areaOfWork');
  const payGrade = cell('payGrade');
  const request: IssueRequest = {
    credential: {
      type: ['VerifiableCredential', 'EmploymentAssignment'],
      credentialSubject: {
        id: holder,
        assignment: {
          esrPersonNumber,
          assignmentNumber,
          employingOrganisation: { organisationName: organisationName || env.org.name, odsCode: odsCode || env.org.odsCode },
          positionTitle,
          ...(positionNumber ? { positionNumber } : {}),
          staffGroup,
          jobRole,
          ...(areaOfWork ? { areaOfWork } : {}),
          occupationCode,
          payScheme,
          ...(payBand === undefined ? {} : { payBand }),
          ...(payGrade && payScheme !== 'AfC' ? { payGrade } : {}),
          assignmentCategory,
          fte,
          startOn,
          ...(endOn === undefined ? {} : { endOn }),
        },
        attributeMetadata: {
          origin: 'ESR',
          provider: env.org.name,
          assurancePolicy: 'NHS Employment Check Standards',
          verifier: 'Provider',
          verificationMethod: 'ESR assignment record',
          pedigree: 'Authoritative',
          lastRefresh: startOn,
        },
      },
    },
    options: { format: env.format },
  };
  return { request };
}
