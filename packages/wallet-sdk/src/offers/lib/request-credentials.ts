import { PassportError, isObject } from '@staff-passport/core/browser';
import { httpRequest, type HttpAnswer } from '../../lib/http-request.js';
import { signJwt } from '../../lib/sign-jwt.js';
import type { HolderDidMethod, HolderKey, HolderKeyAlg } from '../../keys/key-store.js';
import type { StoredCredential } from '../../stores/credential-store.js';
import type { WalletOrganisation, WalletParts } from '../../wallet-parts.js';
import { DEFAULT_FORMAT_PREFERENCE, type AcceptOfferResult, type OfferedCredential, type PendingCredential } from '../offer-preview.js';
import { issuerError } from './issuer-error.js';
import { recordReceived } from './log-received.js';
import { pendingOf, receiveCredentials } from './receive-credentials.js';

/** An access token from the token endpoint (OpenID4VCI 1.0, section 6.2). */
export interface AccessToken {
  accessToken: string;
  tokenType: string;
  cNonce?: string;
}

/** How the holder's keys are chosen for the proofs. */
export interface HolderKeyOptions {
  /** An existing holder DID to bind the credentials to; default a new key. */
  holder?: string;
  /** For a new key: the algorithm (default EdDSA when the issuer accepts it, else ES256). */
  keyAlg?: HolderKeyAlg;
  /** For a new key: did:key (default) or did:jwk. */
  keyMethod?: HolderDidMethod;
  /** Credentials per configuration, each bound to its own key (up to the issuer's batch_size; default 1). */
  batchSize?: number;
}

/** One credential request to make: a configuration, and the credential identifier when the token response gave one. */
export interface PlannedRequest {
  configurationId: string;
  format: string;
  /** Section 8.2: REQUIRED when the token response carried `authorization_details`, and then used instead of the configuration id. */
  credentialIdentifier?: string;
}

/** The issuer the requests go to, and the access token that authorises them. */
export interface CredentialSession {
  credentialIssuer: string;
  issuerName?: string;
  organisation?: WalletOrganisation;
  issuerMetadata: Record<string, unknown>;
  token: AccessToken;
  /** The wallet's client_id: the proofs' `iss` (appendix F.1), left out for anonymous pre-authorised access. */
  clientId?: string;
}

/**
 * The configurations to take: supported, in a preferred format, and one per type (the same type
 * offered in several formats is taken once, in the preferred format).
 *
 * @throws PassportError `ERR_WALLET_OFFER_INVALID` when nothing is left.
 */
export function chooseConfigurations(offered: readonly OfferedCredential[], options: { formats?: readonly string[]; configurationIds?: readonly string[] }): OfferedCredential[] {
  const preference = options.formats ?? DEFAULT_FORMAT_PREFERENCE;
  const wanted = offered.filter((c) => c.supported && preference.includes(c.format) && (!options.configurationIds || options.configurationIds.includes(c.configurationId)));
  const byKind = new Map<string, OfferedCredential>();
  for (const c of wanted) {
    const kind = c.catalogueType ?? c.vct ?? (c.types.length > 0 ? c.types.join(',') : c.configurationId);
    const current = byKind.get(kind);
    if (!current || preference.indexOf(c.format) < preference.indexOf(current.format)) byKind.set(kind, c);
  }
  if (byKind.size === 0) throw new PassportError('ERR_WALLET_OFFER_INVALID', 'nothing on offer is in a format this wallet holds', { field: 'credential_configuration_ids' });
  return [...byKind.values()];
}

/**
 * Reads a token response (section 6.2): a Bearer access token, and the `c_nonce` drafts sent there.
 *
 * @throws PassportError `ERR_WALLET_ISSUER_ERROR` for an error answer or one without a Bearer token.
 */
