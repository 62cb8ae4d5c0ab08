import type { SchemaIssue } from '../lib/catalogue-types.js';
import { EMPLOYMENT_CHECK_LABELS } from '../lib/common-defs.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { IMMUNITY_DISEASES } from '../reference/occupational-health.js';
import { EXAMPLE_ATTRIBUTE_METADATA } from './example-metadata.js';
import {
  OCCUPATIONAL_HEALTH_CLEARANCE_VERSION,
  occupationalHealthClearanceSchema,
  type OccupationalHealthClearanceSubject,
} from './occupational-health-clearance.js';

/** The OccupationalHealthClearance entry of the catalogue. */
export const occupationalHealthClearanceType = defineCredentialType<OccupationalHealthClearanceSubject>({
  type: 'OccupationalHealthClearance',
  slug: 'occupational-health-clearance',
  version: OCCUPATIONAL_HEALTH_CLEARANCE_VERSION,
  schema: occupationalHealthClearanceSchema,
  labels: {
    clearance: 'Work health clearance',
    'clearance.outcome': 'Outcome',
    'clearance.eppClearance': 'Exposure-prone procedures (EPP) clearance',
    'clearance.immunity': 'Immunity evidence',
    'clearance.immunity.hepatitisB': IMMUNITY_DISEASES.hepatitisB.title,
    'clearance.immunity.mmr': IMMUNITY_DISEASES.mmr.title,
    'clearance.immunity.varicella': IMMUNITY_DISEASES.varicella.title,
    'clearance.immunity.tuberculosis': IMMUNITY_DISEASES.tuberculosis.title,
    'clearance.assessedOn': 'Assessed on',
    ...EMPLOYMENT_CHECK_LABELS,
  },
  // Health data (UK GDPR article 9): the outcome too is shared only when asked for and agreed.
  disclosable: ['clearance.outcome', 'clearance.eppClearance', 'clearance.immunity', 'clearance.assessedOn', 'check.evidenceReferences'],
  rules: [
    { code: 'epp_cleared_when_unfit', rule: 'Someone assessed unfit is not cleared for exposure-prone procedures.' },
    { code: 'date_order', rule: 'The next review falls after the assessment.' },
    { code: 'unknown_property', rule: 'No other field is accepted: the credential carries the clearance, never clinical detail.' },
  ],
  checkRules(subject): SchemaIssue[] {
    const c = subject.clearance;
    const issues: SchemaIssue[] = [];
    if (c.outcome === 'unfit' && c.eppClearance === 'cleared') {
      issues.push({ path: 'credentialSubject.clearance.eppClearance', code: 'epp_cleared_when_unfit', message: 'cannot be cleared when the outcome is unfit' });
    }
    const review = subject.check.nextReviewOn;
    if (review !== undefined && review <= c.assessedOn) {
      issues.push({ path: 'credentialSubject.check.nextReviewOn', code: 'date_order', message: 'must be after the assessment' });
    }
    return issues;
  },
  exampleSubject: {
    id: '{holderDid}',
    clearance: {
      outcome: 'fit',
      eppClearance: 'not_required',
      immunity: { hepatitisB: 'cleared', mmr: 'cleared', varicella: 'cleared', tuberculosis: 'cleared' },
      assessedOn: '2026-09-28',
    },
    check: { standard: 'work_health', standardVersion: '2024', checkedBy: 'Demo Valley Occupational Health Service', checkedAt: '2026-09-28T15:00:00Z', nextReviewOn: '2029-09-28' },
    attributeMetadata: { ...EXAMPLE_ATTRIBUTE_METADATA, origin: 'Demo Valley Occupational Health Service', verificationMethod: 'Work health assessment', lastRefresh: '2026-09-28' },
  },
});
