import { attributeMetadata, credentialEnvelope, did, isoDate, organisation, patterned, shortText } from '../lib/common-defs.js';
import type { FromSchema } from '../lib/from-schema.js';
import { schemaIdFor } from '../lib/urls.js';
import { ASSIGNMENT_CATEGORIES, ESR_ASSIGNMENT_NUMBER, ESR_PERSON_NUMBER } from '../reference/esr.js';
import { OCCUPATION_CODE_LIST } from '../reference/occupation-codes.js';
import { AFC_BANDS, PAY_SCHEMES } from '../reference/pay.js';
import { STAFF_GROUP_CODES } from '../reference/staff-groups.js';

/** The version of the employment assignment schema the catalogue issues under. */
export const EMPLOYMENT_ASSIGNMENT_VERSION = '1.0.0';

const employmentAssignmentSubjectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'assignment', 'attributeMetadata'],
  properties: {
    id: did,
    assignment: {
      type: 'object',
      additionalProperties: false,
      required: [
        'esrPersonNumber',
        'assignmentNumber',
        'employingOrganisation',
        'positionTitle',
        'staffGroup',
        'jobRole',
        'occupationCode',
        'payScheme',
        'assignmentCategory',
        'fte',
        'startOn',
      ],
      properties: {
        esrPersonNumber: patterned(ESR_PERSON_NUMBER),
        assignmentNumber: patterned(ESR_ASSIGNMENT_NUMBER),
        employingOrganisation: organisation,
        positionTitle: shortText,
        positionNumber: { ...shortText, maxLength: 40 },
        staffGroup: { enum: STAFF_GROUP_CODES, 'x-message': 'must be an NHS staff group code, 01 to 10' },
        jobRole: shortText,
        areaOfWork: shortText,
        // A lookup, not a pattern (DOMAIN.md): the code must be one the lookup table knows.
        occupationCode: { enum: OCCUPATION_CODE_LIST, 'x-message': 'must be an NHS occupation code from the lookup, such as N1A' },
        payScheme: { enum: PAY_SCHEMES, 'x-message': `must be one of ${PAY_SCHEMES.join(', ')}` },
        payBand: { enum: AFC_BANDS, 'x-message': `must be an Agenda for Change band: ${AFC_BANDS.join(', ')}` },
        payGrade: { ...shortText, description: 'The grade on a pay scheme other than Agenda for Change, for example ST3.' },
        assignmentCategory: { enum: ASSIGNMENT_CATEGORIES, 'x-message': `must be one of ${ASSIGNMENT_CATEGORIES.join(', ')}` },
        fte: { type: 'number', minimum: 0, maximum: 1, 'x-message': 'must be a whole-time equivalent from 0 to 1, such as 0.8' },
        startOn: isoDate,
        endOn: isoDate,
      },
      allOf: [
        {
          if: { properties: { payScheme: { const: 'AfC' } }, required: ['payScheme'] },
          then: { required: ['payBand'], 'x-message': 'is required on Agenda for Change' },
        },
        {
          if: { properties: { assignmentCategory: { enum: ['fixed_term', 'secondment'] } }, required: ['assignmentCategory'] },
          then: { required: ['endOn'], 'x-message': 'is required for a fixed-term assignment or a secondment' },
        },
      ],
    },
    attributeMetadata,
  },
} as const;

/** The JSON Schema (2020-12) of an EmploymentAssignment credential. */
export const employmentAssignmentSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaIdFor('employment-assignment', EMPLOYMENT_ASSIGNMENT_VERSION),
  title: 'Employment assignment',
  description: 'An ESR assignment: employer, position, staff group, occupation code, pay scheme and band, category, FTE and dates.',
  ...credentialEnvelope('EmploymentAssignment', employmentAssignmentSubjectSchema),
} as const;

/** The subject of an EmploymentAssignment credential (derived from the schema). */
export type EmploymentAssignmentSubject = FromSchema<typeof employmentAssignmentSubjectSchema>;
