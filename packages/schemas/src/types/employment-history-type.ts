import type { SchemaIssue } from '../lib/catalogue-types.js';
import { EMPLOYMENT_CHECK_LABELS } from '../lib/common-defs.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { EMPLOYMENT_GAP_TOLERANCE_DAYS, EMPLOYMENT_HISTORY_MONTHS } from '../reference/employment-history.js';
import { addMonths } from '../rules/add-months.js';
import { unexplainedGaps } from '../rules/employment-gaps.js';
import { EMPLOYMENT_HISTORY_VERSION, employmentHistorySchema, type EmploymentHistorySubject } from './employment-history.js';
import { EXAMPLE_ATTRIBUTE_METADATA } from './example-metadata.js';

/** The EmploymentHistory entry of the catalogue. */
export const employmentHistoryType = defineCredentialType<EmploymentHistorySubject>({
  type: 'EmploymentHistory',
  slug: 'employment-history',
  version: EMPLOYMENT_HISTORY_VERSION,
  schema: employmentHistorySchema,
  labels: {
    history: 'Employment history',
    'history.coversFrom': 'Covers from',
    'history.coversTo': 'Covers to',
    'history.employments': 'Employments',
    'history.employments.employer': 'Employer',
    'history.employments.employer.organisationName': 'Name',
    'history.employments.employer.odsCode': 'ODS code',
    'history.employments.jobTitle': 'Job title',
    'history.employments.startOn': 'Started on',
    'history.employments.endOn': 'Ended on',
    'history.gaps': 'Explained gaps',
    'history.gaps.fromOn': 'From',
    'history.gaps.toOn': 'To',
    'history.gaps.gapReason': 'Reason',
    ...EMPLOYMENT_CHECK_LABELS,
  },
  disclosable: ['history.employments', 'history.gaps', 'check.evidenceReferences'],
  rules: [
    { code: 'history_too_short', rule: `The history covers at least ${EMPLOYMENT_HISTORY_MONTHS / 12} years.` },
    { code: 'gap_unexplained', rule: `Every gap between employments longer than ${EMPLOYMENT_GAP_TOLERANCE_DAYS} days is listed as an explained gap.` },
    { code: 'date_order', rule: 'Each employment and gap ends on or after it starts, and the history ends after it starts.' },
  ],
  checkRules(subject): SchemaIssue[] {
    const h = subject.history;
    const issues: SchemaIssue[] = [];
    if (h.coversTo < h.coversFrom) {
      return [{ path: 'credentialSubject.history.coversTo', code: 'date_order', message: 'must be on or after coversFrom' }];
    }
    if (addMonths(h.coversFrom, EMPLOYMENT_HISTORY_MONTHS) > h.coversTo) {
      issues.push({ path: 'credentialSubject.history.coversFrom', code: 'history_too_short', message: `must be at least ${EMPLOYMENT_HISTORY_MONTHS / 12} years before coversTo` });
    }
    h.employments.forEach((e, i) => {
      if (e.endOn !== undefined && e.endOn < e.startOn) {
        issues.push({ path: `credentialSubject.history.employments.${i}.endOn`, code: 'date_order', message: 'must be on or after the start date' });
      }
    });
    (h.gaps ?? []).forEach((g, i) => {
      if (g.toOn < g.fromOn) issues.push({ path: `credentialSubject.history.gaps.${i}.toOn`, code: 'date_order', message: 'must be on or after fromOn' });
    });
    for (const gap of unexplainedGaps(h)) {
      issues.push({ path: 'credentialSubject.history.gaps', code: 'gap_unexplained', message: `the gap from ${gap.fromOn} to ${gap.toOn} is not explained` });
    }
    return issues;
  },
  exampleSubject: {
    id: '{holderDid}',
    history: {
      coversFrom: '2021-09-01',
      coversTo: '2026-09-30',
      employments: [
        { employer: { organisationName: 'Example Hills NHS Foundation Trust', odsCode: 'RZY' }, jobTitle: 'Staff Nurse', startOn: '2021-09-06', endOn: '2025-03-31' },
        { employer: { organisationName: 'Example Hills NHS Foundation Trust', odsCode: 'RZY' }, jobTitle: 'Senior Staff Nurse', startOn: '2025-09-01', endOn: '2026-09-30' },
      ],
      gaps: [{ fromOn: '2025-04-01', toOn: '2025-08-31', gapReason: 'travel' }],
    },
    check: { standard: 'employment_history', standardVersion: '2024', checkedBy: 'Demo Valley NHS Trust HR', checkedAt: '2026-09-16T10:30:00Z' },
    attributeMetadata: { ...EXAMPLE_ATTRIBUTE_METADATA, origin: 'Applicant and referees', pedigree: 'Sourced', verificationMethod: 'History checked against references', lastRefresh: '2026-09-16' },
  },
});
