import { PassportError } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import { hashSecret, randomSecret, runCounted } from './lib/offer-store.js';
import { OID4VCI_LIMITS } from './oid4vci-settings.js';

/**
 * The nonce endpoint (OpenID4VCI 1.0, section 7): a fresh c_nonce for key proofs, single use,
 * valid five minutes, kept hashed (so it survives a restart). Expired nonces are swept by the
 * context's housekeeping timer, not here.
 *
 * @example
 * res.set('cache-control', 'no-store').json(await issueNonce(ctx, org.id));
 */
export async function issueNonce(ctx: IssuerContext, orgId: string): Promise<{ c_nonce: string }> {
  const now = ctx.now();
  const nonce = randomSecret(24);
  await runCounted(ctx, 'INSERT INTO sp_offer_nonces (nonce_hash, org_id, expires_at) VALUES (?, ?, ?)', [
    hashSecret(nonce),
    orgId,
    new Date(now.getTime() + OID4VCI_LIMITS.nonceSeconds * 1000).toISOString(),
  ]);
  return { c_nonce: nonce };
}

/**
 * Uses up a c_nonce of the organisation: it works once, before it expires.
 *
 * @throws PassportError `ERR_NONCE_UNKNOWN` (never issued, or already used), `ERR_NONCE_EXPIRED`.
 */
export async function consumeNonce(ctx: IssuerContext, orgId: string, nonce: string): Promise<void> {
  const now = ctx.now().toISOString();
  const used = await runCounted(ctx, 'DELETE FROM sp_offer_nonces WHERE nonce_hash = ? AND org_id = ? AND expires_at > ?', [hashSecret(nonce), orgId, now]);
  if (used === 1) return;
  const expired = (await ctx.db.query('SELECT 1 AS x FROM sp_offer_nonces WHERE nonce_hash = ? AND org_id = ?', [hashSecret(nonce), orgId])) as unknown[];
  if (expired.length > 0) throw new PassportError('ERR_NONCE_EXPIRED', 'the c_nonce has expired: fetch a new one from the nonce endpoint', { field: 'nonce' });
  throw new PassportError('ERR_NONCE_UNKNOWN', 'the c_nonce is unknown or was used already: fetch a new one from the nonce endpoint', { field: 'nonce' });
}
