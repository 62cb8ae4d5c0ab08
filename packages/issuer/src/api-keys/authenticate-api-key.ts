import { PassportError, sha256Hex } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import { createApiKeyStore } from '../store/api-key-store.js';
import type { Role } from './create-api-key.js';

/** Who is calling: an API key of one organisation and role. */
export interface Principal {
  keyId: string;
  orgId: string;
  role: Role;
}

/**
 * Finds the API key in an `Authorization: Bearer` header. Keys are looked up by their SHA-256, so
 * the secret itself is never stored or compared.
 *
 * @throws PassportError `ERR_AUTH_MISSING` (no bearer token), `ERR_AUTH_INVALID` (unknown, revoked or expired key).
 */
export async function authenticateApiKey(ctx: Pick<IssuerContext, 'db' | 'now'>, authorization: string | undefined): Promise<Principal> {
  const match = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(authorization ?? '');
  if (!authorization) throw new PassportError('ERR_AUTH_MISSING', 'send an API key as Authorization: Bearer <key>', { field: 'authorization' });
  if (!match) throw new PassportError('ERR_AUTH_INVALID', 'the Authorization header is not a bearer API key', { field: 'authorization' });
  const row = await createApiKeyStore(ctx.db).findByHash(sha256Hex(match[1]!));
  if (!row || row.revoked_at) throw new PassportError('ERR_AUTH_INVALID', 'the API key is not valid', { field: 'authorization' });
  if (row.expires_at && row.expires_at <= ctx.now().toISOString()) throw new PassportError('ERR_AUTH_INVALID', 'the API key has expired', { field: 'authorization' });
  return { keyId: row.id, orgId: row.org_id, role: row.role };
}

/**
 * Checks that a principal (an API key, or a user of the organisation's OpenID provider) may act
 * for an organisation in one of the roles given.
 *
 * @throws PassportError `ERR_FORBIDDEN`
 */
export function authorise(principal: Principal & { roles?: readonly Role[] }, orgId: string, roles: readonly Role[]): void {
  if (principal.orgId !== orgId) throw new PassportError('ERR_FORBIDDEN', 'this sign-in belongs to another organisation', { field: 'orgId' });
  // A user of the organisation's identity provider may hold several roles; any one allowed is enough.
  const held = principal.roles ?? [principal.role];
  if (!held.some((role) => roles.includes(role))) throw new PassportError('ERR_FORBIDDEN', `this needs the role ${roles.join(' or ')}`, { field: 'authorization' });
}
