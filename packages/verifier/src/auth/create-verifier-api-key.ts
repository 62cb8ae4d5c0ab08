import { randomBytes, randomUUID } from 'node:crypto';
import { PassportError, generateApiKey } from '@staff-passport/core';
import { createVerifierStores } from '../store/verifier-stores.js';
import type { VerifierContext } from '../verifier-context.js';
import { VERIFIER_ROLES, type VerifierRole } from './verifier-roles.js';

/** A new API key: the secret is shown once and only its hash is stored. */
export interface CreatedVerifierApiKey {
  id: string;
  orgId: string;
  role: VerifierRole;
  label: string | null;
  /** The bearer token (`spv_...`). Not stored; give it to the caller once. */
  apiKey: string;
}

/**
 * Creates an API key for one organisation of the verifier and one role; audited in the organisation's log.
 *
 * @example
 * const { apiKey } = await createVerifierApiKey(ctx, { orgId, role: 'checker' }, 'platform:vpk_0a1b2c3d4e5f');
 * @throws PassportError `ERR_REQUEST_INVALID` (role, label).
 */
export async function createVerifierApiKey(ctx: VerifierContext, input: { orgId: string; role: string; label?: string }, actor: string): Promise<CreatedVerifierApiKey> {
  if (!(VERIFIER_ROLES as readonly string[]).includes(input.role)) throw new PassportError('ERR_REQUEST_INVALID', `role must be one of ${VERIFIER_ROLES.join(', ')}`, { field: 'role' });
  if (input.label !== undefined && (typeof input.label !== 'string' || input.label.length > 200)) {
    throw new PassportError('ERR_REQUEST_INVALID', 'label must be text of at most 200 characters', { field: 'label' });
  }
  const id = `vk_${randomBytes(6).toString('hex')}`;
  const { apiKey, keyHash } = generateApiKey('spv');
  const at = ctx.now().toISOString();
  await ctx.db.transaction(async (tx) => {
    const stores = createVerifierStores(tx, input.orgId);
    await stores.apiKeys.insert({ id, org_id: input.orgId, role: input.role, key_hash: keyHash, label: input.label ?? null, created_at: at, revoked_at: null });
    await stores.audit.append({ id: randomUUID(), orgId: input.orgId, at, actor, action: 'api-key.create', subject: id, detail: { role: input.role } });
  });
  return { id, orgId: input.orgId, role: input.role as VerifierRole, label: input.label ?? null, apiKey };
}

/**
 * Creates a platform administrator key for the verifier (`spva_...`): it creates organisations
 * and their keys, and sees nothing inside them. Made on the server (the CLI, `pnpm start`), never over HTTP.
 *
 * @example
 * const { apiKey } = await createVerifierPlatformKey(ctx, 'first administrator');
 */
export async function createVerifierPlatformKey(ctx: VerifierContext, label?: string): Promise<{ id: string; apiKey: string }> {
  const id = `vpk_${randomBytes(6).toString('hex')}`;
  const { apiKey, keyHash } = generateApiKey('spva');
  const at = ctx.now().toISOString();
  await ctx.db.transaction(async (tx) => {
    const stores = createVerifierStores(tx);
    await stores.apiKeys.insert({ id, org_id: null, role: 'platform', key_hash: keyHash, label: label ?? null, created_at: at, revoked_at: null });
    await stores.audit.append({ id: randomUUID(), orgId: null, at, actor: 'system', action: 'platform-key.create', subject: id });
  });
  return { id, apiKey };
}
