import { PassportError, extractEnvelopedJwt, isObject, verifyVcJose } from '@staff-passport/core';
import type { VerifierContext } from '../verifier-context.js';
import { buildReport, type VerificationReport } from './verification-report.js';

function invalid(field: string, message: string): PassportError {
  return new PassportError('ERR_REQUEST_INVALID', message, { field });
}

/**
 * Verifies the credential of a VC API `POST /credentials/verify` body
 * (`{verifiableCredential, options}`; the credential enveloped VC-JOSE, or the JWT itself).
 *
 * @throws PassportError `ERR_REQUEST_INVALID` when the body is not such a request (a bad credential is a report, not a throw).
 */
export async function verifyCredentialRequest(ctx: VerifierContext, body: unknown): Promise<VerificationReport> {
  if (!isObject(body)) throw invalid('body', 'the body must be a JSON object {verifiableCredential, options}');
  for (const key of Object.keys(body)) if (key !== 'verifiableCredential' && key !== 'options') throw invalid(key, `${key} is not a field of a verify request`);
  if (body['options'] !== undefined && !isObject(body['options'])) throw invalid('options', 'options must be an object');
  const jwt = extractEnvelopedJwt(body['verifiableCredential'], 'application/vc+jwt');
  if (jwt === undefined) {
    throw invalid('verifiableCredential', 'verifiableCredential must be an EnvelopedVerifiableCredential (data:application/vc+jwt,...) or a VC-JOSE JWT');
  }
  const result = await verifyVcJose({ jwt, resolver: ctx.resolver, now: ctx.now(), clockSkewSeconds: ctx.clockSkewSeconds });
  return buildReport([], [result]);
}
