import { PassportError, apiKeyHashOf } from '@staff-passport/core';
import type { VerifierContext } from '../verifier-context.js';
import type { VerifierPrincipal, VerifierRole } from './verifier-roles.js';

/** A platform administrator of the verifier. */
export interface VerifierPlatformPrincipal {
  keyId: string;
  /** `platform:<key id>`, as the audit log names it. */
  actor: string;
}

async function findKey(ctx: Pick<VerifierContext, 'stores'>, authorization: string | undefined) {
  const row = await ctx.stores.apiKeys.findByHash(apiKeyHashOf(authorization));
  if (!row || row.revoked_at) throw new PassportError('ERR_AUTH_INVALID', 'the API key is not valid', { field: 'authorization' });
  return row;
}

/**
 * Signs in an organisation's API key from `Authorization: Bearer spv_...`: looked up by its
 * SHA-256, so the key itself is never stored or compared.
 *
 * @example
 * const principal = await authenticateVerifierKey(ctx, req.get('authorization'));
 * @throws PassportError `ERR_AUTH_MISSING`, `ERR_AUTH_INVALID` (unknown or revoked), `ERR_FORBIDDEN` (a platform key).
 */
export async function authenticateVerifierKey(ctx: Pick<VerifierContext, 'stores'>, authorization: string | undefined): Promise<VerifierPrincipal> {
  const row = await findKey(ctx, authorization);
  if (row.org_id === null) throw new PassportError('ERR_FORBIDDEN', 'a platform administrator key sees nothing inside organisations', { field: 'authorization' });
  const role = row.role as VerifierRole;
  return { kind: 'api-key', orgId: row.org_id, role, roles: [role], actor: `key:${row.id}`, displayName: row.label ?? row.id };
}

/**
 * Signs in a platform administrator from `Authorization: Bearer spva_...`.
 *
 * @example
 * const admin = await authenticateVerifierPlatformKey(ctx, req.get('authorization'));
 * @throws PassportError `ERR_AUTH_MISSING`, `ERR_AUTH_INVALID` (unknown or revoked), `ERR_FORBIDDEN` (an organisation's key).
 */
export async function authenticateVerifierPlatformKey(ctx: Pick<VerifierContext, 'stores'>, authorization: string | undefined): Promise<VerifierPlatformPrincipal> {
  const row = await findKey(ctx, authorization);
  if (row.org_id !== null || row.role !== 'platform') throw new PassportError('ERR_FORBIDDEN', 'this needs a platform administrator key', { field: 'authorization' });
  return { keyId: row.id, actor: `platform:${row.id}` };
}
