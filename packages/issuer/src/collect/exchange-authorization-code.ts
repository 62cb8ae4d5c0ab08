import { createHash, timingSafeEqual } from 'node:crypto';
import { PassportError } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import { hashSecret } from '../oid4vci/lib/offer-store.js';
import { createStaffCollectionStore } from '../store/staff-collection-store.js';
import { AUTHORIZATION_CODE_GRANT, COLLECTION_LIMITS, OPENID_CREDENTIAL, requirePersonClaim } from './lib/collection-settings.js';
import { newBearerSecret, openCollectionRequest } from './lib/collection-request.js';
import { findWaitingCredentials } from './lib/waiting-offers.js';

/** The token response of the authorization code flow (OpenID4VCI 1.0, section 6.2). */
export interface AuthorizationCodeTokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  /** When the wallet asked with `authorization_details`: what each configuration may be collected as. */
  authorization_details?: { type: typeof OPENID_CREDENTIAL; credential_configuration_id: string; credential_identifiers: string[] }[];
}

function text(form: Record<string, unknown>, field: string): string {
  const value = form[field];
  if (typeof value !== 'string' || value.length === 0 || value.length > 4096) throw new PassportError('ERR_REQUEST_INVALID', `${field} must be given once, as text`, { field });
  return value;
}

function grantInvalid(message: string, field = 'code'): PassportError {
  return new PassportError('ERR_GRANT_INVALID', message, { field });
}

/**
 * The token endpoint for the authorization code grant (RFC 6749, 4.1.3; OpenID4VCI 1.0, 6.1):
 * the code once, with the PKCE verifier whose S256 hash is the challenge (RFC 7636, 4.6), the same
 * redirect URI and client. The access token (opaque, stored hashed, ten minutes) may collect the
 * credentials waiting for the person who signed in, as they are now; with `authorization_details`
 * the response names one credential identifier per held offer and configuration (section 6.2).
 *
 * @example
 * res.json(await exchangeAuthorizationCode(ctx, org.id, form));
 * @throws PassportError `ERR_REQUEST_INVALID` (a parameter missing), `ERR_GRANT_INVALID` (code unknown, used or
 *   expired; verifier, redirect URI or client not the ones of the request; nothing waiting any more).
 */
export async function exchangeAuthorizationCode(ctx: IssuerContext, orgId: string, form: Record<string, unknown>): Promise<AuthorizationCodeTokenResponse> {
  if (form['grant_type'] !== AUTHORIZATION_CODE_GRANT) throw new PassportError('ERR_REQUEST_INVALID', `grant_type must be ${AUTHORIZATION_CODE_GRANT}`, { field: 'grant_type' });
  // An organisation whose staff do not collect by signing in has no such grant (RFC 6749, 5.2 unsupported_grant_type).
  await requirePersonClaim(ctx, orgId).catch(() => {
    throw new PassportError('ERR_REQUEST_INVALID', 'this organisation does not offer the authorization code grant', { field: 'grant_type' });
  });
  const code = text(form, 'code');
  const verifier = text(form, 'code_verifier');
  const redirectUri = text(form, 'redirect_uri');
  const store = createStaffCollectionStore(ctx.db);
  const row = await store.findRequestByCode(orgId, hashSecret(code));
  const now = ctx.now();
  if (!row || row.status !== 'signed_in' || row.person_number === null) throw grantInvalid('the authorization code is not valid or was used');
  if (row.expires_at <= now.toISOString()) throw grantInvalid('the authorization code has expired');
  const { wallet } = openCollectionRequest(ctx, row);
  const challenge = Buffer.from(createHash('sha256').update(verifier).digest('base64url'));
  const expected = Buffer.from(wallet.codeChallenge);
  if (challenge.length !== expected.length || !timingSafeEqual(challenge, expected)) throw grantInvalid('code_verifier does not match the code challenge', 'code_verifier');
  if (redirectUri !== wallet.redirectUri) throw grantInvalid('redirect_uri is not the one of the authorization request', 'redirect_uri');
  if (form['client_id'] !== undefined && form['client_id'] !== wallet.clientId) throw grantInvalid('client_id is not the one of the authorization request', 'client_id');
  if (!(await store.useCode(row.id))) throw grantInvalid('the authorization code was used');

  const waiting = await findWaitingCredentials(ctx, orgId, row.person_number, wallet.configurationIds, wallet.heldOfferId);
  if (waiting.length === 0) throw grantInvalid('nothing is waiting for this person any more');
  const grants: Record<string, { offerId: string; configurationId: string }> = {};
  for (const w of waiting) grants[`${w.offerId}.${w.configurationId}`] = w;
  const accessToken = newBearerSecret();
  await store.insertToken({
    token_hash: hashSecret(accessToken),
    org_id: orgId,
    person_number: row.person_number,
    grants: JSON.stringify(grants),
    expires_at: new Date(now.getTime() + COLLECTION_LIMITS.accessTokenSeconds * 1000).toISOString(),
  });
  await store.markTokenIssued([...new Set(waiting.map((w) => w.offerId))], now.toISOString());
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: COLLECTION_LIMITS.accessTokenSeconds,
    ...(wallet.byAuthorizationDetails
      ? {
          authorization_details: wallet.configurationIds
            .map((id) => ({ type: OPENID_CREDENTIAL, credential_configuration_id: id, credential_identifiers: waiting.filter((w) => w.configurationId === id).map((w) => `${w.offerId}.${w.configurationId}`) }))
            .filter((d) => d.credential_identifiers.length > 0),
        }
      : {}),
  };
}
