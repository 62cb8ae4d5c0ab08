import { PassportError, isObject } from '@staff-passport/core';
import { resolveCredentialRequest } from '../collect/resolve-credential-request.js';
import type { IssuerContext } from '../issuer-context.js';
import type { Organisation } from '../organisations/organisation.js';
import { createOfferDeliveryStore } from '../store/offer-delivery-store.js';
import { createOfferStore } from '../store/offer-store.js';
import { consumeNonce } from './issue-nonce.js';
import { deliverCredentials, type CredentialResponseBody, type HolderKey } from './lib/deliver-credentials.js';
import { assertNotExpired, hashSecret, offerActor, randomSecret, withAudit } from './lib/offer-store.js';
import { OID4VCI_LIMITS, credentialIssuerIdFor, listOfferableTypes, parseConfigurationId } from './oid4vci-settings.js';
import { verifyProofJwt } from './verify-proof-jwt.js';

/** What the credential endpoint answers: 200 with credentials, or 202 while issuance is deferred. */
export type CredentialEndpointResult = { status: 200; body: CredentialResponseBody } | { status: 202; body: { transaction_id: string; interval: number } };

function requestInvalid(message: string, field: string): PassportError {
  return new PassportError('ERR_REQUEST_INVALID', message, { field });
}

/** Options of {@link requestCredential}. */
export interface RequestCredentialOptions {
  /**
   * Accept a single `proof: {proof_type: 'jwt', jwt}` as one proof, as OpenID4VCI drafts up to 15
   * defined it (the issuer's draft compatibility); 1.0 has only `proofs`. Default false.
   */
  acceptSingleProof?: boolean;
}

// A draft's single proof (OpenID4VCI draft 15, section 8.2: `proof` with `proof_type` jwt).
function singleProofOf(proof: unknown, body: Record<string, unknown>): unknown[] {
  if (body['proofs'] !== undefined) throw new PassportError('ERR_PROOF_INVALID', 'send proof or proofs, not both', { field: 'proof' });
  if (!isObject(proof) || proof['proof_type'] !== 'jwt') throw new PassportError('ERR_PROOF_INVALID', "proof must be {proof_type: 'jwt', jwt}", { field: 'proof.proof_type' });
  return [proof['jwt']];
}

/** The jwt proofs of a request (section 8.2: `proofs: {jwt: [...]}`, one credential per proof). */
function proofsOf(body: Record<string, unknown>, acceptSingleProof: boolean): unknown[] {
  if (body['proof'] !== undefined && acceptSingleProof) return singleProofOf(body['proof'], body);
  if (body['proof'] !== undefined) throw new PassportError('ERR_PROOF_INVALID', 'send proofs: {jwt: [...]} (the single proof parameter is not part of OpenID4VCI 1.0)', { field: 'proof' });
  const proofs = body['proofs'];
  if (!isObject(proofs)) throw new PassportError('ERR_PROOF_INVALID', 'proofs is missing: {jwt: [...]}', { field: 'proofs' });
  const types = Object.keys(proofs);
  if (types.length !== 1 || types[0] !== 'jwt') throw new PassportError('ERR_PROOF_INVALID', 'proofs must hold one proof type, jwt', { field: 'proofs' });
  const jwts = proofs['jwt'];
  if (!Array.isArray(jwts) || jwts.length === 0) throw new PassportError('ERR_PROOF_INVALID', 'proofs.jwt must list at least one proof', { field: 'proofs.jwt' });
  if (jwts.length > OID4VCI_LIMITS.batchSize) throw new PassportError('ERR_PROOF_INVALID', `at most ${OID4VCI_LIMITS.batchSize} proofs in one request (batch_size)`, { field: 'proofs.jwt' });
  return jwts;
}

/**
 * The credential endpoint (OpenID4VCI 1.0, section 8): checks the access token, the credential
 * configuration (one the offer names), every key proof and its c_nonce (used up), then issues one
 * credential per proof in the format of the configuration. Each offered type is delivered once,
 * in any one of its formats. An offer still pending (its claims not yet supplied) answers 202 with
 * a `transaction_id` for the deferred credential endpoint. With `acceptSingleProof`, a draft's
 * single `proof` counts as one proof.
 *
 * @throws PassportError `ERR_ACCESS_TOKEN_INVALID`, `ERR_REQUEST_INVALID`, `ERR_CREDENTIAL_CONFIGURATION_UNKNOWN`,
 *   `ERR_PROOF_INVALID`, `ERR_NONCE_UNKNOWN`, `ERR_NONCE_EXPIRED`, `ERR_OFFER_USED`, `ERR_OFFER_EXPIRED`.
 */
