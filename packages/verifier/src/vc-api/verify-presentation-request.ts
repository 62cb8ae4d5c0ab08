import { PassportError, isObject, type VerificationCheck } from '@staff-passport/core';
import { consumeNonce } from '../nonces/nonce-store.js';
import { classifyPresentation } from '../verification/classify-presentation.js';
import { verifyPresentation } from '../verification/verify-presentation.js';
import type { VerifierContext } from '../verifier-context.js';
import { applyRequestedChecks } from './apply-requested-checks.js';
import { readVerifyOptions } from './read-verify-options.js';
import { buildVerificationReport, type VerificationReport } from './build-verification-report.js';

function invalid(field: string, message: string): PassportError {
  return new PassportError('ERR_REQUEST_INVALID', message, { field });
}

// The challenge: one this verifier gave out is used up (once, for its domain, before it expires).
// With `callerChallenges`, one it never gave out is the caller's own, which the VC API allows.
async function checkChallenge(ctx: VerifierContext, challenge: string, domain: string): Promise<VerificationCheck> {
  const problem = await consumeNonce(ctx.stores.nonces, challenge, domain, ctx.now());
  if (!problem) return { check: 'presentation.challenge', outcome: 'passed' };
  if (problem === 'ERR_NONCE_UNKNOWN' && ctx.callerChallenges) {
    return { check: 'presentation.challenge', outcome: 'passed', message: "the caller's own challenge (not from POST /challenges): the caller answers for its freshness" };
  }
  return { check: 'presentation.challenge', outcome: 'failed', code: problem, message: 'the challenge is not one this verifier gave out, or it was used or has expired' };
}

/**
 * Verifies the presentation of a VC API `POST /presentations/verify` body
 * (`{verifiablePresentation, options: {challenge, domain, checks}}`): the challenge must be one
 * this verifier gave out (`POST /challenges`), unused and unexpired, for that domain, or (with
 * `callerChallenges`) the caller's own; then the holder's proof bound to them, then every
 * credential with status and trust. As the VC Data Model 2.0 allows (section 4.13), the
 * presentation need not name a holder nor carry credentials, and a credential's subject need not
 * be the holder unless `options.checks` names `holder-binding`; the OpenID4VP flow keeps all three
 * rules.
 *
 * @throws PassportError `ERR_REQUEST_INVALID` when the body is not such a request.
 */
export async function verifyPresentationRequest(ctx: VerifierContext, body: unknown): Promise<VerificationReport> {
  if (!isObject(body)) throw invalid('body', 'the body must be a JSON object {verifiablePresentation, options}');
  for (const key of Object.keys(body)) if (key !== 'verifiablePresentation' && key !== 'options') throw invalid(key, `${key} is not a field of a verify request`);
  if (!isObject(body['options'])) throw invalid('options', 'options {challenge, domain} are required: a presentation must be bound to them');
  const options = readVerifyOptions(body['options']);
  const { challenge, domain } = options;
  if (challenge === undefined) throw invalid('options.challenge', 'options.challenge must be the nonce you gave the holder (8 to 512 characters)');
  if (domain === undefined) throw invalid('options.domain', 'options.domain must be the audience the holder was given');
  const input = classifyPresentation(body['verifiablePresentation'], 'verifiablePresentation');
  const challengeCheck = await checkChallenge(ctx, challenge, domain);
  const result = await verifyPresentation(ctx, input, {
    binding: { nonce: challenge, audience: domain },
    rules: { holderRequired: false, credentialsRequired: false, holderBinding: true },
    checks: options.checks,
  });
  const checks = challengeCheck.outcome === 'failed' ? [...result.checks, challengeCheck] : [challengeCheck, ...result.checks];
  return buildVerificationReport(
    checks,
    result.credentials.map((c) => applyRequestedChecks(c, options.checks)),
    result.holder,
    { credentialsRequired: false },
  );
}
