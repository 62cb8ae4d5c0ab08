import { randomBytes } from 'node:crypto';
import { PassportError, type ErrorCode } from '@staff-passport/core';
import type { NonceStore } from '../store/nonce-store.js';

/** A nonce the verifier gave a holder, to bind a presentation to this request and audience. */
export interface IssuedNonce {
  nonce: string;
  audience: string;
  expiresAt: string;
}

/**
 * Gives out a fresh nonce (128 bits, base64url) for an audience, valid for `ttlSeconds`.
 *
 * @example
 * const { nonce } = await issueNonce(ctx.stores.nonces, { audience: verifierUrl, ttlSeconds: 600, now: new Date() });
 */
export async function issueNonce(nonces: NonceStore, input: { audience: string; ttlSeconds: number; now: Date; requestId?: string }): Promise<IssuedNonce> {
  const nonce = randomBytes(16).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + input.ttlSeconds * 1000).toISOString();
  await nonces.insert({ nonce, audience: input.audience, request_id: input.requestId ?? null, created_at: input.now.toISOString(), expires_at: expiresAt });
  return { nonce, audience: input.audience, expiresAt };
}

/**
 * Uses a nonce up: it must be one we gave out, for this audience, not expired and not used
 * before. One conditional statement checks and marks it, so two presentations racing with the
 * same nonce (on one instance or two sharing the database) cannot both pass.
 *
 * @returns undefined when the nonce was good, else the code saying why not.
 */
export async function consumeNonce(nonces: NonceStore, nonce: string, audience: string, now: Date): Promise<ErrorCode | undefined> {
  const at = now.toISOString();
  if (await nonces.use(nonce, audience, at)) return undefined;
  // Refused: read the row only to say why (a used nonce never becomes usable again).
  const row = await nonces.find(nonce);
  if (!row) return 'ERR_NONCE_UNKNOWN';
  if (row.used_at) return 'ERR_NONCE_REPLAYED';
  if (row.audience !== audience) return 'ERR_VP_AUDIENCE_MISMATCH';
  if (row.expires_at <= at) return 'ERR_NONCE_EXPIRED';
  return 'ERR_NONCE_REPLAYED';
}

/**
 * Throws when {@link consumeNonce} refuses the nonce.
 *
 * @throws PassportError `ERR_NONCE_UNKNOWN`, `ERR_NONCE_REPLAYED`, `ERR_NONCE_EXPIRED`, `ERR_VP_AUDIENCE_MISMATCH`.
 */
export async function requireNonce(nonces: NonceStore, nonce: string, audience: string, now: Date): Promise<void> {
  const code = await consumeNonce(nonces, nonce, audience, now);
  if (code) throw new PassportError(code, 'the challenge is not one this verifier gave out, or it was used or has expired', { field: 'options.challenge' });
}

/** Deletes nonces expired for more than a day (housekeeping runs it on a timer). */
export async function purgeNonces(nonces: NonceStore, now: Date): Promise<void> {
  await nonces.deleteExpired(new Date(now.getTime() - 86_400_000).toISOString());
}
