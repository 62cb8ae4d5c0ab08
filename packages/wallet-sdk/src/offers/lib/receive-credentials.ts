import { PassportError, isObject } from '@staff-passport/core/browser';
import { httpRequest, type HttpAnswer } from '../../lib/http-request.js';
import type { HolderKey } from '../../keys/key-store.js';
import type { StoredCredential } from '../../stores/credential-store.js';
import type { WalletParts } from '../../wallet-parts.js';
import type { PendingCredential } from '../offer-preview.js';
import { issuerError } from './issuer-error.js';
import { verifyReceivedCredential } from './verify-received-credential.js';
import { readCredential } from '../../credentials/store-credential.js';
import type { WalletCredentialFormat } from '../../stores/credential-store.js';

/** What is needed to store and acknowledge one credential response. */
export interface CredentialResponseContext {
  credentialIssuer: string;
  configurationId: string;
  format: string;
  holders: readonly HolderKey[];
  accessToken: string;
  tokenType: string;
  notificationEndpoint?: string;
}

/**
 * Reads a credential (or deferred credential) response (OpenID4VCI 1.0, sections 8.3 and 9.2):
 * reads and verifies every credential it carries (bound to a key the proofs named, issued and
 * signed by the credential issuer: see `verifyReceivedCredential`), stores them all or none, then
 * sends the notification (section 11): `credential_accepted`, or `credential_failure` when reading,
 * verifying or storing failed (and rethrows). A 202 with a `transaction_id` comes back as the
 * transaction id and interval.
 *
 * @throws PassportError `ERR_WALLET_ISSUER_ERROR` for the issuer's error answer, and for a
 *   credential that cannot be read, is bound to another key, or does not verify.
 */
export async function receiveCredentials(
  parts: WalletParts,
  answer: HttpAnswer,
  context: CredentialResponseContext,
  what: string,
): Promise<{ stored: StoredCredential[] } | { transactionId: string; interval: number }> {
  if (!answer.ok) throw issuerError(answer, what);
  const body = isObject(answer.body) ? answer.body : undefined;
  if (!body) throw new PassportError('ERR_WALLET_ISSUER_ERROR', `${what} did not answer a JSON object`, { field: 'credentials' });
  if (typeof body['transaction_id'] === 'string' && !Array.isArray(body['credentials'])) {
    const interval = typeof body['interval'] === 'number' && body['interval'] > 0 ? body['interval'] : 5;
    return { transactionId: body['transaction_id'], interval };
  }
  const credentials = Array.isArray(body['credentials']) ? body['credentials'] : undefined;
  if (!credentials || credentials.length === 0) throw new PassportError('ERR_WALLET_ISSUER_ERROR', `${what} carries no credentials`, { field: 'credentials' });
  const notificationId = typeof body['notification_id'] === 'string' ? body['notification_id'] : undefined;
  const stored: StoredCredential[] = [];
  try {
    for (const entry of credentials) {
      const credential = isObject(entry) ? entry['credential'] : undefined;
      stored.push(
        await readReceived(parts, credential, context, { credentialIssuer: context.credentialIssuer, credentialConfigurationId: context.configurationId, ...(notificationId ? { notificationId } : {}) }),
      );
    }
    for (const credential of stored) await parts.credentials.put(credential);
  } catch (err: unknown) {
    if (notificationId) await notify(parts, context, notificationId, 'credential_failure').catch(() => undefined);
    throw err;
  }
  if (notificationId) await notify(parts, context, notificationId, 'credential_accepted');
  return { stored };
}

// OpenID4VCI format identifiers (1.0 Appendix A, and the draft names older issuers still send) as
// the wallet's formats; JWT formats are told apart by their payload (`vc` claim or not).
const RECEIVED_FORMATS: Readonly<Record<string, WalletCredentialFormat | 'jwt'>> = {
  'dc+sd-jwt': 'dc+sd-jwt',
  'vc+sd-jwt': 'dc+sd-jwt',
  ldp_vc: 'ldp_vc',
  jwt_vc_json: 'jwt',
  'jwt_vc_json-ld': 'jwt',
  'vc+jwt': 'jwt',
};

/**
 * A received credential read as the wallet stores it, bound to one of the keys the proofs named,
 * and verified as the credential issuer's (TLS alone does not say who signed it); or the issuer's error.
 */
async function readReceived(parts: WalletParts, credential: unknown, context: CredentialResponseContext, offer: NonNullable<StoredCredential['offer']>): Promise<StoredCredential> {
  const format = RECEIVED_FORMATS[context.format];
  if (!format) throw new PassportError('ERR_WALLET_ISSUER_ERROR', `this wallet cannot hold the ${context.format} format`, { field: 'format' });
  let stored: StoredCredential;
  try {
    stored = await readCredential(parts, credential, { ...(format === 'jwt' ? {} : { format }), offer });
  } catch (cause: unknown) {
    throw new PassportError('ERR_WALLET_ISSUER_ERROR', `the issuer sent a ${context.format} credential this wallet cannot read or that is bound to another key`, { field: 'credential', cause });
  }
  if (!context.holders.some((h) => h.did === stored.holder)) {
    throw new PassportError('ERR_WALLET_ISSUER_ERROR', 'the issuer bound the credential to a key this wallet did not offer', { field: 'credential' });
  }
  await verifyReceivedCredential(parts, stored, context.credentialIssuer);
  return stored;
}

/** Sends a notification (OpenID4VCI 1.0, section 11.1); a failure is the issuer's error. */
async function notify(parts: WalletParts, context: CredentialResponseContext, notificationId: string, event: 'credential_accepted' | 'credential_failure'): Promise<void> {
  if (!context.notificationEndpoint) return;
  const answer = await httpRequest(parts.fetch, context.notificationEndpoint, {
    json: { notification_id: notificationId, event },
    headers: { authorization: `${context.tokenType} ${context.accessToken}` },
    errorCode: 'ERR_WALLET_ISSUER_ERROR',
    what: 'the notification endpoint',
  });
  if (!answer.ok) throw issuerError(answer, 'the notification endpoint');
}

/** The pending state of a deferred credential, from its context and the issuer's 202 answer. */
export function pendingOf(
  context: CredentialResponseContext & { issuerName?: string; organisation?: PendingCredential['organisation']; deferredCredentialEndpoint?: string },
  deferred: { transactionId: string; interval: number },
): PendingCredential {
  if (!context.deferredCredentialEndpoint) throw new PassportError('ERR_WALLET_ISSUER_ERROR', 'the issuer deferred a credential but has no deferred_credential_endpoint', { field: 'deferred_credential_endpoint' });
  return {
    credentialIssuer: context.credentialIssuer,
    ...(context.issuerName ? { issuerName: context.issuerName } : {}),
    ...(context.organisation ? { organisation: context.organisation } : {}),
    configurationId: context.configurationId,
    format: context.format,
    transactionId: deferred.transactionId,
    interval: deferred.interval,
    deferredCredentialEndpoint: context.deferredCredentialEndpoint,
    ...(context.notificationEndpoint ? { notificationEndpoint: context.notificationEndpoint } : {}),
    accessToken: context.accessToken,
    tokenType: context.tokenType,
    holders: context.holders.map((h) => h.did),
  };
}
