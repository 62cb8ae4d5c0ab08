import {
  Bitstring,
  STATUS_LIST_JWT_MEDIA_TYPE,
  TOKEN_STATUS,
  TokenStatusList,
  VC_JWT_MEDIA_TYPE,
  buildStatusListCredential,
  encodeBitstringList,
  signDataIntegrity,
  signStatusListToken,
  signVcJose,
} from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import { getOrgDataIntegritySigner, getOrgSigner } from '../organisations/org-keys.js';
import type { Organisation } from '../organisations/organisation.js';
import type { StatusListState } from '../store/status-list-store.js';
import { statusListUrl } from './status-urls.js';

/** The published views of a status list: two W3C Bitstring Status Lists and one IETF Token Status List. */
export type StatusListView = 'revocation' | 'suspension' | 'token';

/** The media type each view is served as. */
export const STATUS_LIST_MEDIA_TYPES: Record<StatusListView, string> = {
  revocation: VC_JWT_MEDIA_TYPE,
  suspension: VC_JWT_MEDIA_TYPE,
  token: STATUS_LIST_JWT_MEDIA_TYPE,
};

/**
 * How a Bitstring Status List credential is secured when served: VC-JOSE (`application/vc+jwt`,
 * the default) or Data Integrity `eddsa-rdfc-2022` (JSON-LD, for Data Integrity readers), chosen
 * by the request's `Accept` (Bitstring Status List v1.0, section 3.6 leaves it to the issuer).
 */
export type StatusListSecuring = 'vc+jwt' | 'ldp_vc';

/** The media types a Data Integrity list is served as, in the order offered. */
export const STATUS_LIST_LD_MEDIA_TYPES: readonly string[] = ['application/vc', 'application/vc+ld+json', 'application/ld+json', 'application/json'];

/** How long verifiers may cache a list (Bitstring Status List `ttl`, Token Status List `ttl`). */
export const STATUS_LIST_TTL_SECONDS = 300;

/** A signed view of a list at a version. */
export interface RenderedStatusList {
  /** What is served: a compact JWS, or (Data Integrity) the credential with its proof as JSON text. */
  body: string;
  version: number;
  updatedAt: string;
}

function tokenView(list: StatusListState): TokenStatusList {
  const revoked = new Bitstring({ bytes: list.revocation, size: list.size });
  const suspended = new Bitstring({ bytes: list.suspension, size: list.size });
  const token = new TokenStatusList({ bits: 2, size: list.size });
  // Only set entries are visited: the lists are sparse.
  for (let byte = 0; byte < list.revocation.length; byte++) {
    if (list.revocation[byte] === 0 && list.suspension[byte] === 0) continue;
    for (let index = byte * 8; index < byte * 8 + 8; index++) {
      if (revoked.get(index) === 1) token.set(index, TOKEN_STATUS.INVALID);
      else if (suspended.get(index) === 1) token.set(index, TOKEN_STATUS.SUSPENDED);
    }
  }
  return token;
}

/**
 * Signs a view of an organisation's status list with its active Ed25519 key: a
 * `BitstringStatusListCredential` for `revocation` and `suspension` (VC-JOSE by default, or with a
 * Data Integrity `eddsa-rdfc-2022` proof when `securing` is `ldp_vc`), a `statuslist+jwt` Status
 * List Token for `token` (always a JWT). Cached per version and securing.
 *
 * @throws PassportError `ERR_NOT_FOUND` for a list that is not this organisation's.
 */
export async function renderStatusList(ctx: IssuerContext, org: Organisation, listId: string, view: StatusListView, securing: StatusListSecuring = 'vc+jwt'): Promise<RenderedStatusList> {
  const dataIntegrity = securing === 'ldp_vc' && view !== 'token';
  // The version is the database's: a change made through any instance shows at the next fetch.
  const cacheKey = `${listId}:${view}${dataIntegrity ? ':ldp_vc' : ''}`;
  const cached = ctx.statusLists.rendered.get(cacheKey);
  // The store's cache keeps the served text under `jwt` (the name predates Data Integrity lists).
  if (cached && cached.version === (await ctx.statusLists.version(org.id, listId))) return { body: cached.jwt, version: cached.version, updatedAt: cached.updatedAt };
  const list = await ctx.statusLists.get(org.id, listId);
  const url = statusListUrl(ctx.publicUrl, org.id, listId, view);
  const now = ctx.now();
  let body: string;
  if (view === 'token') {
    body = await signStatusListToken({ uri: url, list: tokenView(list), signer: await getOrgSigner(ctx, org, 'EdDSA'), issuedAt: now, ttlSeconds: STATUS_LIST_TTL_SECONDS, issuer: org.did });
  } else {
    const bits = new Bitstring({ bytes: view === 'revocation' ? list.revocation : list.suspension, size: list.size });
    const credential = buildStatusListCredential({
      id: url,
      issuer: org.did,
      statusPurpose: view,
      encodedList: encodeBitstringList(bits),
      validFrom: now,
      ttl: STATUS_LIST_TTL_SECONDS * 1000,
    }) as unknown as Record<string, unknown>;
    body = dataIntegrity
      ? JSON.stringify(await signDataIntegrity({ document: credential, signer: await getOrgDataIntegritySigner(ctx, org), created: now }))
      : await signVcJose({ credential, signer: await getOrgSigner(ctx, org, 'EdDSA') });
  }
  ctx.statusLists.rendered.set(cacheKey, { jwt: body, version: list.version, updatedAt: now.toISOString() });
  return { body, version: list.version, updatedAt: now.toISOString() };
}
