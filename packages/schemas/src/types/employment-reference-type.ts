import type { SchemaIssue } from '../lib/catalogue-types.js';
import { EMPLOYMENT_CHECK_LABELS } from '../lib/common-defs.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { EMPLOYMENT_REFERENCE_VERSION, employmentReferenceSchema, type EmploymentReferenceSubject } from './employment-reference.js';
import { EXAMPLE_ATTRIBUTE_METADATA } from './example-metadata.js';

/** The EmploymentReference entry of the catalogue. */
export const employmentReferenceType = defineCredentialType<EmploymentReferenceSubject>({
  type: 'EmploymentReference',
  slug: 'employment-reference',
  version: EMPLOYMENT_REFERENCE_VERSION,
  schema: employmentReferenceSchema,
  labels: {
    reference: 'Reference',
    'reference.referenceType': 'Reference type',
    'reference.referee': 'Referee',
    'reference.referee.organisationName': 'Organisation',
    'reference.referee.odsCode': 'ODS code',
    'reference.jobTitle': 'Job title',
    'reference.startOn': 'Started on',
    'reference.endOn': 'Ended on',
    'reference.receivedOn': 'Received on',
    'reference.outcome': 'Outcome',
    ...EMPLOYMENT_CHECK_LABELS,
  },
  disclosable: ['reference.referee', 'reference.jobTitle', 'reference.startOn', 'reference.endOn', 'reference.receivedOn', 'check.evidenceReferences'],
  rules: [
    { code: 'date_order', rule: 'The employment ends on or after it started, and the reference is received after the employment started.' },
  ],
  checkRules(subject): SchemaIssue[] {
    const r = subject.reference;
    const issues: SchemaIssue[] = [];
    if (r.endOn !== undefined && r.endOn < r.startOn) {
      issues.push({ path: 'credentialSubject.reference.endOn', code: 'date_order', message: 'must be on or after the start date' });
    }
    if (r.receivedOn < r.startOn) {
      issues.push({ path: 'credentialSubject.reference.receivedOn', code: 'date_order', message: 'must be after the employment started' });
    }
    return issues;
  },
  exampleSubject: {
    id: '{holderDid}',
    reference: {
      referenceType: 'confirmation_of_employment',
      referee: { organisationName: 'Example Hills NHS Foundation Trust', odsCode: 'RZY' },
      jobTitle: 'Staff Nurse',
      startOn: '2021-09-06',
      endOn: '2026-09-30',
      receivedOn: '2026-09-15',
      outcome: 'satisfactory',
    },
    check: { standard: 'employment_history', standardVersion: '2024', checkedBy: 'Demo Valley NHS Trust HR', checkedAt: '2026-09-16T10:00:00Z' },
    attributeMetadata: { ...EXAMPLE_ATTRIBUTE_METADATA, origin: 'Example Hills NHS Foundation Trust', verificationMethod: 'Reference received from the employer', lastRefresh: '2026-09-16' },
  },
});
