import { PassportError, isObject } from '@staff-passport/core';
import { consumeNonce } from '../nonces/nonce-store.js';
import { classifyPresentation } from '../pipeline/credential-input.js';
import { verifyOnePresentation } from '../pipeline/verify-any.js';
import type { VerifierContext } from '../verifier-context.js';
import { buildReport, type VerificationReport } from './verification-report.js';

function invalid(field: string, message: string): PassportError {
  return new PassportError('ERR_REQUEST_INVALID', message, { field });
}

/**
 * Verifies the presentation of a VC API `POST /presentations/verify` body
 * (`{verifiablePresentation, options: {challenge, domain}}`): the challenge must be one this
 * verifier gave out (`POST /challenges`), unused and unexpired, for that domain; then the holder's
 * proof bound to them, then every credential with status and trust.
 *
 * @throws PassportError `ERR_REQUEST_INVALID` when the body is not such a request.
 */
export async function verifyPresentationRequest(ctx: VerifierContext, body: unknown): Promise<VerificationReport> {
  if (!isObject(body)) throw invalid('body', 'the body must be a JSON object {verifiablePresentation, options}');
  for (const key of Object.keys(body)) if (key !== 'verifiablePresentation' && key !== 'options') throw invalid(key, `${key} is not a field of a verify request`);
  const options = body['options'];
  if (!isObject(options)) throw invalid('options', 'options {challenge, domain} are required: a presentation must be bound to them');
  const { challenge, domain } = options;
  if (typeof challenge !== 'string' || challenge.length < 8 || challenge.length > 512) {
    throw invalid('options.challenge', 'options.challenge must be the nonce you gave the holder (8 to 512 characters)');
  }
  if (typeof domain !== 'string' || domain.length < 1 || domain.length > 2048) throw invalid('options.domain', 'options.domain must be the audience the holder was given');
  const input = classifyPresentation(body['verifiablePresentation'], 'verifiablePresentation');
  const nonceProblem = await consumeNonce(ctx.stores.nonces, challenge, domain, ctx.now());
  const result = await verifyOnePresentation(ctx, input, { nonce: challenge, audience: domain });
  const checks = nonceProblem
    ? [...result.checks, { check: 'presentation.challenge', outcome: 'failed' as const, code: nonceProblem, message: 'the challenge is not one this verifier gave out, or it was used or has expired' }]
    : [{ check: 'presentation.challenge', outcome: 'passed' as const }, ...result.checks];
  return buildReport(checks, result.credentials.map((c) => c.verification), result.holder);
}
