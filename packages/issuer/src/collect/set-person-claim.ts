import { PassportError, isObject } from '@staff-passport/core';
import { appendAuditEvents } from '../audit/append-audit-event.js';
import type { IssuerContext } from '../issuer-context.js';
import { createStaffCollectionStore } from '../store/staff-collection-store.js';
import { parseWalletRedirectUris } from './lib/wallet-redirect-uris.js';

/** What an org-admin sends (`PUT /orgs/{orgId}/staff-collection`). */
export interface StaffCollectionSettings {
  /**
   * The ID token claim that names the person (`employee_number`, `esr_person_number`): compared
   * exactly with the person number bulk rows and held offers carry. Never a name.
   */
  personClaim: string;
  /**
   * The redirect URIs of the organisation's wallet clients (exact URIs): the authorization code
   * flow sends the person back only to one of them. Absent: the deployment's defaults (its web
   * wallet; on a local demo any loopback http URI).
   */
  walletRedirectUris?: string[];
}

const CLAIM = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;
// Claims that name a person rather than number them, or say nothing about who they are.
const REFUSED = new Set(['name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'email', 'iss', 'aud', 'exp', 'iat', 'nonce']);

/**
 * Sets which claim of the organisation's ID tokens names the person who collects credentials
 * held for them (the authorization code flow), and the redirect URIs of its wallet clients,
 * audited as `collection.settings`. The sign-in uses
 * the organisation's OIDC configuration and its console client id.
 *
 * @example
 * await setPersonClaim(ctx, org.id, { personClaim: 'employee_number' }, principal.keyId);
 * @throws PassportError `ERR_REQUEST_INVALID` (field `personClaim`, `walletRedirectUris[i]`).
 */
export async function setPersonClaim(ctx: IssuerContext, orgId: string, body: unknown, actor: string): Promise<StaffCollectionSettings> {
  if (!isObject(body) || Object.keys(body).some((k) => k !== 'personClaim' && k !== 'walletRedirectUris')) {
    throw new PassportError('ERR_REQUEST_INVALID', 'the body must be {personClaim, walletRedirectUris?}', { field: 'body' });
  }
  const claim = body['personClaim'];
  if (typeof claim !== 'string' || !CLAIM.test(claim) || REFUSED.has(claim)) {
    throw new PassportError('ERR_REQUEST_INVALID', 'personClaim must be the name of a claim that numbers the person (employee_number), not a name or a protocol claim', { field: 'personClaim' });
  }
  const uris = body['walletRedirectUris'] === undefined ? null : parseWalletRedirectUris(body['walletRedirectUris']);
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const store = createStaffCollectionStore(tx);
    await store.putPersonClaim(orgId, claim, now.toISOString());
    await store.putWalletRedirectUris(orgId, uris, now.toISOString());
    await appendAuditEvents(tx, [{ orgId, actor, action: 'collection.settings', subject: orgId, detail: { personClaim: claim, walletRedirectUris: uris }, at: now }]);
  });
  return { personClaim: claim, ...(uris ? { walletRedirectUris: uris } : {}) };
}
