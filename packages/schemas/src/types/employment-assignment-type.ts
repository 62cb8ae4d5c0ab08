import type { SchemaIssue } from '../lib/catalogue-types.js';
import { endOfDay } from '../lib/dates.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { OCCUPATION_CODES } from '../reference/occupation-codes.js';
import { STAFF_GROUPS } from '../reference/staff-groups.js';
import { EMPLOYMENT_ASSIGNMENT_VERSION, employmentAssignmentSchema, type EmploymentAssignmentSubject } from './employment-assignment.js';
import { EXAMPLE_ATTRIBUTE_METADATA } from './example-metadata.js';

/** The EmploymentAssignment entry of the catalogue. */
export const employmentAssignmentType = defineCredentialType<EmploymentAssignmentSubject>({
  type: 'EmploymentAssignment',
  slug: 'employment-assignment',
  version: EMPLOYMENT_ASSIGNMENT_VERSION,
  schema: employmentAssignmentSchema,
  labels: {
    assignment: 'Assignment',
    'assignment.esrPersonNumber': 'ESR person number',
    'assignment.assignmentNumber': 'Assignment number',
    'assignment.employingOrganisation': 'Employing organisation',
    'assignment.employingOrganisation.organisationName': 'Name',
    'assignment.employingOrganisation.odsCode': 'ODS code',
    'assignment.positionTitle': 'Position',
    'assignment.positionNumber': 'Position number',
    'assignment.staffGroup': 'Staff group',
    'assignment.jobRole': 'Job role',
    'assignment.areaOfWork': 'Area of work',
    'assignment.occupationCode': 'Occupation code',
    'assignment.payScheme': 'Pay scheme',
    'assignment.payBand': 'Agenda for Change band',
    'assignment.payGrade': 'Pay grade',
    'assignment.assignmentCategory': 'Assignment category',
    'assignment.fte': 'Whole-time equivalent',
    'assignment.startOn': 'Started on',
    'assignment.endOn': 'Ends on',
  },
  disclosable: [
    'assignment.esrPersonNumber',
    'assignment.assignmentNumber',
    'assignment.positionNumber',
    'assignment.payBand',
    'assignment.payGrade',
    'assignment.fte',
    'assignment.areaOfWork',
  ],
  rules: [
    { code: 'required', rule: 'Agenda for Change assignments name the band; fixed-term assignments and secondments name the end date.' },
    { code: 'pay_band_not_afc', rule: 'Only Agenda for Change assignments carry an AfC band (other schemes use payGrade).' },
    { code: 'occupation_staff_group_mismatch', rule: "The occupation code belongs to the assignment's staff group." },
    { code: 'date_order', rule: 'The end date is on or after the start date.' },
  ],
  derives: ['validUntil: the end of the assignment end day, when it has one'],
  checkRules(subject): SchemaIssue[] {
    const a = subject.assignment;
    const issues: SchemaIssue[] = [];
    if (a.payScheme !== 'AfC' && a.payBand !== undefined) {
      issues.push({ path: 'credentialSubject.assignment.payBand', code: 'pay_band_not_afc', message: `is for Agenda for Change only; ${a.payScheme} uses payGrade` });
    }
    const occupation = OCCUPATION_CODES[a.occupationCode];
    if (occupation.staffGroup !== a.staffGroup) {
      issues.push({
        path: 'credentialSubject.assignment.occupationCode',
        code: 'occupation_staff_group_mismatch',
        message: `${a.occupationCode} (${occupation.title}) is in staff group ${occupation.staffGroup} ${STAFF_GROUPS[occupation.staffGroup].title}, not ${a.staffGroup}`,
      });
    }
    if (a.endOn !== undefined && a.endOn < a.startOn) {
      issues.push({ path: 'credentialSubject.assignment.endOn', code: 'date_order', message: 'must be on or after the start date' });
    }
    return issues;
  },
  derive(subject) {
    const { endOn } = subject.assignment;
    return { credentialSubject: subject, ...(endOn === undefined ? {} : { validUntil: endOfDay(endOn) }) };
  },
  exampleSubject: {
    id: '{holderDid}',
    assignment: {
      esrPersonNumber: '12345678',
      assignmentNumber: '12345678-2',
      employingOrganisation: { organisationName: 'Demo Valley NHS Trust', odsCode: 'RZZ' },
      positionTitle: 'Staff Nurse, Acute Medical Unit',
      positionNumber: 'RZZ-AMU-0042',
      staffGroup: '03',
      jobRole: 'Staff Nurse',
      areaOfWork: 'Acute Medicine',
      occupationCode: 'N1A',
      payScheme: 'AfC',
      payBand: '5',
      assignmentCategory: 'permanent',
      fte: 1,
      startOn: '2026-10-05',
    },
    attributeMetadata: { ...EXAMPLE_ATTRIBUTE_METADATA, verificationMethod: 'ESR assignment record', lastRefresh: '2026-10-05' },
  },
});
