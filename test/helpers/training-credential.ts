import { trainingRecordType } from '@staff-passport/schemas';

/** A TrainingRecord issue body for a holder, with optional changes to the training claims. */
export function trainingCredential(holder: string, training: Record<string, unknown> = {}): Record<string, unknown> {
  const credential = JSON.parse(JSON.stringify(trainingRecordType.example).replaceAll('{holderDid}', holder)) as Record<string, unknown>;
  const subject = credential['credentialSubject'] as { training: Record<string, unknown> };
  Object.assign(subject.training, training);
  return credential;
}
