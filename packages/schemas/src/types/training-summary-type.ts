import type { SchemaIssue } from '../lib/catalogue-types.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { CSTF_SUBJECT_CODES, RESUSCITATION_VARIANT_LEVELS } from '../reference/cstf.js';
import { TRAINING_SUMMARY_VERSION, trainingSummarySchema, type TrainingSummarySubject } from './training-summary.js';
import { SUMMARY_DERIVES, SUMMARY_EXAMPLE_1_0_0, SUMMARY_LABELS_1_0_0, SUMMARY_RULES_1_0_0, deriveSummary, summaryRuleIssues } from './training-summary-1-0-0-type.js';

/** The TrainingSummary entry of the catalogue (1.1.0). */
export const trainingSummaryType = defineCredentialType<TrainingSummarySubject>({
  type: 'TrainingSummary',
  slug: 'training-summary',
  version: TRAINING_SUMMARY_VERSION,
  schema: trainingSummarySchema,
  labels: { ...SUMMARY_LABELS_1_0_0, 'summary.edition': 'CSTF edition', 'summary.subjects.resuscitation.variant': 'Resuscitation: variant' },
  disclosable: CSTF_SUBJECT_CODES.map((code) => `summary.subjects.${code}` as const),
  rules: [...SUMMARY_RULES_1_0_0, { code: 'variant_not_in_subject', rule: 'A resuscitation variant (adult, paediatric, newborn) goes with level 2 or 3.' }],
  derives: SUMMARY_DERIVES,
  checkRules(subject): SchemaIssue[] {
    const issues = summaryRuleIssues(subject.summary);
    const r = subject.summary.subjects.resuscitation;
    if (r.variant !== undefined && !(r.level !== undefined && RESUSCITATION_VARIANT_LEVELS.includes(r.level))) {
      issues.push({ path: 'credentialSubject.summary.subjects.resuscitation.variant', code: 'variant_not_in_subject', message: 'goes with resuscitation at level 2 or 3' });
    }
    return issues;
  },
  derive: deriveSummary,
  exampleSubject: {
    ...SUMMARY_EXAMPLE_1_0_0,
    summary: {
      ...SUMMARY_EXAMPLE_1_0_0.summary,
      edition: 'cstf_england',
      frameworkVersion: '1.1',
      subjects: { ...SUMMARY_EXAMPLE_1_0_0.summary.subjects, resuscitation: { ...SUMMARY_EXAMPLE_1_0_0.summary.subjects.resuscitation, variant: 'adult' } },
    },
  },
});
