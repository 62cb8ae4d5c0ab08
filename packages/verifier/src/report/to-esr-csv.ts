import { CSTF_SUBJECTS, CSTF_SUBJECT_CODES } from '@staff-passport/schemas';
import type { ExportedAttributes } from './export-verified-attributes.js';

type Cell = string | number | boolean | undefined;

interface Column {
  readonly name: string;
  readonly description: string;
  readonly value: (e: ExportedAttributes) => Cell;
  /** Written as a date (YYYY-MM-DD, or dd-Mon-yyyy with `dateFormat: 'esr'`). */
  readonly date?: boolean;
}

const latestEmployment = (e: ExportedAttributes) => e.employment[0];
const firstRegistration = (e: ExportedAttributes) => e.registrations[0];

const COLUMNS: readonly Column[] = [
  { name: 'Holder DID', description: "The new starter's DID: the subject of every credential.", value: (e) => e.holder },
  { name: 'Check Profile', description: 'The check profile the credentials were evaluated against.', value: (e) => e.profileId },
  { name: 'Start Date', description: 'The start date the rules were judged on.', value: (e) => e.startDate, date: true },
  { name: 'Report Decision', description: 'ready_to_start, ready_once_checks_done or needs_action (a person reviews; never a rejection).', value: (e) => e.decision },
  { name: 'Kind of Move', description: 'new_employer, rotation, host, collaborative_bank, secondment or tupe_transfer: it decides what may be relied on.', value: (e) => e.move },
  { name: 'To Do Before Start', description: 'The checks to do before the start (live checks and checks of your own), separated by semicolons.', value: (e) => e.todo?.map((t) => t.title).join('; ') },
  {
    name: 'Reliance Basis',
    description: 'Per requirement: what is done with it on this move (rely, rely_with_live_check, repeat) and the rule behind it (name, section), separated by semicolons.',
    value: (e) => e.reliance?.map((r) => `${r.requirementId}: ${r.decision} (${r.basis.rule}, ${r.basis.section})`).join('; '),
  },
  { name: 'Last Name', description: 'Family name, from the identity credential.', value: (e) => e.identity?.familyName },
  { name: 'First Name', description: 'Given names, from the identity credential.', value: (e) => e.identity?.givenName },
  { name: 'Date of Birth', description: 'From the identity credential.', value: (e) => e.identity?.birthDate, date: true },
  { name: 'NI Number', description: 'National Insurance number, from the identity credential.', value: (e) => e.identity?.nationalInsuranceNumber },
  { name: 'Employee Number', description: 'ESR person number from a previous assignment (for an Inter Authority Transfer style import).', value: (e) => e.assignment?.esrPersonNumber },
  { name: 'Previous Assignment Number', description: 'ESR assignment number of the previous assignment.', value: (e) => e.assignment?.assignmentNumber },
  { name: 'Previous Organisation', description: 'Employing organisation of the previous assignment.', value: (e) => e.assignment?.employingOrganisation },
  { name: 'Previous Organisation ODS Code', description: 'ODS code of that organisation.', value: (e) => e.assignment?.odsCode },
  { name: 'Previous Position Title', description: 'Position title of the previous assignment.', value: (e) => e.assignment?.positionTitle },
  { name: 'Staff Group', description: 'NHS staff group code (01-10) of the previous assignment.', value: (e) => e.assignment?.staffGroup },
  { name: 'Occupation Code', description: 'NHS occupation code of the previous assignment.', value: (e) => e.assignment?.occupationCode },
  { name: 'Pay Band', description: 'Agenda for Change band of the previous assignment.', value: (e) => e.assignment?.payBand },
  { name: 'Identity Confidence Level', description: 'GPG 45 confidence level of the identity check.', value: (e) => e.identity?.confidenceLevel },
  { name: 'Identity Verified Date', description: 'When identity was verified.', value: (e) => e.identity?.verifiedAt, date: true },
  { name: 'Identity Reverify By', description: 'When identity is to be verified again.', value: (e) => e.identity?.reverifyBy, date: true },
  { name: 'Right to Work List', description: 'ListA (continuous) or ListB (time-limited).', value: (e) => e.rightToWork?.listType },
  { name: 'Right to Work Check Method', description: 'manual, home_office_online or idvt_idsp.', value: (e) => e.rightToWork?.method },
  { name: 'Right to Work Expiry Date', description: 'List B: when permission to work ends.', value: (e) => e.rightToWork?.permissionExpiresOn, date: true },
  { name: 'Right to Work Follow-up Date', description: 'List B: when the follow-up check is due.', value: (e) => e.rightToWork?.followUpDueOn, date: true },
  { name: 'Right to Work Document Expiry Date', description: 'When the document the check relied on expires.', value: (e) => e.rightToWork?.documentExpiresOn, date: true },
  { name: 'Professional Registration Body', description: 'Regulator (GMC, NMC, HCPC, GPhC, GDC); the first registration when there are several.', value: (e) => firstRegistration(e)?.regulator },
  { name: 'Professional Registration Number', description: 'Registration number or PIN.', value: (e) => firstRegistration(e)?.number },
  { name: 'Register Part', description: 'Part of the register.', value: (e) => firstRegistration(e)?.registerPart },
  { name: 'Registration Status', description: 'Register status when checked.', value: (e) => firstRegistration(e)?.status },
  { name: 'Registration Renewal Date', description: 'When the registration is due for renewal.', value: (e) => firstRegistration(e)?.renewalDueOn, date: true },
  { name: 'Revalidation Date', description: 'When revalidation is due.', value: (e) => firstRegistration(e)?.revalidationDueOn, date: true },
  { name: 'DBS Disclosure Level', description: 'basic, standard, enhanced or enhanced_barred.', value: (e) => e.dbs?.level },
  { name: 'DBS Workforce', description: 'adult, child, adult_and_child or other.', value: (e) => e.dbs?.workforce },
  { name: 'DBS Certificate Number', description: 'The DBS certificate number.', value: (e) => e.dbs?.certificateNumber },
  { name: 'DBS Issue Date', description: 'When the certificate was issued.', value: (e) => e.dbs?.issuedOn, date: true },
  { name: 'DBS Decision', description: "The checking employer's decision: satisfactory or not_satisfactory (never the disclosure).", value: (e) => e.dbs?.decision },
  { name: 'DBS Update Service', description: 'Y when subscribed to the DBS Update Service, N when not.', value: (e) => (e.dbs?.updateServiceSubscribed === undefined ? undefined : e.dbs.updateServiceSubscribed ? 'Y' : 'N') },
  { name: 'DBS Update Service Check Date', description: 'The last Update Service status check.', value: (e) => e.dbs?.updateServiceLastCheckOn, date: true },
  { name: 'OH Clearance Outcome', description: 'fit, fit_with_adjustments, fit_with_restrictions or unfit (never clinical detail).', value: (e) => e.occupationalHealth?.outcome },
  { name: 'OH EPP Clearance', description: 'Exposure-prone procedures: cleared, not_cleared or not_required.', value: (e) => e.occupationalHealth?.eppClearance },
  { name: 'OH Assessment Date', description: 'When the work health assessment was made.', value: (e) => e.occupationalHealth?.assessedOn, date: true },
  { name: 'OH Next Review Date', description: 'When the clearance is next reviewed.', value: (e) => e.occupationalHealth?.nextReviewOn, date: true },
  { name: 'Previous Employer', description: 'The most recent employment (employment history or references).', value: (e) => latestEmployment(e)?.employer },
  { name: 'Previous Employer ODS Code', description: 'ODS code of that employer.', value: (e) => latestEmployment(e)?.odsCode },
  { name: 'Previous Job Title', description: 'Job title in that employment.', value: (e) => latestEmployment(e)?.jobTitle },
  { name: 'Previous Employment Start Date', description: 'When that employment started.', value: (e) => latestEmployment(e)?.startOn, date: true },
  { name: 'Previous Employment End Date', description: 'When that employment ended (empty while current).', value: (e) => latestEmployment(e)?.endOn, date: true },
  { name: 'Placement Specialty', description: 'Doctors in training: placement specialty.', value: (e) => e.placement?.specialty },
  { name: 'Placement Grade', description: 'Doctors in training: grade, for example CT2.', value: (e) => e.placement?.grade },
  { name: 'National Post Number', description: 'Doctors in training: national post number.', value: (e) => e.placement?.nationalPostNumber },
  { name: 'Placement Start Date', description: 'When the placement starts.', value: (e) => e.placement?.startOn, date: true },
  { name: 'Placement End Date', description: 'When the placement ends.', value: (e) => e.placement?.endOn, date: true },
  // One group per CSTF subject, named as ESR names the national competence.
  ...CSTF_SUBJECT_CODES.flatMap((code): Column[] => {
    const name = CSTF_SUBJECTS[code].esrCompetencePrefix;
    const t = (e: ExportedAttributes) => e.training.find((x) => x.subject === code);
    return [
      { name: `${name} - Level`, description: `CSTF ${CSTF_SUBJECTS[code].title}: level completed.`, value: (e) => t(e)?.level },
      { name: `${name} - Date Last Awarded`, description: `CSTF ${CSTF_SUBJECTS[code].title}: completion date.`, value: (e) => t(e)?.completedOn, date: true },
      { name: `${name} - Expiry Date`, description: `CSTF ${CSTF_SUBJECTS[code].title}: completion plus the refresher period.`, value: (e) => t(e)?.expiresOn, date: true },
    ];
  }),
];

