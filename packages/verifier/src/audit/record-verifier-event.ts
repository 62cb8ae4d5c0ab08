import { randomUUID } from 'node:crypto';
import type { VerifierContext } from '../verifier-context.js';

/**
 * Appends an event to the audit log of the organisation the context acts for.
 *
 * @example
 * await recordVerifierEvent(ctx, 'key:vk_0a1b2c3d4e5f', 'result.delete', resultId);
 */
export async function recordVerifierEvent(
  ctx: Pick<VerifierContext, 'stores' | 'org' | 'now'>,
  actor: string,
  action: string,
  subject: string,
  detail?: Record<string, unknown>,
): Promise<void> {
  await ctx.stores.audit.append({ id: randomUUID(), orgId: ctx.org.id, at: ctx.now().toISOString(), actor, action, subject, ...(detail ? { detail } : {}) });
}
