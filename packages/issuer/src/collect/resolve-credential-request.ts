import { PassportError, isObject } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import { authenticateAccessToken } from '../oid4vci/lib/authenticate-access-token.js';
import { findOffer, hashSecret, type OfferRecord } from '../oid4vci/lib/offer-store.js';
import { parseConfigurationId } from '../oid4vci/oid4vci-settings.js';
import { createStaffCollectionStore } from '../store/staff-collection-store.js';

/** The offer a credential request acts on, and the request as the offer's credential endpoint reads it. */
export interface ResolvedCredentialRequest {
  offer: OfferRecord;
  body: unknown;
}

/**
 * The offer a credential request (OpenID4VCI 1.0, section 8.2) collects from. An access token of
 * the pre-authorised code flow names its offer. One of the authorization code flow names the
 * offers held for the person who signed in: the request's `credential_identifier` (from the token
 * response) picks one, or its `credential_configuration_id` the oldest not yet collected; the
 * body is then read as a request for that configuration.
 *
 * @throws PassportError `ERR_ACCESS_TOKEN_INVALID`, `ERR_CREDENTIAL_CONFIGURATION_UNKNOWN` (field `credential_identifier` or `credential_configuration_id`).
 */
export async function resolveCredentialRequest(ctx: IssuerContext, orgId: string, authorization: string | undefined, body: unknown): Promise<ResolvedCredentialRequest> {
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization ?? '');
  const store = createStaffCollectionStore(ctx.db);
  const token = match ? await store.findToken(hashSecret(match[1]!)) : undefined;
  if (!token || token.org_id !== orgId) return { offer: await authenticateAccessToken(ctx, orgId, authorization), body };
  if (token.expires_at <= ctx.now().toISOString()) throw new PassportError('ERR_ACCESS_TOKEN_INVALID', 'the access token has expired', { field: 'authorization' });
  const grants = JSON.parse(token.grants) as Record<string, { offerId: string; configurationId: string }>;
  if (!isObject(body)) return { offer: await offerOf(ctx, orgId, Object.values(grants)[0]!.offerId), body };
  const { credential_identifier: identifier, ...rest } = body;
  let grant: { offerId: string; configurationId: string } | undefined;
  if (identifier !== undefined) {
    grant = typeof identifier === 'string' ? grants[identifier] : undefined;
    if (!grant) throw new PassportError('ERR_CREDENTIAL_CONFIGURATION_UNKNOWN', 'the access token was not issued for this credential_identifier', { field: 'credential_identifier' });
  } else {
    const configurationId = parseConfigurationId(body['credential_configuration_id']).id;
    const candidates = Object.values(grants).filter((g) => g.configurationId === configurationId);
    if (candidates.length === 0) throw new PassportError('ERR_CREDENTIAL_CONFIGURATION_UNKNOWN', 'nothing of this configuration is waiting for you', { field: 'credential_configuration_id' });
    const type = parseConfigurationId(configurationId).definition.type;
    for (const candidate of candidates) {
      if (!(await store.isDelivered(candidate.offerId, type))) {
        grant = candidate;
        break;
      }
    }
    grant ??= candidates[0]!;
  }
  return { offer: await offerOf(ctx, orgId, grant.offerId), body: { ...rest, credential_configuration_id: grant.configurationId } };
}

async function offerOf(ctx: IssuerContext, orgId: string, offerId: string): Promise<OfferRecord> {
  const offer = await findOffer(ctx, orgId, offerId);
  if (!offer || offer.status === 'withdrawn') throw new PassportError('ERR_ACCESS_TOKEN_INVALID', 'the access token is not valid', { field: 'authorization' });
  return offer;
}
