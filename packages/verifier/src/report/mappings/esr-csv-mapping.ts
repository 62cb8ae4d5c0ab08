import { CSTF_SUBJECTS, CSTF_SUBJECT_CODES } from '@staff-passport/schemas';
import type { ExportField, ExportMapping } from './export-mapping.js';

// One group per CSTF subject, named as ESR names the national competence (from the CSTF reference data).
const TRAINING_FIELDS: readonly ExportField[] = CSTF_SUBJECT_CODES.flatMap((code): ExportField[] => {
  const name = CSTF_SUBJECTS[code].esrCompetencePrefix;
  const title = CSTF_SUBJECTS[code].title;
  return [
    { name: `${name} - Level`, description: `CSTF ${title}: level completed.`, from: `training[subject=${code}].level` },
    { name: `${name} - Date Last Awarded`, description: `CSTF ${title}: completion date.`, from: `training[subject=${code}].completedOn`, date: true },
    { name: `${name} - Expiry Date`, description: `CSTF ${title}: completion plus the refresher period.`, from: `training[subject=${code}].expiresOn`, date: true },
  ];
});

/**
 * The ESR-style CSV (the verifier's first export): one row per person, ESR-style column names, the
 * identity credential's person fields, the previous assignment, the pre-employment checks and one
 * column group per CSTF subject.
 */
