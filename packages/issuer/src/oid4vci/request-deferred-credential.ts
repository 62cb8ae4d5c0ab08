import { PassportError, isObject } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import type { Organisation } from '../organisations/organisation.js';
import { authenticateAccessToken } from './lib/authenticate-access-token.js';
import { deliverCredentials, type HolderKey } from './lib/deliver-credentials.js';
import { hashSecret, runCounted } from './lib/offer-store.js';
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
  const rows = (await ctx.db.query("SELECT type, configuration_id, holder_keys FROM sp_offer_deliveries WHERE offer_id = ? AND transaction_hash = ? AND state = 'deferred'", [
    offer.id,
    hashSecret(transactionId),
  ])) as { type: string; configuration_id: string; holder_keys: string }[];
  const row = rows[0];
  if (!row) throw new PassportError('ERR_TRANSACTION_ID_INVALID', 'the transaction_id is not valid', { field: 'transaction_id' });
  if (offer.expiresAt <= ctx.now().toISOString()) throw new PassportError('ERR_OFFER_EXPIRED', 'the credential offer has expired', { field: 'transaction_id' });
  const subject = offer.credentials.find((c) => c.type === row.type)?.credentialSubject;
  if (!subject) return { status: 202, body: { transaction_id: transactionId, interval: OID4VCI_LIMITS.deferredIntervalSeconds } };

  // Move the delivery on first, so two polls at once cannot both issue.
  const taken = await runCounted(ctx, "UPDATE sp_offer_deliveries SET state = 'issuing', updated_at = ? WHERE offer_id = ? AND type = ? AND state = 'deferred'", [
    ctx.now().toISOString(),
    offer.id,
    row.type,
  ]);
  if (taken === 0) throw new PassportError('ERR_TRANSACTION_ID_INVALID', 'the transaction_id has been used', { field: 'transaction_id' });
  try {
    const holders = JSON.parse(row.holder_keys) as HolderKey[];
    return { status: 200, body: await deliverCredentials(ctx, org, offer, parseConfigurationId(row.configuration_id, await listOfferableTypes(ctx)), subject, holders) };
  } catch (err: unknown) {
    await runCounted(ctx, "UPDATE sp_offer_deliveries SET state = 'deferred' WHERE offer_id = ? AND type = ? AND state = 'issuing'", [offer.id, row.type]);
    throw err;
  }
}
