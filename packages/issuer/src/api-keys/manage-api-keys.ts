import { PassportError } from '@staff-passport/core';
import { appendAuditEvent } from '../audit/append-audit-event.js';
import type { IssuerContext } from '../issuer-context.js';
import { createApiKeyStore, type ApiKeyRow } from '../store/api-key-store.js';
import { ROLES, type Role } from './create-api-key.js';

/** An API key as administrators see it: never the secret, which is not stored. */
export interface ApiKeyInfo {
  id: string;
  orgId: string;
  role: Role;
  label: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

function info(row: ApiKeyRow): ApiKeyInfo {
  return { id: row.id, orgId: row.org_id, role: row.role, label: row.label, createdAt: row.created_at, expiresAt: row.expires_at, revokedAt: row.revoked_at };
}

async function findKey(ctx: Pick<IssuerContext, 'db' | 'now'>, orgId: string, keyId: string): Promise<ApiKeyRow> {
  const row = await createApiKeyStore(ctx.db).find(orgId, keyId);
  if (!row) throw new PassportError('ERR_NOT_FOUND', 'no API key with that id in this organisation', { field: 'keyId' });
  return row;
}

/** The API keys of an organisation, newest first. */
export async function listApiKeys(ctx: Pick<IssuerContext, 'db' | 'now'>, orgId: string): Promise<ApiKeyInfo[]> {
  return (await createApiKeyStore(ctx.db).list(orgId)).map(info);
}

/**
 * Revokes an API key of an organisation: it stops working at once. Revoking twice is a no-op.
 *
 * @throws PassportError `ERR_NOT_FOUND` (also for another organisation's key).
 */
export async function revokeApiKey(ctx: Pick<IssuerContext, 'db' | 'now'>, orgId: string, keyId: string, actor: string): Promise<ApiKeyInfo> {
  const row = await findKey(ctx, orgId, keyId);
  if (row.revoked_at) return info(row);
  const at = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await createApiKeyStore(tx).revoke(keyId, at.toISOString());
    await appendAuditEvent(tx, { orgId, actor, action: 'api-key.revoke', subject: keyId, at });
  });
  return { ...info(row), revokedAt: at.toISOString() };
}

/**
 * Changes the role of an API key (audited as a role change).
 *
 * @throws PassportError `ERR_NOT_FOUND`, `ERR_REQUEST_INVALID` (field `role`).
 */
export async function changeApiKeyRole(ctx: Pick<IssuerContext, 'db' | 'now'>, orgId: string, keyId: string, role: Role, actor: string): Promise<ApiKeyInfo> {
  if (!ROLES.includes(role)) throw new PassportError('ERR_REQUEST_INVALID', `role must be one of ${ROLES.join(', ')}`, { field: 'role' });
  const row = await findKey(ctx, orgId, keyId);
  if (row.revoked_at) throw new PassportError('ERR_REQUEST_INVALID', 'a revoked key cannot change role', { field: 'keyId' });
  await ctx.db.transaction(async (tx) => {
    await createApiKeyStore(tx).changeRole(keyId, role);
    await appendAuditEvent(tx, { orgId, actor, action: 'role.change', subject: keyId, detail: { from: row.role, to: role }, at: ctx.now() });
  });
  return { ...info(row), role };
}
