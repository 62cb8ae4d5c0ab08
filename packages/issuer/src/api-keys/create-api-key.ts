import { randomBytes } from 'node:crypto';
import { PassportError, sha256Hex } from '@staff-passport/core';
import { appendAuditEvent } from '../audit/append-audit-event.js';
import type { IssuerContext } from '../issuer-context.js';

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
export async function createApiKey(ctx: IssuerContext, input: { orgId: string; role: Role; label?: string }, actor: string): Promise<CreatedApiKey> {
  if (!ROLES.includes(input.role)) throw new PassportError('ERR_REQUEST_INVALID', `role must be one of ${ROLES.join(', ')}`, { field: 'role' });
  const id = `key_${randomBytes(6).toString('hex')}`;
  const apiKey = `sp_${randomBytes(32).toString('base64url')}`;
  await ctx.db.transaction(async (tx) => {
    await tx.query('INSERT INTO sp_api_keys (id, org_id, role, key_hash, label, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      id,
      input.orgId,
      input.role,
      sha256Hex(apiKey),
      input.label ?? null,
      ctx.now().toISOString(),
    ]);
    await appendAuditEvent(tx, { orgId: input.orgId, actor, action: 'api-key.create', subject: id, detail: { role: input.role }, at: ctx.now() });
  });
  return { id, orgId: input.orgId, role: input.role, apiKey };
}
