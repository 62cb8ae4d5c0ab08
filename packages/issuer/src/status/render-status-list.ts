import {
  Bitstring,
  STATUS_LIST_JWT_MEDIA_TYPE,
  TOKEN_STATUS,
  TokenStatusList,
  VC_JWT_MEDIA_TYPE,
  buildStatusListCredential,
  encodeBitstringList,
  signStatusListToken,
  signVcJose,
} from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import { getOrgSigner } from '../organisations/org-keys.js';
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

/** How long verifiers may cache a list (Bitstring Status List `ttl`, Token Status List `ttl`). */
export const STATUS_LIST_TTL_SECONDS = 300;

/** A signed view of a list at a version. */
export interface RenderedStatusList {
  jwt: string;
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
 * Signs a view of an organisation's status list with its active Ed25519 key: a VC-JOSE
 * `BitstringStatusListCredential` for `revocation` and `suspension`, a `statuslist+jwt` Status List
 * Token for `token`. Cached per version.
 *
 * @throws PassportError `ERR_NOT_FOUND` for a list that is not this organisation's.
 */
export async function renderStatusList(ctx: IssuerContext, org: Organisation, listId: string, view: StatusListView): Promise<RenderedStatusList> {
  // The version is the database's: a change made through any instance shows at the next fetch.
  const cacheKey = `${listId}:${view}`;
  const cached = ctx.statusLists.rendered.get(cacheKey);
  if (cached && cached.version === (await ctx.statusLists.version(org.id, listId))) return cached;
  const list = await ctx.statusLists.get(org.id, listId);
  const signer = await getOrgSigner(ctx, org, 'EdDSA');
  const url = statusListUrl(ctx.publicUrl, org.id, listId, view);
  const now = ctx.now();
  let jwt: string;
  if (view === 'token') {
    jwt = await signStatusListToken({ uri: url, list: tokenView(list), signer, issuedAt: now, ttlSeconds: STATUS_LIST_TTL_SECONDS, issuer: org.did });
  } else {
    const bits = new Bitstring({ bytes: view === 'revocation' ? list.revocation : list.suspension, size: list.size });
    const credential = buildStatusListCredential({
      id: url,
      issuer: org.did,
      statusPurpose: view,
      encodedList: encodeBitstringList(bits),
      validFrom: now,
      ttl: STATUS_LIST_TTL_SECONDS * 1000,
    });
    jwt = await signVcJose({ credential: credential as unknown as Record<string, unknown>, signer });
  }
  const result = { jwt, version: list.version, updatedAt: now.toISOString() };
  ctx.statusLists.rendered.set(cacheKey, result);
  return result;
}
