import { PassportError, signCompactJws, SUPPORTED_ALGS } from '@staff-passport/core';
import { getPresentationRequest } from '../profile-checks/presentation-requests.js';
import type { RequestFormat } from '../profiles/presentation-request-types.js';
import { DEFAULT_ORG_ID } from '../store/verifier-schema.js';
import type { VerifierContext } from '../verifier-context.js';
import { loadVerifierKey } from './load-verifier-key.js';
import { findOid4vpRow, requestUrls } from './lib/oid4vp-store.js';

/** The media type and JWT `typ` of a request object (RFC 9101, sections 4 and 10.2). */
export const REQUEST_OBJECT_TYP = 'oauth-authz-req+jwt';
export const REQUEST_OBJECT_MEDIA_TYPE = 'application/oauth-authz-req+jwt';
/** The `aud` of a request object for a wallet found by static discovery (OpenID4VP 1.0 section 5.8). */
export const SELF_ISSUED_AUDIENCE = 'https://self-issued.me/v2';

/** What a wallet may send when it fetches the request object by POST (OpenID4VP 1.0 section 5.10). */
export interface RequestObjectOptions {
  /** Echoed as `wallet_nonce` in the signed request object, against replay of the request. */
  walletNonce?: string;
}

// How long one fetched request object stays valid, at most (and never past the request's life).
const REQUEST_OBJECT_SECONDS = 600;
const WALLET_NONCE = /^[A-Za-z0-9._~-]{1,256}$/;

/** `vp_formats_supported` for the formats asked (OpenID4VP 1.0 section 11 and appendix B). */
function vpFormatsSupported(formats: Set<string>): Record<string, Record<string, string[]>> {
  const algs = [...SUPPORTED_ALGS];
  const all: Record<RequestFormat, Record<string, string[]>> = {
    'dc+sd-jwt': { 'sd-jwt_alg_values': algs, 'kb-jwt_alg_values': algs },
    jwt_vc_json: { alg_values: algs },
    ldp_vc: { proof_type_values: ['DataIntegrityProof'], cryptosuite_values: ['eddsa-rdfc-2022'] },
  };
  return Object.fromEntries(Object.entries(all).filter(([format]) => formats.has(format)));
}

// The default organisation (a verifier from before organisations) keeps the name it had.
function clientName(ctx: VerifierContext): string {
  return ctx.org.id === DEFAULT_ORG_ID ? `Staff Passport verifier (${new URL(ctx.publicUrl).host})` : ctx.org.name;
}

/**
 * The signed request object for a pending OpenID4VP request (the `request_uri` target): a JWT
 * with `typ: oauth-authz-req+jwt` (RFC 9101), signed by the verifier's key (`kid` a DID URL of its
 * did:web, OpenID4VP 1.0 section 5.9.3), carrying `client_id`, `response_type=vp_token`,
 * `response_mode=direct_post`, `response_uri`, `nonce`, `state`, the `dcql_query` (or the
 * `presentation_definition`), `client_metadata` (`client_name`, `purpose`, `purpose_code`, `vp_formats_supported`),
 * `aud` (`https://self-issued.me/v2`, section 5.8), `iat` and an `exp` within the request's life.
 *
 * @throws PassportError `ERR_VP_REQUEST_NOT_FOUND`, `ERR_VP_REQUEST_EXPIRED`, `ERR_VP_REQUEST_ANSWERED`
 *   (already answered or refused), `ERR_REQUEST_INVALID` (field `wallet_nonce`).
 * @example
 * res.type(REQUEST_OBJECT_MEDIA_TYPE).send(await signRequestObject(ctx, id));
 */
export async function signRequestObject(ctx: VerifierContext, id: string, options: RequestObjectOptions = {}): Promise<string> {
  const row = await findOid4vpRow(ctx, id);
  if (!row) throw new PassportError('ERR_VP_REQUEST_NOT_FOUND', 'no OpenID4VP request with that id', { field: 'id' });
  if (row.status !== 'pending') throw new PassportError('ERR_VP_REQUEST_ANSWERED', 'the request has been answered already', { field: 'id' });
  const now = ctx.now();
  const expiresAt = Date.parse(row.expires_at);
  if (now.getTime() >= expiresAt) throw new PassportError('ERR_VP_REQUEST_EXPIRED', 'the request has expired', { field: 'id' });
  if (options.walletNonce !== undefined && !WALLET_NONCE.test(options.walletNonce)) {
    throw new PassportError('ERR_REQUEST_INVALID', 'wallet_nonce must be 1 to 256 URL-safe characters', { field: 'wallet_nonce' });
  }
  const request = await getPresentationRequest(ctx, id);
  const key = await loadVerifierKey(ctx);
  const iat = Math.floor(now.getTime() / 1000);
  const exp = Math.min(iat + REQUEST_OBJECT_SECONDS, Math.floor(expiresAt / 1000));
  const query =
    row.query_language === 'pe'
      ? { presentation_definition: request.presentation_definition }
      : { dcql_query: request.dcql_query };
  const formats =
    row.query_language === 'pe'
      ? new Set(request.presentation_definition.input_descriptors.flatMap((d) => Object.keys(d.format)))
      : new Set<string>(request.dcql_query.credentials.map((c) => c.format));
  // No `iss`: RFC 9101 only recommends it, the spec's own decentralized_identifier example
  // (section 5.9.3) has none, and wallets that read `iss` as the signer's DID (as the
  // @openid4vc library does) would refuse the prefixed client_id there.
  const payload = {
    aud: SELF_ISSUED_AUDIENCE,
    iat,
    exp,
    client_id: row.client_id,
    response_type: 'vp_token',
    response_mode: 'direct_post',
    response_uri: requestUrls(ctx.publicUrl, id).responseUri,
    nonce: request.nonce,
    state: row.state_token,
    ...query,
    // `purpose` is a client metadata extension: DCQL (OpenID4VP 1.0, section 6) has no member
    // saying why the data is asked for, and the holder must be told before choosing what to share.
    // `purpose_code` (the kind of move) names the purpose the trust registry registers asks for,
    // so a wallet can check the request against the verifier's entry.
    client_metadata: { client_name: clientName(ctx), purpose: request.purpose, purpose_code: request.move, vp_formats_supported: vpFormatsSupported(formats) },
    ...(options.walletNonce === undefined ? {} : { wallet_nonce: options.walletNonce }),
  };
  const jwt = await signCompactJws({ typ: REQUEST_OBJECT_TYP }, payload, key.signer);
  await ctx.stores.requests.markOid4vpFetched(id, now.toISOString());
  return jwt;
}
