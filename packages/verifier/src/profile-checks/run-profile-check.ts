import { PassportError, isObject } from '@staff-passport/core';
import { requireNonce } from '../nonces/nonce-store.js';
import { classifyPresentation } from '../verification/classify-presentation.js';
import { verifyPresentations } from '../verification/verify-presentations.js';
import type { VerifierContext } from '../verifier-context.js';
import type { CheckResult } from './check-result.js';
import { getPresentationRequest } from './presentation-requests.js';
import { recordCheckResult } from './record-check-result.js';

const MAX_PRESENTATIONS = 50;

/**
 * Answers a presentation request: uses its nonce up (once, before it expires), verifies every
 * presentation bound to that nonce and this verifier, evaluates the check profile on the start
 * date, and keeps the result with the credential hashes (not the credentials, unless configured)
 * for the retention period, with a `verification.completed` webhook message in the same transaction.
 *
 * @example
 * const { decision } = await runProfileCheck(ctx, requestId, { presentations: [vp] });
 * @throws PassportError `ERR_NOT_FOUND`, `ERR_REQUEST_INVALID` (field `presentations`),
 *   `ERR_NONCE_REPLAYED` / `ERR_NONCE_EXPIRED` (the request was answered or is too old).
 */
export async function runProfileCheck(ctx: VerifierContext, requestId: string, body: unknown): Promise<CheckResult> {
  if (!isObject(body)) throw new PassportError('ERR_REQUEST_INVALID', 'the body must be {presentations: [...]}', { field: 'body' });
  for (const key of Object.keys(body)) if (key !== 'presentations') throw new PassportError('ERR_REQUEST_INVALID', `${key} is not a field of this request`, { field: key });
  const raw = body['presentations'];
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_PRESENTATIONS) {
    throw new PassportError('ERR_REQUEST_INVALID', `presentations must list 1 to ${MAX_PRESENTATIONS} presentations`, { field: 'presentations' });
  }
  const inputs = raw.map((p, i) => classifyPresentation(p, `presentations[${i}]`));
  const request = await getPresentationRequest(ctx, requestId);
  await requireNonce(ctx.stores.nonces, request.nonce, request.audience, ctx.now());
  const presentations = await verifyPresentations(ctx, inputs, { nonce: request.nonce, audience: request.audience });
  return recordCheckResult(ctx, { requestId, profileId: request.profileId, startDate: request.startDate, move: request.move }, { inputs, presentations });
}
