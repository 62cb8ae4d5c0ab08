import type { SchemaIssue } from '../lib/catalogue-types.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { RESUSCITATION_VARIANT_LEVELS } from '../reference/cstf.js';
import { EXAMPLE_ATTRIBUTE_METADATA } from './example-metadata.js';
import { TRAINING_RECORD_VERSION, trainingRecordSchema, type TrainingRecordSubject } from './training-record.js';
import { TRAINING_DERIVES, TRAINING_LABELS_1_0_0, TRAINING_RULES_1_0_0, deriveTraining, trainingRuleIssues } from './training-record-1-0-0-type.js';

/** The TrainingRecord entry of the catalogue (1.1.0). */
export const trainingRecordType = defineCredentialType<TrainingRecordSubject>({
  type: 'TrainingRecord',
  slug: 'training-record',
  version: TRAINING_RECORD_VERSION,
  schema: trainingRecordSchema,
  labels: { ...TRAINING_LABELS_1_0_0, 'training.edition': 'CSTF edition', 'training.variant': 'Resuscitation variant' },
  disclosable: ['training.completedOn', 'training.expiresOn', 'training.esrCompetence'],
  rules: [
    ...TRAINING_RULES_1_0_0,
    { code: 'variant_not_in_subject', rule: 'Only resuscitation at levels 2 and 3 comes in variants (adult, paediatric, newborn).' },
  ],
  derives: TRAINING_DERIVES,
  checkRules(subject): SchemaIssue[] {
    const t = subject.training;
    const issues = trainingRuleIssues(t);
    if (t.variant !== undefined && !(t.subject === 'resuscitation' && RESUSCITATION_VARIANT_LEVELS.includes(t.level))) {
      issues.push({ path: 'credentialSubject.training.variant', code: 'variant_not_in_subject', message: 'only resuscitation at levels 2 and 3 comes in adult, paediatric and newborn variants' });
    }
    return issues;
  },
  derive: deriveTraining,
  exampleSubject: {
    id: '{holderDid}',
    training: {
      framework: 'CSTF',
      edition: 'cstf_england',
      frameworkVersion: '1.1',
      subject: 'fire_safety',
      level: 1,
      completedOn: '2026-09-14',
      issuerAligned: true,
      esrCompetence: 'NHS|CSTF|Fire Safety - 2 Years|',
    },
    attributeMetadata: { ...EXAMPLE_ATTRIBUTE_METADATA, assuranceOutcome: 'Completed e-learning with assessment', verificationMethod: 'ESR learning record', lastRefresh: '2026-09-14' },
  },
});