export const ESR_CSV_MAPPING: ExportMapping = {
  id: 'esr-csv',
  title: 'ESR-style CSV',
  description: 'One row per person with ESR-style column names: identity, previous assignment, pre-employment checks and CSTF training.',
  format: 'csv',
  dateFormat: 'iso',
  codeLists: { yesNo: { true: 'Y', false: 'N' } },
  fields: [
    { name: 'Holder DID', description: "The new starter's DID: the subject of every credential.", from: 'holder' },
    { name: 'Check Profile', description: 'The check profile the credentials were evaluated against.', from: 'profileId' },
    { name: 'Start Date', description: 'The start date the rules were judged on.', from: 'startDate', date: true },
    { name: 'Report Decision', description: 'ready_to_start, ready_once_checks_done or needs_action (a person reviews; never a rejection).', from: 'decision' },
    { name: 'Kind of Move', description: 'new_employer, rotation, host, collaborative_bank, secondment or tupe_transfer: it decides what may be relied on.', from: 'move' },
    { name: 'To Do Before Start', description: 'The checks to do before the start (live checks and checks of your own), separated by semicolons.', from: 'todo[].title' },
    {
      name: 'Reliance Basis',
      description: 'Per requirement: what is done with it on this move (rely, rely_with_live_check, repeat) and the rule behind it (name, section), separated by semicolons.',
      from: 'reliance[]',
      template: '{requirementId}: {decision} ({basis.rule}, {basis.section})',
    },
    { name: 'Last Name', description: 'Family name, from the identity credential.', from: 'identity.familyName' },
    { name: 'First Name', description: 'Given names, from the identity credential.', from: 'identity.givenName' },
    { name: 'Date of Birth', description: 'From the identity credential.', from: 'identity.birthDate', date: true },
    { name: 'NI Number', description: 'National Insurance number, from the identity credential.', from: 'identity.nationalInsuranceNumber' },
    { name: 'Employee Number', description: 'ESR person number from a previous assignment (for an Inter Authority Transfer style import).', from: 'assignment.esrPersonNumber' },
    { name: 'Previous Assignment Number', description: 'ESR assignment number of the previous assignment.', from: 'assignment.assignmentNumber' },
    { name: 'Previous Organisation', description: 'Employing organisation of the previous assignment.', from: 'assignment.employingOrganisation' },
    { name: 'Previous Organisation ODS Code', description: 'ODS code of that organisation.', from: 'assignment.odsCode' },
    { name: 'Previous Position Title', description: 'Position title of the previous assignment.', from: 'assignment.positionTitle' },
    { name: 'Staff Group', description: 'NHS staff group code (01-10) of the previous assignment.', from: 'assignment.staffGroup' },
    { name: 'Occupation Code', description: 'NHS occupation code of the previous assignment.', from: 'assignment.occupationCode' },
    { name: 'Pay Band', description: 'Agenda for Change band of the previous assignment.', from: 'assignment.payBand' },
    { name: 'Identity Confidence Level', description: 'GPG 45 confidence level of the identity check.', from: 'identity.confidenceLevel' },
    { name: 'Identity Verified Date', description: 'When identity was verified.', from: 'identity.verifiedAt', date: true },
    { name: 'Identity Reverify By', description: 'When identity is to be verified again.', from: 'identity.reverifyBy', date: true },
    { name: 'Right to Work List', description: 'ListA (continuous) or ListB (time-limited).', from: 'rightToWork.listType' },
    { name: 'Right to Work Check Method', description: 'manual, home_office_online or idvt_idsp.', from: 'rightToWork.method' },
    { name: 'Right to Work Expiry Date', description: 'List B: when permission to work ends.', from: 'rightToWork.permissionExpiresOn', date: true },
    { name: 'Right to Work Follow-up Date', description: 'List B: when the follow-up check is due.', from: 'rightToWork.followUpDueOn', date: true },
    { name: 'Right to Work Document Expiry Date', description: 'When the document the check relied on expires.', from: 'rightToWork.documentExpiresOn', date: true },
    { name: 'Professional Registration Body', description: 'Regulator (GMC, NMC, HCPC, GPhC, GDC); the first registration when there are several.', from: 'registrations.0.regulator' },
    { name: 'Professional Registration Number', description: 'Registration number or PIN.', from: 'registrations.0.number' },
    { name: 'Register Part', description: 'Part of the register.', from: 'registrations.0.registerPart' },
    { name: 'Registration Status', description: 'Register status when checked.', from: 'registrations.0.status' },
    { name: 'Registration Renewal Date', description: 'When the registration is due for renewal.', from: 'registrations.0.renewalDueOn', date: true },
    { name: 'Revalidation Date', description: 'When revalidation is due.', from: 'registrations.0.revalidationDueOn', date: true },
    { name: 'DBS Disclosure Level', description: 'basic, standard, enhanced or enhanced_barred.', from: 'dbs.level' },
    { name: 'DBS Workforce', description: 'adult, child, adult_and_child or other.', from: 'dbs.workforce' },
    { name: 'DBS Certificate Number', description: 'The DBS certificate number.', from: 'dbs.certificateNumber' },
    { name: 'DBS Issue Date', description: 'When the certificate was issued.', from: 'dbs.issuedOn', date: true },
    { name: 'DBS Decision', description: "The checking employer's decision: satisfactory or not_satisfactory (never the disclosure).", from: 'dbs.decision' },
    { name: 'DBS Update Service', description: 'Y when subscribed to the DBS Update Service, N when not.', from: 'dbs.updateServiceSubscribed', codes: 'yesNo' },
    { name: 'DBS Update Service Check Date', description: 'The last Update Service status check.', from: 'dbs.updateServiceLastCheckOn', date: true },
    { name: 'OH Clearance Outcome', description: 'fit, fit_with_adjustments, fit_with_restrictions or unfit (never clinical detail).', from: 'occupationalHealth.outcome' },
    { name: 'OH EPP Clearance', description: 'Exposure-prone procedures: cleared, not_cleared or not_required.', from: 'occupationalHealth.eppClearance' },
    { name: 'OH Assessment Date', description: 'When the work health assessment was made.', from: 'occupationalHealth.assessedOn', date: true },
    { name: 'OH Next Review Date', description: 'When the clearance is next reviewed.', from: 'occupationalHealth.nextReviewOn', date: true },
    { name: 'Previous Employer', description: 'The most recent employment (employment history or references).', from: 'employment.0.employer' },
    { name: 'Previous Employer ODS Code', description: 'ODS code of that employer.', from: 'employment.0.odsCode' },
    { name: 'Previous Job Title', description: 'Job title in that employment.', from: 'employment.0.jobTitle' },
    { name: 'Previous Employment Start Date', description: 'When that employment started.', from: 'employment.0.startOn', date: true },
    { name: 'Previous Employment End Date', description: 'When that employment ended (empty while current).', from: 'employment.0.endOn', date: true },
    { name: 'Placement Specialty', description: 'Doctors in training: placement specialty.', from: 'placement.specialty' },
    { name: 'Placement Grade', description: 'Doctors in training: grade, for example CT2.', from: 'placement.grade' },
    { name: 'National Post Number', description: 'Doctors in training: national post number.', from: 'placement.nationalPostNumber' },
    { name: 'Placement Start Date', description: 'When the placement starts.', from: 'placement.startOn', date: true },
    { name: 'Placement End Date', description: 'When the placement ends.', from: 'placement.endOn', date: true },
    ...TRAINING_FIELDS,
  ],
};