export async function requestCredential(ctx: IssuerContext, org: Organisation, authorization: string | undefined, request: unknown, options: RequestCredentialOptions = {}): Promise<CredentialEndpointResult> {
  // An access token of the authorization code flow names the person's held offers: one is picked.
  const { offer, body } = await resolveCredentialRequest(ctx, org.id, authorization, request);
  const now = ctx.now();
  if (!isObject(body)) throw requestInvalid('the credential request must be a JSON object', 'body');
  if (body['credential_response_encryption'] !== undefined) throw requestInvalid('credential response encryption is not supported', 'credential_response_encryption');
  if (body['credential_identifier'] !== undefined) {
    // The token response names no credential identifiers, so none can be valid.
    throw new PassportError('ERR_CREDENTIAL_CONFIGURATION_UNKNOWN', 'use credential_configuration_id: no credential identifiers were issued', { field: 'credential_identifier' });
  }
  if (body['credential_configuration_id'] === undefined) throw requestInvalid('credential_configuration_id is missing', 'credential_configuration_id');
  const configuration = parseConfigurationId(body['credential_configuration_id'], await listOfferableTypes(ctx));
  const offered = offer.credentials.find((c) => c.type === configuration.definition.type);
  if (!offered || !offer.formats.includes(configuration.format)) {
    throw new PassportError('ERR_CREDENTIAL_CONFIGURATION_UNKNOWN', 'the offer does not include this credential configuration', { field: 'credential_configuration_id' });
  }
  await assertNotExpired(ctx, offer, now);

  const audience = credentialIssuerIdFor(ctx.publicUrl, org.id);
  const holders: HolderKey[] = [];
  const nonces = new Set<string>();
  for (const [i, jwt] of proofsOf(body, options.acceptSingleProof === true).entries()) {
    try {
      const key = await verifyProofJwt({ jwt, audience, resolver: ctx.resolver, now });
      holders.push(key);
      nonces.add(key.nonce);
    } catch (err: unknown) {
      if (err instanceof PassportError) throw new PassportError(err.code, `proofs.jwt[${i}]: ${err.message}`, { field: `proofs.jwt[${i}]`, cause: err });
      throw err;
    }
  }
  if (new Set(holders.map((h) => JSON.stringify(h.holderJwk))).size !== holders.length) {
    throw new PassportError('ERR_PROOF_INVALID', 'each proof must be signed by a different key: one credential per key', { field: 'proofs.jwt' });
  }
  // Proofs of one batch may share the c_nonce they were made with; each nonce works once.
  for (const nonce of nonces) await consumeNonce(ctx, org.id, nonce);

  // Claim the type: of two requests for it, in any formats (through any instance), only one goes
  // on; the other meets the key and inserts nothing (no error to turn into a 500).
  const at = now.toISOString();
  const deliveries = createOfferDeliveryStore(ctx.db);
  const claimed = await deliveries.claim(offer.id, configuration.definition.type, configuration.id, at);
  if (!claimed) throw new PassportError('ERR_OFFER_USED', `${configuration.definition.type} has already been requested with this offer`, { field: 'credential_configuration_id' });

  if (!offered.credentialSubject) {
    const transactionId = randomSecret();
    await withAudit(ctx, [{ orgId: org.id, actor: offerActor(offer.id), action: 'offer.defer', subject: offer.id, detail: { type: configuration.definition.type, format: configuration.format, count: holders.length }, at: now }], async (tx) => {
      const holderKeys = JSON.stringify(holders.map(({ holderDid, holderJwk }) => ({ holderDid, holderJwk })));
      await createOfferDeliveryStore(tx).defer(offer.id, configuration.definition.type, holderKeys, hashSecret(transactionId), at);
      await createOfferStore(tx).markPending(offer.id, at);
    });
    return { status: 202, body: { transaction_id: transactionId, interval: OID4VCI_LIMITS.deferredIntervalSeconds } };
  }

  try {
    return { status: 200, body: await deliverCredentials(ctx, org, offer, configuration, offered.credentialSubject, holders) };
  } catch (err: unknown) {
    // Nothing was delivered: the wallet may ask again (a fresh nonce, the same keys).
    await deliveries.release(offer.id, configuration.definition.type);
    throw err;
  }
}
