import { PassportError } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import { createOfferTokenStore } from '../store/offer-token-store.js';
import { hashSecret, randomSecret } from './lib/offer-store.js';
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
  const store = createOfferTokenStore(ctx.db);
  await store.insertNonce({ nonce_hash: hashSecret(nonce), org_id: orgId, expires_at: new Date(now.getTime() + OID4VCI_LIMITS.nonceSeconds * 1000).toISOString() });
  return { c_nonce: nonce };
}

/**
 * Uses up a c_nonce of the organisation: it works once, before it expires.
 *
 * @throws PassportError `ERR_NONCE_UNKNOWN` (never issued, or already used), `ERR_NONCE_EXPIRED`.
 */
export async function consumeNonce(ctx: IssuerContext, orgId: string, nonce: string): Promise<void> {
  const now = ctx.now().toISOString();
  const store = createOfferTokenStore(ctx.db);
  if (await store.useNonce(hashSecret(nonce), orgId, now)) return;
  if (await store.hasNonce(hashSecret(nonce), orgId)) throw new PassportError('ERR_NONCE_EXPIRED', 'the c_nonce has expired: fetch a new one from the nonce endpoint', { field: 'nonce' });
  throw new PassportError('ERR_NONCE_UNKNOWN', 'the c_nonce is unknown or was used already: fetch a new one from the nonce endpoint', { field: 'nonce' });
}
