import type { ExportMapping } from './export-mapping.js';

const CATALOGUE = 'http://www.electronicstaffrecord.nhs.uk/the-esr-team/systems-integration-team/interface-catalogue/e-recruitment/';

/**
 * Shaped after ESR's e-Recruitment interface suite as far as it is published: the inbound
 * interface carries applicant details, and its Employment Checks interface carries the checks
 * (right to work, DBS and professional registration transfer; identity checks are not supported
 * and occupational health goes only from ESR to the recruitment system). The record layout itself
 * (ESR's interface specification) is not public: every column name, the order and the code
 * values here are guessed (`guessed: true`), and the date style is ESR's own exports' (dd-Mon-yyyy).
 */
export const ESR_E_RECRUITMENT_MAPPING: ExportMapping = {
  id: 'esr-e-recruitment',
  title: 'ESR e-Recruitment applicant and employment checks (shape guessed)',
  description:
    "Applicant details and the employment checks ESR's e-Recruitment interface exchanges (right to work, DBS, professional registration), one row per person. The published catalogue describes the interface but not its record layout: field names and codes are guessed.",
  format: 'csv',
  dateFormat: 'esr',
  sources: [
    `${CATALOGUE} (the e-Recruitment interface: inbound applicant details; the Employment Checks interface of the same suite)`,
    'https://www.nhsemployers.org/news/2015/07/changes-to-preemployment-check-process-via-nhs-jobs-and-esr (right to work, DBS and professional registration checks transfer; identity checks not supported; occupational health from ESR only)',
    'Guessed: every field name, the order, and the codes of the code lists below.',
  ],
  codeLists: {
    rightToWorkList: { ListA: 'A', ListB: 'B' },
    rightToWorkMethod: { manual: 'MANUAL', home_office_online: 'ONLINE', idvt_idsp: 'IDVT' },
    dbsLevel: { basic: 'BASIC', standard: 'STANDARD', enhanced: 'ENHANCED', enhanced_barred: 'ENHANCED_BARRED' },
    dbsWorkforce: { adult: 'ADULT', child: 'CHILD', adult_and_child: 'ADULT_CHILD', other: 'OTHER' },
    regulator: { GMC: 'GMC', NMC: 'NMC', HCPC: 'HCPC', GPhC: 'GPHC', GDC: 'GDC' },
    yesNo: { true: 'Y', false: 'N' },
  },
  fields: [
    // Applicant details (the identity credential's person fields, once verified).
    { name: 'Applicant Last Name', description: 'Family name, from the identity credential.', from: 'identity.familyName', guessed: true },
    { name: 'Applicant First Name', description: 'Given names, from the identity credential.', from: 'identity.givenName', guessed: true },
    { name: 'Applicant Date of Birth', description: 'From the identity credential.', from: 'identity.birthDate', date: true, guessed: true },
    { name: 'Applicant NI Number', description: 'National Insurance number, from the identity credential.', from: 'identity.nationalInsuranceNumber', guessed: true },
    { name: 'Previous Employee Number', description: 'ESR person number of a previous assignment (for an Inter Authority Transfer).', from: 'assignment.esrPersonNumber', guessed: true },
    { name: 'Proposed Start Date', description: 'The start date the checks were judged on.', from: 'startDate', date: true, guessed: true },
    // Employment checks: right to work.
    { name: 'RTW List Type', description: 'A (List A, continuous) or B (List B, time-limited).', from: 'rightToWork.listType', codes: 'rightToWorkList', guessed: true },
    { name: 'RTW Check Method', description: 'MANUAL, ONLINE (Home Office share code) or IDVT.', from: 'rightToWork.method', codes: 'rightToWorkMethod', guessed: true },
    { name: 'RTW Document Expiry Date', description: 'When the document the check relied on expires.', from: 'rightToWork.documentExpiresOn', date: true, guessed: true },
    { name: 'RTW Permission Expiry Date', description: 'List B: when permission to work ends.', from: 'rightToWork.permissionExpiresOn', date: true, guessed: true },
    { name: 'RTW Follow Up Date', description: 'List B: when the follow-up check is due.', from: 'rightToWork.followUpDueOn', date: true, guessed: true },
    // Employment checks: DBS.
    { name: 'DBS Disclosure Level', description: 'BASIC, STANDARD, ENHANCED or ENHANCED_BARRED.', from: 'dbs.level', codes: 'dbsLevel', guessed: true },
    { name: 'DBS Workforce', description: 'ADULT, CHILD, ADULT_CHILD or OTHER.', from: 'dbs.workforce', codes: 'dbsWorkforce', guessed: true },
    { name: 'DBS Disclosure Number', description: 'The DBS certificate number.', from: 'dbs.certificateNumber', guessed: true },
    { name: 'DBS Disclosure Issue Date', description: 'When the certificate was issued.', from: 'dbs.issuedOn', date: true, guessed: true },
    { name: 'DBS Update Service', description: 'Y when subscribed to the DBS Update Service, N when not.', from: 'dbs.updateServiceSubscribed', codes: 'yesNo', guessed: true },
    // Employment checks: professional registration (the first when there are several).
    { name: 'Registration Body', description: 'GMC, NMC, HCPC, GPHC or GDC.', from: 'registrations.0.regulator', codes: 'regulator', guessed: true },
    { name: 'Registration Number', description: 'Registration number or PIN.', from: 'registrations.0.number', guessed: true },
    { name: 'Registration Expiry Date', description: 'When the registration is due for renewal.', from: 'registrations.0.renewalDueOn', date: true, guessed: true },
  ],
};
