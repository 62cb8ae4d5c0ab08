import type { CredentialTypeDefinition, SchemaIssue } from '../lib/catalogue-types.js';
import { STAFF_PASSPORT_CONTEXT_V1, VC_CONTEXT_V2 } from '../lib/urls.js';
import { CSTF_SUBJECTS, type CstfLevel, type CstfSubjectCode } from '../reference/cstf.js';
import { refresherMonths, trainingExpiry } from '../rules/training-expiry.js';
import { TRAINING_RECORD_VERSION, trainingRecordSchema, type TrainingRecordSubject } from './training-record.js';

function trainingOf(subject: Record<string, unknown>): TrainingRecordSubject['training'] {
  return (subject as unknown as TrainingRecordSubject).training;
}

/** The TrainingRecord entry of the catalogue. */
export const trainingRecordType: CredentialTypeDefinition = {
  type: 'TrainingRecord',
  slug: 'training-record',
  version: TRAINING_RECORD_VERSION,
  schemaId: trainingRecordSchema.$id,
  schema: trainingRecordSchema,
  title: trainingRecordSchema.title,
  description: trainingRecordSchema.description,
  labels: {
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
  checkRules(credentialSubject): SchemaIssue[] {
    const t = trainingOf(credentialSubject);
    const issues: SchemaIssue[] = [];
    const months = refresherMonths(t.subject, t.level);
    if (months === undefined) {
      const levels = Object.keys(CSTF_SUBJECTS[t.subject].refresherMonths).join(', ');
      issues.push({
        path: 'credentialSubject.training.level',
        code: 'level_not_in_framework',
        message: `${CSTF_SUBJECTS[t.subject].title} has level ${levels} only`,
      });
    } else if (t.expiresOn !== undefined && t.expiresOn !== trainingExpiry(t.subject, t.level, t.completedOn)) {
      issues.push({
        path: 'credentialSubject.training.expiresOn',
        code: 'expiry_inconsistent',
        message: `must be the completion date plus ${months} months (${trainingExpiry(t.subject, t.level, t.completedOn)}), or left out`,
      });
    }
    return issues;
  },
  derive(credentialSubject) {
    const t = trainingOf(credentialSubject);
    const expiresOn = trainingExpiry(t.subject as CstfSubjectCode, t.level as CstfLevel, t.completedOn);
    return {
      credentialSubject: { ...credentialSubject, training: { ...t, expiresOn } },
      validUntil: `${expiresOn}T23:59:59Z`,
    };
  },
  example: {
    '@context': [VC_CONTEXT_V2, STAFF_PASSPORT_CONTEXT_V1],
    type: ['VerifiableCredential', 'TrainingRecord'],
    credentialSubject: {
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
      attributeMetadata: {
        origin: 'ESR',
        provider: 'Demo Valley NHS Trust',
        assurancePolicy: 'NHS Employment Check Standards',
        assuranceOutcome: 'Completed e-learning with assessment',
        verifier: 'Provider',
        verificationMethod: 'ESR learning record',
        pedigree: 'Authoritative',
        lastRefresh: '2026-09-14',
      },
    },
  },
};
