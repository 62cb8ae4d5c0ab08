import { PassportError, isObject } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import type { Organisation } from '../organisations/organisation.js';
import { createOfferDeliveryStore } from '../store/offer-delivery-store.js';
import { authenticateAccessToken } from './lib/authenticate-access-token.js';
import { deliverCredentials, type HolderKey } from './lib/deliver-credentials.js';
import { hashSecret } from './lib/offer-store.js';
import { OID4VCI_LIMITS, listOfferableTypes, parseConfigurationId } from './oid4vci-settings.js';
import type { CredentialEndpointResult } from './request-credential.js';

/**
 * The deferred credential endpoint (OpenID4VCI 1.0, section 9): for a `transaction_id` the
 * credential endpoint gave, 202 with the same id and an `interval` while HR's check is pending,
 * then 200 with the credentials (bound to the keys proven in the original request) once HR has
 * completed the offer. A transaction id works until its credentials are delivered.
 *
 * @throws PassportError `ERR_ACCESS_TOKEN_INVALID`, `ERR_REQUEST_INVALID`, `ERR_TRANSACTION_ID_INVALID`, `ERR_OFFER_EXPIRED`.
 */
export async function requestDeferredCredential(ctx: IssuerContext, org: Organisation, authorization: string | undefined, body: unknown): Promise<CredentialEndpointResult> {
  const offer = await authenticateAccessToken(ctx, org.id, authorization, { allowExpired: true });
  if (!isObject(body)) throw new PassportError('ERR_REQUEST_INVALID', 'the deferred credential request must be a JSON object', { field: 'body' });
  if (body['credential_response_encryption'] !== undefined) {
    throw new PassportError('ERR_REQUEST_INVALID', 'credential response encryption is not supported', { field: 'credential_response_encryption' });
  }
  const transactionId = body['transaction_id'];
  if (typeof transactionId !== 'string' || transactionId.length === 0 || transactionId.length > 200) {
    throw new PassportError('ERR_REQUEST_INVALID', 'transaction_id is missing', { field: 'transaction_id' });
  }
  const deliveries = createOfferDeliveryStore(ctx.db);
  const row = await deliveries.findDeferred(offer.id, hashSecret(transactionId));
  if (!row) throw new PassportError('ERR_TRANSACTION_ID_INVALID', 'the transaction_id is not valid', { field: 'transaction_id' });
  if (offer.expiresAt <= ctx.now().toISOString()) throw new PassportError('ERR_OFFER_EXPIRED', 'the credential offer has expired', { field: 'transaction_id' });
  const subject = offer.credentials.find((c) => c.type === row.type)?.credentialSubject;
  if (!subject) return { status: 202, body: { transaction_id: transactionId, interval: OID4VCI_LIMITS.deferredIntervalSeconds } };

  // Move the delivery on first, so two polls at once cannot both issue.
  const taken = await deliveries.takeDeferred(offer.id, row.type, ctx.now().toISOString());
  if (!taken) throw new PassportError('ERR_TRANSACTION_ID_INVALID', 'the transaction_id has been used', { field: 'transaction_id' });
  try {
    const holders = JSON.parse(row.holder_keys ?? '[]') as HolderKey[];
    return { status: 200, body: await deliverCredentials(ctx, org, offer, parseConfigurationId(row.configuration_id, await listOfferableTypes(ctx)), subject, holders) };
  } catch (err: unknown) {
    await deliveries.returnDeferred(offer.id, row.type);
    throw err;
  }
}
