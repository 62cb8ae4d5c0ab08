/** The TrainingRecord 1.0.0 entry of the catalogue, frozen (see training-record-1-0-0.ts). */
import type { RuleDescription, SchemaIssue } from '../lib/catalogue-types.js';
import { endOfDay } from '../lib/dates.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { CSTF_SUBJECTS, type CstfLevel, type CstfSubjectCode } from '../reference/cstf.js';
import { refresherMonths, trainingExpiry } from '../rules/training-expiry.js';
import { TRAINING_RECORD_VERSION_1_0_0, trainingRecordSchema_1_0_0, type TrainingRecordSubject_1_0_0 } from './training-record-1-0-0.js';
import { EXAMPLE_ATTRIBUTE_METADATA } from './example-metadata.js';

/** The labels of the claims 1.0.0 has, the same in later versions. */
export const TRAINING_LABELS_1_0_0 = {
  training: 'Training',
  'training.framework': 'Framework',
  'training.frameworkVersion': 'Framework version',
  'training.subject': 'Subject',
  'training.level': 'Level',
  'training.completedOn': 'Completed on',
  'training.expiresOn': 'Expires on',
  'training.issuerAligned': 'Issuer aligned to the CSTF',
  'training.esrCompetence': 'ESR competence',
} as const;

/** The rules 1.0.0 has, the same in later versions. */
export const TRAINING_RULES_1_0_0: readonly RuleDescription[] = [
  { code: 'level_not_in_framework', rule: 'The level must be one the CSTF defines for the subject (fire safety has level 1 only).' },
  { code: 'expiry_inconsistent', rule: "expiresOn, when given, must be the completion date plus the subject's refresher period." },
];

/** What the issuer derives, in every version. */
export const TRAINING_DERIVES = ["training.expiresOn: the completion date plus the subject's CSTF refresher period", 'validUntil: the end of the expiry day'];

/** The claims every version's rules read. */
interface TrainingClaims {
  subject: CstfSubjectCode;
  level: CstfLevel;
  completedOn: string;
  expiresOn?: string;
}

/** The problems of {@link TRAINING_RULES_1_0_0}, for any version's training block. */
export function trainingRuleIssues(t: TrainingClaims): SchemaIssue[] {
  const months = refresherMonths(t.subject, t.level);
  if (months === undefined) {
    const levels = Object.keys(CSTF_SUBJECTS[t.subject].refresherMonths).join(', ');
    return [{ path: 'credentialSubject.training.level', code: 'level_not_in_framework', message: `${CSTF_SUBJECTS[t.subject].title} has level ${levels} only` }];
  }
  const expected = trainingExpiry(t.subject, t.level, t.completedOn);
  if (t.expiresOn !== undefined && t.expiresOn !== expected) {
    return [
      {
        path: 'credentialSubject.training.expiresOn',
        code: 'expiry_inconsistent',
        message: `must be the completion date plus ${months} months (${expected}), or left out`,
      },
    ];
  }
  return [];
}

/** {@link TRAINING_DERIVES}, for any version's subject. */
export function deriveTraining<S extends { training: TrainingClaims }>(subject: S): { credentialSubject: S; validUntil: string } {
  const expiresOn = trainingExpiry(subject.training.subject, subject.training.level, subject.training.completedOn);
  return { credentialSubject: { ...subject, training: { ...subject.training, expiresOn } }, validUntil: endOfDay(expiresOn) };
}

/** The TrainingRecord 1.0.0 entry of the catalogue. */
export const trainingRecordType_1_0_0 = defineCredentialType<TrainingRecordSubject_1_0_0>({
  type: 'TrainingRecord',
  slug: 'training-record',
  version: TRAINING_RECORD_VERSION_1_0_0,
  schema: trainingRecordSchema_1_0_0,
  labels: TRAINING_LABELS_1_0_0,
  disclosable: ['training.completedOn', 'training.expiresOn', 'training.esrCompetence'],
  rules: TRAINING_RULES_1_0_0,
  derives: TRAINING_DERIVES,
  checkRules: (subject) => trainingRuleIssues(subject.training),
  derive: deriveTraining,
  exampleSubject: {
    id: '{holderDid}',
    training: {
      framework: 'CSTF',
      frameworkVersion: '1.2',
      subject: 'fire_safety',
      level: 1,
      completedOn: '2026-09-14',
      issuerAligned: true,
      esrCompetence: 'NHS|CSTF|Fire Safety - 2 Years|',
    },
    attributeMetadata: { ...EXAMPLE_ATTRIBUTE_METADATA, assuranceOutcome: 'Completed e-learning with assessment', verificationMethod: 'ESR learning record', lastRefresh: '2026-09-14' },
  },
});