export function readAccessToken(answer: HttpAnswer): AccessToken {
  if (!answer.ok) throw issuerError(answer, 'the token endpoint');
  const body = isObject(answer.body) ? answer.body : {};
  if (typeof body['access_token'] !== 'string') throw new PassportError('ERR_WALLET_ISSUER_ERROR', 'the token endpoint answered no access_token', { field: 'access_token' });
  const tokenType = typeof body['token_type'] === 'string' ? body['token_type'] : 'Bearer';
  if (tokenType.toLowerCase() !== 'bearer') throw new PassportError('ERR_WALLET_ISSUER_ERROR', `the ${tokenType} token type is not supported (Bearer only)`, { field: 'token_type' });
  return { accessToken: body['access_token'], tokenType: 'Bearer', ...(typeof body['c_nonce'] === 'string' ? { cNonce: body['c_nonce'] } : {}) };
}

/**
 * Makes the credential requests (section 8) with the access token: proof JWTs
 * (`openid4vci-proof+jwt`, aud the issuer, a fresh `c_nonce` from the nonce endpoint, section 7;
 * appendix F.1) by the holder key, one request per planned credential; stores each credential
 * bound to the holder key and verified (see `receiveCredentials`), notifies the issuer, and logs
 * `received` (a renewal replacing the credential it renews: `recordReceived`). Deferred credentials come back in `pending`. With `skipUnknown`, a configuration the
 * issuer answers `unknown_credential_configuration` for is passed over (asked for by `scope`,
 * nothing of it was waiting).
 *
 * @throws PassportError `ERR_WALLET_KEY_NOT_FOUND` for an unknown `holder`; `ERR_WALLET_ISSUER_ERROR` for the issuer's errors.
 */
export async function requestCredentials(
  parts: WalletParts,
  session: CredentialSession,
  planned: readonly PlannedRequest[],
  options: HolderKeyOptions & { skipUnknown?: boolean } = {},
): Promise<AcceptOfferResult> {
  const metadata = session.issuerMetadata;
  const configurations = isObject(metadata['credential_configurations_supported']) ? metadata['credential_configurations_supported'] : {};
  const holder = await holderKey(parts, options, planned.map((p) => configurations[p.configurationId]));
  const stored: StoredCredential[] = [];
  const pending: PendingCredential[] = [];
  const batchLimit = isObject(metadata['batch_credential_issuance']) && typeof metadata['batch_credential_issuance']['batch_size'] === 'number' ? metadata['batch_credential_issuance']['batch_size'] : 1;
  const batch = Math.max(1, Math.min(Math.floor(options.batchSize ?? 1), batchLimit));
  const { token } = session;
  for (const plan of planned) {
    const configuration = configurations[plan.configurationId];
    const needsProof = isObject(configuration) && (configuration['proof_types_supported'] !== undefined || configuration['cryptographic_binding_methods_supported'] !== undefined);
    const holders = [holder];
    while (needsProof && holders.length < batch) holders.push(await parts.keys.createKey({ alg: holder.alg, method: holder.did.startsWith('did:jwk:') ? 'did:jwk' : 'did:key' }));
    const context = {
      credentialIssuer: session.credentialIssuer,
      configurationId: plan.configurationId,
      format: plan.format,
      holders,
      accessToken: token.accessToken,
      tokenType: token.tokenType,
      ...(typeof metadata['notification_endpoint'] === 'string' ? { notificationEndpoint: metadata['notification_endpoint'] } : {}),
      ...(typeof metadata['deferred_credential_endpoint'] === 'string' ? { deferredCredentialEndpoint: metadata['deferred_credential_endpoint'] } : {}),
      ...(session.issuerName ? { issuerName: session.issuerName } : {}),
      ...(session.organisation ? { organisation: session.organisation } : {}),
    };
    let answer = await requestCredential(parts, session, plan, needsProof ? holders : [], token.cNonce);
    if (!answer.ok && isObject(answer.body) && answer.body['error'] === 'invalid_nonce') {
      // The nonce was used or expired between our fetch and the request: one retry with a fresh one.
      answer = await requestCredential(parts, session, plan, needsProof ? holders : [], undefined);
    }
    token.cNonce = undefined; // a c_nonce is for one request
    if (options.skipUnknown && !answer.ok && isObject(answer.body) && answer.body['error'] === 'unknown_credential_configuration') continue;
    const result = await receiveCredentials(parts, answer, context, 'the credential endpoint');
    if ('stored' in result) stored.push(...result.stored);
    else pending.push(pendingOf(context, result));
  }
  await recordReceived(parts, { id: session.credentialIssuer, name: session.issuerName, organisation: session.organisation }, stored);
  return { credentials: stored, pending };
}

