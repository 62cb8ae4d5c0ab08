import { isObject } from '../lib/is-object.js';
import type { CredentialVerification } from './verification-result.js';

/**
 * Adds the `holder-binding` check to a presented credential's result: every subject's `id` is the
 * presenting holder, else `ERR_VP_HOLDER_MISMATCH` and the credential is not verified. Shared by
 * the VP JWT, VC 1.1 VP JWT and Data Integrity presentation checks.
 */
export function addHolderBindingCheck(result: CredentialVerification, holder: string | undefined, credentialIndex: number): void {
  const subject = result.credential?.['credentialSubject'];
  const subjects = Array.isArray(subject) ? subject : [subject];
  if (subjects.length > 0 && subjects.every((s) => isObject(s) && s['id'] === holder)) {
    result.checks.push({ check: 'holder-binding', outcome: 'passed', credentialIndex });
  } else {
    result.checks.push({ check: 'holder-binding', outcome: 'failed', code: 'ERR_VP_HOLDER_MISMATCH', message: 'the credential was not issued to the presenting holder', credentialIndex });
    result.verified = false;
  }
}
