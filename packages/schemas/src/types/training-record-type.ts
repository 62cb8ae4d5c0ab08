import type { SchemaIssue } from '../lib/catalogue-types.js';
import { endOfDay } from '../lib/dates.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { CSTF_SUBJECTS } from '../reference/cstf.js';
import { refresherMonths, trainingExpiry } from '../rules/training-expiry.js';
import { TRAINING_RECORD_VERSION, trainingRecordSchema, type TrainingRecordSubject } from './training-record.js';
import { EXAMPLE_ATTRIBUTE_METADATA } from './example-metadata.js';

/** The TrainingRecord entry of the catalogue. */
export const trainingRecordType = defineCredentialType<TrainingRecordSubject>({
  type: 'TrainingRecord',
  slug: 'training-record',
  version: TRAINING_RECORD_VERSION,
  schema: trainingRecordSchema,
  labels: {
    training: 'Training',
    'training.framework': 'Framework',
    'training.frameworkVersion': 'Framework version',
    'training.subject': 'Subject',
    'training.level': 'Level',
    'training.completedOn': 'Completed on',
    'training.expiresOn': 'Expires on',
    'training.issuerAligned': 'Issuer aligned to the CSTF',
    'training.esrCompetence': 'ESR competence',
  },
  disclosable: ['training.completedOn', 'training.expiresOn', 'training.esrCompetence'],
  rules: [
    { code: 'level_not_in_framework', rule: 'The level must be one the CSTF defines for the subject (fire safety has level 1 only).' },
    { code: 'expiry_inconsistent', rule: "expiresOn, when given, must be the completion date plus the subject's refresher period." },
  ],
  derives: ["training.expiresOn: the completion date plus the subject's CSTF refresher period", 'validUntil: the end of the expiry day'],
  checkRules(subject): SchemaIssue[] {
    const t = subject.training;
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
  },
  derive(subject) {
    const expiresOn = trainingExpiry(subject.training.subject, subject.training.level, subject.training.completedOn);
    return { credentialSubject: { ...subject, training: { ...subject.training, expiresOn } }, validUntil: endOfDay(expiresOn) };
  },
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
