import { PassportError, isObject } from '@staff-passport/core/browser';
import { httpRequest } from '../lib/http-request.js';
import { signJwt } from '../lib/sign-jwt.js';
import type { HolderDidMethod, HolderKey, HolderKeyAlg } from '../keys/key-store.js';
import type { StoredCredential } from '../stores/credential-store.js';
import type { WalletParts } from '../wallet-parts.js';
import { issuerError } from './lib/issuer-error.js';
import { logOfferOutcome } from './lib/log-received.js';
import { pendingOf, receiveCredentials } from './lib/receive-credentials.js';
import { DEFAULT_FORMAT_PREFERENCE, type AcceptOfferResult, type OfferPreview, type OfferedCredential, type PendingCredential } from './offer-preview.js';

const PRE_AUTHORIZED_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

/** Options for {@link acceptCredentialOffer}. */
export interface AcceptCredentialOfferOptions {
  /** The transaction code the holder was sent (required when the preview says so). */
  txCode?: string;
  /** An existing holder DID to bind the credentials to; default a new key. */
  holder?: string;
  /** For a new key: the algorithm (default EdDSA when the issuer accepts it, else ES256). */
  keyAlg?: HolderKeyAlg;
  /** For a new key: did:key (default) or did:jwk. */
  keyMethod?: HolderDidMethod;
  /**
   * When the offer has one type in several formats, which to take, most preferred first
   * (default dc+sd-jwt, then jwt_vc_json, then ldp_vc).
   */
  formats?: readonly string[];
  /** Accept only these configuration ids (default every supported one on offer). */
  configurationIds?: readonly string[];
  /** Credentials per configuration, each bound to its own key (up to the issuer's batch_size; default 1). */
  batchSize?: number;
}

interface Token {
  accessToken: string;
  tokenType: string;
  cNonce?: string;
}

/**
 * Accepts a credential offer with the pre-authorised code flow (OpenID4VCI 1.0): the token
 * request with the `tx_code` (section 6.1), a fresh `c_nonce` from the nonce endpoint (section 7),
 * proof JWTs (`openid4vci-proof+jwt`, aud the issuer, appendix F.1) and one credential request per
 * offered type in the preferred format (section 8). Stores each credential, bound to the holder
 * key, sends `credential_accepted` (or `credential_failure`) to the notification endpoint, and
 * logs `received`. Deferred credentials come back in `pending`, for {@link pollDeferred}.
 *
 * @example
 * const preview = await readCredentialOffer(parts, link);
 * const { credentials } = await acceptCredentialOffer(parts, preview, { txCode: '493536' });
 * @throws PassportError `ERR_REQUEST_INVALID` when a required tx code is missing;
 *   `ERR_WALLET_OFFER_INVALID` when nothing on offer can be held; `ERR_WALLET_KEY_NOT_FOUND` for an
 *   unknown `holder`; `ERR_WALLET_ISSUER_ERROR` for every error the issuer answers (its `error` as the field).
 */
export async function acceptCredentialOffer(parts: WalletParts, preview: OfferPreview, options: AcceptCredentialOfferOptions = {}): Promise<AcceptOfferResult> {
  if (preview.txCode && (options.txCode === undefined || options.txCode === '')) {
    throw new PassportError('ERR_REQUEST_INVALID', 'this offer needs the transaction code the holder was sent', { field: 'txCode' });
  }
  const chosen = chooseConfigurations(preview.credentials, options);
  const metadata = preview.issuerMetadata;
  const configurations = isObject(metadata['credential_configurations_supported']) ? metadata['credential_configurations_supported'] : {};
  const holder = await holderKey(parts, options, chosen.map((c) => configurations[c.configurationId]));
  const token = await requestToken(parts, preview, options.txCode);

  const stored: StoredCredential[] = [];
  const pending: PendingCredential[] = [];
  const batchLimit = isObject(metadata['batch_credential_issuance']) && typeof metadata['batch_credential_issuance']['batch_size'] === 'number' ? metadata['batch_credential_issuance']['batch_size'] : 1;
  const batch = Math.max(1, Math.min(Math.floor(options.batchSize ?? 1), batchLimit));
  for (const offered of chosen) {
    const configuration = configurations[offered.configurationId];
    const needsProof = isObject(configuration) && (configuration['proof_types_supported'] !== undefined || configuration['cryptographic_binding_methods_supported'] !== undefined);
    const holders = [holder];
    while (needsProof && holders.length < batch) holders.push(await parts.keys.createKey({ alg: holder.alg, method: holder.did.startsWith('did:jwk:') ? 'did:jwk' : 'did:key' }));
    const context = {
      credentialIssuer: preview.credentialIssuer,
      configurationId: offered.configurationId,
      format: offered.format,
      holders,
      accessToken: token.accessToken,
      tokenType: token.tokenType,
      ...(typeof metadata['notification_endpoint'] === 'string' ? { notificationEndpoint: metadata['notification_endpoint'] } : {}),
      ...(typeof metadata['deferred_credential_endpoint'] === 'string' ? { deferredCredentialEndpoint: metadata['deferred_credential_endpoint'] } : {}),
      ...(preview.issuerName ? { issuerName: preview.issuerName } : {}),
      ...(preview.organisation ? { organisation: preview.organisation } : {}),
    };
    let answer = await requestCredential(parts, preview, token, offered.configurationId, needsProof ? holders : [], token.cNonce);
    if (!answer.ok && isObject(answer.body) && answer.body['error'] === 'invalid_nonce') {
      // The nonce was used or expired between our fetch and the request: one retry with a fresh one.
      answer = await requestCredential(parts, preview, token, offered.configurationId, needsProof ? holders : [], undefined);
    }
    const result = await receiveCredentials(parts, answer, context, 'the credential endpoint');
    if ('stored' in result) stored.push(...result.stored);
    else pending.push(pendingOf(context, result));
    token.cNonce = undefined; // a c_nonce is for one request
  }
  if (stored.length > 0) {
    await logOfferOutcome(parts, 'received', { id: preview.credentialIssuer, name: preview.issuerName, organisation: preview.organisation }, stored.flatMap((c) => c.types), stored);
  }
  return { credentials: stored, pending };
}

