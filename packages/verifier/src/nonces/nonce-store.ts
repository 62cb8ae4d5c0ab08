import { randomBytes } from 'node:crypto';
import { PassportError, type ErrorCode, type Database } from '@staff-passport/core';

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
 * const { nonce } = await issueNonce(db, { audience: verifierUrl, ttlSeconds: 600, now: new Date() });
 */
export async function issueNonce(db: Database, input: { audience: string; ttlSeconds: number; now: Date; requestId?: string }): Promise<IssuedNonce> {
  const nonce = randomBytes(16).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + input.ttlSeconds * 1000).toISOString();
  await db.query('INSERT INTO sp_nonces (nonce, audience, request_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
    nonce,
    input.audience,
    input.requestId ?? null,
    input.now.toISOString(),
    expiresAt,
  ]);
  return { nonce, audience: input.audience, expiresAt };
}

/**
 * Uses a nonce up: it must be one we gave out, for this audience, not expired and not used
 * before. The check and the marking share one transaction, so two presentations racing with the
 * same nonce cannot both pass.
 *
 * @returns undefined when the nonce was good, else the code saying why not.
 */
export async function consumeNonce(db: Database, nonce: string, audience: string, now: Date): Promise<ErrorCode | undefined> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const rows = (await tx.query('SELECT audience, expires_at, used_at FROM sp_nonces WHERE nonce = ?', [nonce])) as {
      audience: string;
      expires_at: string;
      used_at: string | null;
    }[];
    const row = rows[0];
    if (!row) return 'ERR_NONCE_UNKNOWN';
    if (row.used_at) return 'ERR_NONCE_REPLAYED';
    if (row.audience !== audience) return 'ERR_VP_AUDIENCE_MISMATCH';
    if (row.expires_at <= at) return 'ERR_NONCE_EXPIRED';
    await tx.query('UPDATE sp_nonces SET used_at = ? WHERE nonce = ?', [at, nonce]);
    return undefined;
  });
}

/**
 * Throws when {@link consumeNonce} refuses the nonce.
 *
 * @throws PassportError `ERR_NONCE_UNKNOWN`, `ERR_NONCE_REPLAYED`, `ERR_NONCE_EXPIRED`, `ERR_VP_AUDIENCE_MISMATCH`.
 */
export async function requireNonce(db: Database, nonce: string, audience: string, now: Date): Promise<void> {
  const code = await consumeNonce(db, nonce, audience, now);
  if (code) throw new PassportError(code, 'the challenge is not one this verifier gave out, or it was used or has expired', { field: 'options.challenge' });
}

/** Deletes nonces expired for more than a day (housekeeping). */
export async function purgeNonces(db: Database, now: Date): Promise<void> {
  await db.query('DELETE FROM sp_nonces WHERE expires_at < ?', [new Date(now.getTime() - 86_400_000).toISOString()]);
}
