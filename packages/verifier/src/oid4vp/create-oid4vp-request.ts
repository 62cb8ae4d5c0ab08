import { randomBytes } from 'node:crypto';
import { PassportError } from '@staff-passport/core';
import { createPresentationRequest } from '../profile-checks/presentation-requests.js';
import type { VerifierContext } from '../verifier-context.js';
import { loadVerifierKey } from './load-verifier-key.js';
import { requestUrls, walletLink, type QueryLanguage } from './lib/oid4vp-store.js';

/** What the verifier page asks for. */
export interface CreateOid4vpRequestInput {
  profileId: string;
  /** The start date the profile is evaluated on (default: today). */
  startDate?: string;
  /** Why the claims are asked for (default: from the profile). */
  purpose?: string;
  /** The kind of move the check is for (default `new_employer`). */
  move?: string;
  /** `dcql` (default, OpenID4VP 1.0) or `pe` (Presentation Exchange 2.0, for older wallets). */
  query?: QueryLanguage;
  /** How long the wallet has to answer, 60 to 86400 seconds (default: the context's nonce lifetime). */
  expiresInSeconds?: number;
}

/** A created OpenID4VP request: what the verifier page shows (QR or link) and polls. */
export interface Oid4vpRequestCreated {
  id: string;
  /** `decentralized_identifier:<verifier did:web>` (OpenID4VP 1.0 section 5.9.3). */
  clientId: string;
  requestUri: string;
  /** `openid4vp://?client_id=...&request_uri=...` for a wallet on the same device. */
  link: string;
  qr: { png: string; svg: string };
  pollUrl: string;
  query: QueryLanguage;
  expiresAt: string;
}

/**
 * Creates an OpenID4VP request by reference for a check profile: a presentation request (fresh
 * nonce bound to the verifier's client_id, the DCQL query or PE definition asking only for what
 * the profile needs) plus the protocol state a wallet must echo (`state`, 128 bits). The wallet
 * fetches the signed request object at `requestUri` and answers at the response URI.
 *
 * @throws PassportError `ERR_PROFILE_NOT_FOUND`, `ERR_REQUEST_INVALID` (field `startDate`,
 *   `purpose`, `move`, `query` or `expiresInSeconds`), `ERR_CONFIG_INVALID` (the verifier key),
 *   `ERR_VERIFIER_NOT_REGISTERED` / `ERR_ASK_NOT_REGISTERED` (beyond the key's DID's registered asks).
 * @example
 * const { link, qr, pollUrl } = await createOid4vpRequest(ctx, { profileId: 'registered-nurse-band-5-acute' });
 */
export async function createOid4vpRequest(ctx: VerifierContext, input: CreateOid4vpRequestInput): Promise<Oid4vpRequestCreated> {
  const query = input.query ?? 'dcql';
  if (query !== 'dcql' && query !== 'pe') throw new PassportError('ERR_REQUEST_INVALID', "query must be 'dcql' or 'pe'", { field: 'query' });
  const ttl = input.expiresInSeconds ?? ctx.nonceTtlSeconds;
  if (!Number.isInteger(ttl) || ttl < 60 || ttl > 86_400) throw new PassportError('ERR_REQUEST_INVALID', 'expiresInSeconds must be a whole number from 60 to 86400', { field: 'expiresInSeconds' });
  const key = await loadVerifierKey(ctx);
  const clientId = `decentralized_identifier:${key.did}`;
  const startDate = input.startDate ?? ctx.now().toISOString().slice(0, 10);
  const request = await createPresentationRequest(
    ctx,
    { profileId: input.profileId, startDate, ...(input.purpose === undefined ? {} : { purpose: input.purpose }), ...(input.move === undefined ? {} : { move: input.move }) },
    { audience: clientId, ttlSeconds: ttl, verifierDid: key.did },
  );
  // OpenID4VP 1.0 section 5.3: state values are ASCII URL safe; 128 bits as for a nonce.
  const state = randomBytes(16).toString('base64url');
  await ctx.stores.requests.insertOid4vp({
    id: request.id,
    client_id: clientId,
    state_token: state,
    query_language: query,
    status: 'pending',
    created_at: request.createdAt,
    expires_at: request.expiresAt,
  });
  const urls = requestUrls(ctx.publicUrl, request.id);
  return {
    id: request.id,
    clientId,
    requestUri: urls.requestUri,
    link: walletLink(clientId, urls.requestUri),
    qr: { png: urls.qrPng, svg: urls.qrSvg },
    pollUrl: urls.pollUrl,
    query,
    expiresAt: request.expiresAt,
  };
}
