import { randomBytes } from 'node:crypto';
import { PassportError, sha256Hex } from '@staff-passport/core';
import { appendAuditEvent } from '../audit/append-audit-event.js';
import type { IssuerContext } from '../issuer-context.js';
import { createApiKeyStore } from '../store/api-key-store.js';

export const ROLES = ['org-admin', 'issuer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** A new API key: the secret is shown once and only its hash is stored. */
export interface CreatedApiKey {
  id: string;
  orgId: string;
  role: Role;
  /** The bearer token. Not stored; give it to the caller once. */
  apiKey: string;
}

/**
 * Creates an API key for one organisation and one role.
 *
 * @example
 * const { apiKey } = await createApiKey(ctx, { orgId, role: 'issuer' }, 'platform-admin');
 * @throws PassportError `ERR_REQUEST_INVALID` (field `role`).
 */
export async function createApiKey(
  ctx: Pick<IssuerContext, 'db' | 'now'>,
  input: { orgId: string; role: Role; label?: string; expiresAt?: string },
  actor: string,
): Promise<CreatedApiKey> {
  if (!ROLES.includes(input.role)) throw new PassportError('ERR_REQUEST_INVALID', `role must be one of ${ROLES.join(', ')}`, { field: 'role' });
  if (input.label !== undefined && (typeof input.label !== 'string' || input.label.length > 200)) {
    throw new PassportError('ERR_REQUEST_INVALID', 'label must be text of at most 200 characters', { field: 'label' });
  }
  if (input.expiresAt !== undefined && (typeof input.expiresAt !== 'string' || Number.isNaN(Date.parse(input.expiresAt)) || !/^\d{4}-\d{2}-\d{2}T/.test(input.expiresAt))) {
    throw new PassportError('ERR_REQUEST_INVALID', 'expiresAt must be a date-time such as 2027-01-01T00:00:00Z', { field: 'expiresAt' });
  }
  const id = `key_${randomBytes(6).toString('hex')}`;
  const apiKey = `sp_${randomBytes(32).toString('base64url')}`;
  await ctx.db.transaction(async (tx) => {
    await createApiKeyStore(tx).insert({
      id,
      org_id: input.orgId,
      role: input.role,
      key_hash: sha256Hex(apiKey),
      label: input.label ?? null,
      created_at: ctx.now().toISOString(),
      expires_at: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
      revoked_at: null,
    });
    await appendAuditEvent(tx, { orgId: input.orgId, actor, action: 'api-key.create', subject: id, detail: { role: input.role }, at: ctx.now() });
  });
  return { id, orgId: input.orgId, role: input.role, apiKey };
}