async function holderKey(parts: WalletParts, options: HolderKeyOptions, configurations: unknown[]): Promise<HolderKey> {
  if (options.holder) {
    const key = await parts.keys.getKey(options.holder);
    if (!key) throw new PassportError('ERR_WALLET_KEY_NOT_FOUND', `this wallet holds no key for ${options.holder}`, { field: 'holder' });
    return key;
  }
  return parts.keys.createKey({ alg: options.keyAlg ?? defaultAlg(configurations), method: options.keyMethod ?? 'did:key' });
}

/** EdDSA unless a configuration's jwt proof algorithms leave it out and name ES256. */
function defaultAlg(configurations: unknown[]): HolderKeyAlg {
  for (const configuration of configurations) {
    const proofTypes = isObject(configuration) && isObject(configuration['proof_types_supported']) ? configuration['proof_types_supported'] : {};
    const jwt = isObject(proofTypes['jwt']) ? proofTypes['jwt'] : {};
    const algs = Array.isArray(jwt['proof_signing_alg_values_supported']) ? jwt['proof_signing_alg_values_supported'] : undefined;
    if (algs && !algs.includes('EdDSA') && !algs.includes('Ed25519') && algs.includes('ES256')) return 'ES256';
  }
  return 'EdDSA';
}

/** A fresh c_nonce from the nonce endpoint (OpenID4VCI 1.0, section 7.2). */
async function fetchNonce(parts: WalletParts, metadata: Record<string, unknown>): Promise<string | undefined> {
  const endpoint = metadata['nonce_endpoint'];
  if (typeof endpoint !== 'string') return undefined;
  const answer = await httpRequest(parts.fetch, endpoint, { method: 'POST', errorCode: 'ERR_WALLET_ISSUER_ERROR', what: 'the nonce endpoint' });
  if (!answer.ok) throw issuerError(answer, 'the nonce endpoint');
  const nonce = isObject(answer.body) ? answer.body['c_nonce'] : undefined;
  if (typeof nonce !== 'string') throw new PassportError('ERR_WALLET_ISSUER_ERROR', 'the nonce endpoint answered no c_nonce', { field: 'c_nonce' });
  return nonce;
}

async function requestCredential(parts: WalletParts, session: CredentialSession, plan: PlannedRequest, holders: readonly HolderKey[], tokenNonce: string | undefined): Promise<HttpAnswer> {
  // Section 8.2: by credential_identifier when the token response named them, else by configuration id.
  const body: Record<string, unknown> = plan.credentialIdentifier === undefined ? { credential_configuration_id: plan.configurationId } : { credential_identifier: plan.credentialIdentifier };
  if (holders.length > 0) {
    const nonce = (await fetchNonce(parts, session.issuerMetadata)) ?? tokenNonce;
    const iat = Math.floor(parts.now().getTime() / 1000);
    const jwts: string[] = [];
    for (const holder of holders) {
      const signer = await parts.keys.signerFor(holder.did);
      // Appendix F.1: iss is the client_id, left out for an anonymous pre-authorised code flow; kid the holder's DID URL.
      jwts.push(await signJwt(signer, { typ: 'openid4vci-proof+jwt' }, { ...(session.clientId ? { iss: session.clientId } : {}), aud: session.credentialIssuer, iat, ...(nonce ? { nonce } : {}) }));
    }
    body['proofs'] = { jwt: jwts };
  }
  return httpRequest(parts.fetch, session.issuerMetadata['credential_endpoint'] as string, {
    json: body,
    headers: { authorization: `${session.token.tokenType} ${session.token.accessToken}` },
    errorCode: 'ERR_WALLET_ISSUER_ERROR',
    what: 'the credential endpoint',
  });
}