/** The columns of {@link toEsrCsv}, in order, each with what it holds. */
export const ESR_CSV_COLUMNS: readonly { readonly name: string; readonly description: string }[] = COLUMNS.map(({ name, description }) => ({ name, description }));

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ESR's date style, dd-Mon-yyyy (as its compliance exports write dates). */
function esrDate(value: string): string {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})/.exec(value);
  return m ? `${m[3]}-${MONTHS[Number(m[2]) - 1] ?? m[2]}-${m[1]}` : value;
}

/**
 * One CSV field: formula-injection safe (a cell starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return is prefixed with `'`, so a spreadsheet shows it as text, per OWASP's CSV
 * injection advice), then quoted per RFC 4180 section 2 when it holds a quote, a comma or a line
 * break (quotes doubled).
 */
function field(value: Cell): string {
  if (value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Options of {@link toEsrCsv}. */
export interface ToEsrCsvOptions {
  /** `iso` (default): YYYY-MM-DD; `esr`: dd-Mon-yyyy. */
  dateFormat?: 'iso' | 'esr';
}

/**
 * Writes exported attributes as CSV for a workforce system import: a header row of ESR-style
 * column names ({@link ESR_CSV_COLUMNS}), then one row per person; CRLF line ends and quoting per
 * RFC 4180, cells made safe from formula injection. An empty cell: not disclosed or not presented.
 *
 * @example
 * writeFileSync('new-starters.csv', toEsrCsv([exported1, exported2], { dateFormat: 'esr' }));
 */
export function toEsrCsv(exported: ExportedAttributes | readonly ExportedAttributes[], options: ToEsrCsvOptions = {}): string {
  const people: readonly ExportedAttributes[] = Array.isArray(exported) ? exported : [exported as ExportedAttributes];
  const date = options.dateFormat === 'esr' ? esrDate : (v: string) => v.slice(0, 10);
  const header = COLUMNS.map((c) => field(c.name)).join(',');
  const rows = people.map((person) =>
    COLUMNS.map((c) => {
      const v = c.value(person);
      return field(c.date && typeof v === 'string' ? date(v) : v);
    }).join(','),
  );
  return `${[header, ...rows].join('\r\n')}\r\n`;
}
