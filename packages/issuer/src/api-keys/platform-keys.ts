import { randomBytes } from 'node:crypto';
import { PassportError, sha256Hex } from '@staff-passport/core';
import { appendAuditEvent } from '../audit/append-audit-event.js';
import type { IssuerContext } from '../issuer-context.js';
import { createApiKeyStore } from '../store/api-key-store.js';

/** A platform administrator: creates and lists organisations, sees nothing inside them. */
export interface PlatformPrincipal {
  keyId: string;
  platform: true;
}

/**
 * Creates a platform administrator key (`spa_...`), shown once and stored hashed. Done from the
 * CLI on the server (`staff-passport admin-key create`), never over HTTP.
 */
export async function createPlatformKey(ctx: Pick<IssuerContext, 'db' | 'now'>, label: string | undefined, actor: string): Promise<{ id: string; apiKey: string }> {
  const id = `pkey_${randomBytes(6).toString('hex')}`;
  const apiKey = `spa_${randomBytes(32).toString('base64url')}`;
  await ctx.db.transaction(async (tx) => {
    await createApiKeyStore(tx).insertPlatformKey({ id, key_hash: sha256Hex(apiKey), label: label ?? null, created_at: ctx.now().toISOString(), revoked_at: null });
    await appendAuditEvent(tx, { orgId: null, actor, action: 'platform-key.create', subject: id, at: ctx.now() });
  });
  return { id, apiKey };
}

/**
 * Authenticates a platform administrator from `Authorization: Bearer spa_...`.
 *
 * @throws PassportError `ERR_AUTH_MISSING`, `ERR_AUTH_INVALID`.
 */
export async function authenticatePlatformKey(ctx: Pick<IssuerContext, 'db'>, authorization: string | undefined): Promise<PlatformPrincipal> {
  if (!authorization) throw new PassportError('ERR_AUTH_MISSING', 'send a platform key as Authorization: Bearer <key>', { field: 'authorization' });
  const match = /^Bearer (spa_[A-Za-z0-9_-]{10,200})$/.exec(authorization);
  if (!match) throw new PassportError('ERR_AUTH_INVALID', 'this needs a platform administrator key', { field: 'authorization' });
  const row = await createApiKeyStore(ctx.db).findPlatformKeyByHash(sha256Hex(match[1]!));
  if (!row || row.revoked_at) throw new PassportError('ERR_AUTH_INVALID', 'the platform key is not valid', { field: 'authorization' });
  return { keyId: row.id, platform: true };
}
