import { PassportError, isObject } from '@staff-passport/core';
import { classifyCredential } from '../verification/classify-credential.js';
import { verifyCredential } from '../verification/verify-credential.js';
import type { VerifierContext } from '../verifier-context.js';
import { applyRequestedChecks } from './apply-requested-checks.js';
import { readVerifyOptions } from './read-verify-options.js';
import { buildVerificationReport, type VerificationReport } from './build-verification-report.js';

function invalid(field: string, message: string): PassportError {
  return new PassportError('ERR_REQUEST_INVALID', message, { field });
}

/**
 * Verifies the credential of a VC API `POST /credentials/verify` body (`{verifiableCredential,
 * options}`) in any format we read: VC-JOSE, VC 1.1 JWT, SD-JWT VC (no key binding asked) or
 * Data Integrity; with status and trust. `options.checks` narrows the checks that count (the
 * proof always does; see `readVerifyOptions`).
 *
 * @throws PassportError `ERR_REQUEST_INVALID` when the body is not such a request (a bad credential is a report, not a throw).
 */
export async function verifyCredentialRequest(ctx: VerifierContext, body: unknown): Promise<VerificationReport> {
  if (!isObject(body)) throw invalid('body', 'the body must be a JSON object {verifiableCredential, options}');
  for (const key of Object.keys(body)) if (key !== 'verifiableCredential' && key !== 'options') throw invalid(key, `${key} is not a field of a verify request`);
  const options = readVerifyOptions(body['options']);
  const input = classifyCredential(body['verifiableCredential'], 'verifiableCredential');
  const credential = await verifyCredential(ctx, input, { index: 0, checks: options.checks });
  return buildVerificationReport([], [applyRequestedChecks(credential, options.checks)]);
}
