import { PassportError } from '@staff-passport/core';
import { consumeNonce } from '../../nonces/nonce-store.js';
import type { VerifierContext } from '../../verifier-context.js';

/**
 * Uses up an OpenID4VP request's nonce, bound to its client_id: the one step that decides, in a
 * transaction, which of two racing answers (or an answer and a refusal) wins. A nonce used before
 * means the request was answered; an expired one that it expired.
 *
 * @throws PassportError `ERR_VP_REQUEST_ANSWERED`, `ERR_VP_REQUEST_EXPIRED`, `ERR_VP_RESPONSE_INVALID`.
 */
export async function consumeNonceOrThrow(ctx: VerifierContext, nonce: string, clientId: string, now: Date): Promise<void> {
  const code = await consumeNonce(ctx.stores.nonces, nonce, clientId, now);
  if (code === undefined) return;
  if (code === 'ERR_NONCE_REPLAYED') throw new PassportError('ERR_VP_REQUEST_ANSWERED', 'the request has been answered already', { field: 'id' });
  if (code === 'ERR_NONCE_EXPIRED') throw new PassportError('ERR_VP_REQUEST_EXPIRED', 'the request has expired', { field: 'id' });
  throw new PassportError('ERR_VP_RESPONSE_INVALID', 'the request cannot be answered', { field: 'id' });
}