function chooseConfigurations(offered: readonly OfferedCredential[], options: AcceptCredentialOfferOptions): OfferedCredential[] {
  const preference = options.formats ?? DEFAULT_FORMAT_PREFERENCE;
  const wanted = offered.filter((c) => c.supported && preference.includes(c.format) && (!options.configurationIds || options.configurationIds.includes(c.configurationId)));
  // One credential per type: the same type offered in several formats is taken once, in the preferred format.
  const byKind = new Map<string, OfferedCredential>();
  for (const c of wanted) {
    const kind = c.catalogueType ?? c.vct ?? (c.types.length > 0 ? c.types.join(',') : c.configurationId);
    const current = byKind.get(kind);
    if (!current || preference.indexOf(c.format) < preference.indexOf(current.format)) byKind.set(kind, c);
  }
  if (byKind.size === 0) throw new PassportError('ERR_WALLET_OFFER_INVALID', 'nothing on offer is in a format this wallet holds', { field: 'credential_configuration_ids' });
  return [...byKind.values()];
}

async function holderKey(parts: WalletParts, options: AcceptCredentialOfferOptions, configurations: unknown[]): Promise<HolderKey> {
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

async function requestToken(parts: WalletParts, preview: OfferPreview, txCode: string | undefined): Promise<Token> {
  const endpoint = preview.authorizationServerMetadata['token_endpoint'] as string;
  const answer = await httpRequest(parts.fetch, endpoint, {
    form: { grant_type: PRE_AUTHORIZED_GRANT, 'pre-authorized_code': preview.preAuthorizedCode, tx_code: preview.txCode ? txCode : undefined },
    errorCode: 'ERR_WALLET_ISSUER_ERROR',
    what: 'the token endpoint',
  });
  if (!answer.ok) throw issuerError(answer, 'the token endpoint');
  const body = isObject(answer.body) ? answer.body : {};
  if (typeof body['access_token'] !== 'string') throw new PassportError('ERR_WALLET_ISSUER_ERROR', 'the token endpoint answered no access_token', { field: 'access_token' });
  const tokenType = typeof body['token_type'] === 'string' ? body['token_type'] : 'Bearer';
  if (tokenType.toLowerCase() !== 'bearer') throw new PassportError('ERR_WALLET_ISSUER_ERROR', `the ${tokenType} token type is not supported (Bearer only)`, { field: 'token_type' });
  return { accessToken: body['access_token'], tokenType: 'Bearer', ...(typeof body['c_nonce'] === 'string' ? { cNonce: body['c_nonce'] } : {}) };
}

/** A fresh c_nonce from the nonce endpoint (OpenID4VCI 1.0, section 7.2). */
async function fetchNonce(parts: WalletParts, preview: OfferPreview): Promise<string | undefined> {
  const endpoint = preview.issuerMetadata['nonce_endpoint'];
  if (typeof endpoint !== 'string') return undefined;
  const answer = await httpRequest(parts.fetch, endpoint, { method: 'POST', errorCode: 'ERR_WALLET_ISSUER_ERROR', what: 'the nonce endpoint' });
  if (!answer.ok) throw issuerError(answer, 'the nonce endpoint');
  const nonce = isObject(answer.body) ? answer.body['c_nonce'] : undefined;
  if (typeof nonce !== 'string') throw new PassportError('ERR_WALLET_ISSUER_ERROR', 'the nonce endpoint answered no c_nonce', { field: 'c_nonce' });
  return nonce;
}

async function requestCredential(
  parts: WalletParts,
  preview: OfferPreview,
  token: Token,
  configurationId: string,
  holders: readonly HolderKey[],
  tokenNonce: string | undefined,
) {
  const body: Record<string, unknown> = { credential_configuration_id: configurationId };
  if (holders.length > 0) {
    const nonce = (await fetchNonce(parts, preview)) ?? tokenNonce;
    const iat = Math.floor(parts.now().getTime() / 1000);
    const jwts: string[] = [];
    for (const holder of holders) {
      const signer = await parts.keys.signerFor(holder.did);
      // Appendix F.1: no iss for an anonymous pre-authorised code flow; kid the holder's DID URL.
      jwts.push(await signJwt(signer, { typ: 'openid4vci-proof+jwt' }, { aud: preview.credentialIssuer, iat, ...(nonce ? { nonce } : {}) }));
    }
    body['proofs'] = { jwt: jwts };
  }
  return httpRequest(parts.fetch, preview.issuerMetadata['credential_endpoint'] as string, {
    json: body,
    headers: { authorization: `${token.tokenType} ${token.accessToken}` },
    errorCode: 'ERR_WALLET_ISSUER_ERROR',
    what: 'the credential endpoint',
  });
}
