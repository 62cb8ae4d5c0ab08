import { PassportError, enqueueWebhookEvents } from '@staff-passport/core';
import { appendAuditEvents, type AuditEventInput } from '../audit/append-audit-event.js';
import type { IssuerContext } from '../issuer-context.js';
import type { Organisation } from '../organisations/organisation.js';
import { createCredentialStatusStore, type CredentialStatusRow, type MovedCredential } from '../store/credential-status-store.js';

/** What can be done to an issued credential's status. */
export type StatusAction = 'revoke' | 'suspend' | 'reinstate';

/** Why: a reason code from this list, for the audit log and the HR pages. */
export const STATUS_REASONS = [
  'issued_in_error',
  'superseded',
  'employment_ended',
  'check_outcome_changed',
  'under_investigation',
  'registration_changed',
  'holder_request',
  'key_compromise',
  'investigation_closed',
  'other',
] as const;
export type StatusReason = (typeof STATUS_REASONS)[number];

/** A credential's status as the issuer records it. */
export type CredentialStatusValue = 'active' | 'suspended' | 'revoked';

/** The outcome for one credential. */
export interface StatusChange {
  credentialId: string;
  status: CredentialStatusValue;
}

const NEXT: Record<StatusAction, CredentialStatusValue> = { revoke: 'revoked', suspend: 'suspended', reinstate: 'active' };
// The statuses each action moves a credential from: revocation is final, only a suspended
// credential is reinstated (one already in the action's status is left as it is).
const FROM: Record<StatusAction, CredentialStatusValue[]> = { revoke: ['active', 'suspended'], suspend: ['active'], reinstate: ['suspended'] };
const EVENT = { revoke: 'credential.revoked', suspend: 'credential.suspended', reinstate: 'credential.reinstated' } as const;

/**
 * Revokes, suspends or reinstates credentials of an organisation, any number in one transaction:
 * the records, the status list bits, one audit event each and the webhook messages
 * (`credential.revoked`, `credential.suspended`, `credential.reinstated`). The next fetch of a status list
 * shows the change. Revocation is final; only a suspended credential can be reinstated; suspending
 * or revoking twice is a no-op for that credential.
 *
 * @throws PassportError `ERR_CREDENTIAL_NOT_FOUND` (field `credentialIds[i]`; also for another
 *   organisation's credential), `ERR_STATUS_TRANSITION_INVALID`, `ERR_REQUEST_INVALID` (reason).
 */
export async function changeCredentialStatus(
  ctx: IssuerContext,
  org: Organisation,
  input: { credentialIds: readonly string[]; action: StatusAction; reason: StatusReason; note?: string },
  actor: string,
): Promise<StatusChange[]> {
  if (!STATUS_REASONS.includes(input.reason)) {
    throw new PassportError('ERR_REQUEST_INVALID', `reason must be one of ${STATUS_REASONS.join(', ')}`, { field: 'reason' });
  }
  const target = NEXT[input.action];
  const at = ctx.now();
  const changes = await ctx.db.transaction(async (tx) => {
    const statuses = createCredentialStatusStore(tx);
    // One statement changes every credential the action applies to; only when some were left
    // (unknown, or in another status) are those read, to answer for them.
    const moved = new Map<string, MovedCredential>();
    for (const row of await statuses.move(org.id, input.credentialIds, FROM[input.action], { status: target, reason: input.reason, at: at.toISOString() })) moved.set(row.id, row);
    const left = [...new Set(input.credentialIds.filter((id) => !moved.has(id)))];
    const unchanged = new Map<string, CredentialStatusRow>();
    if (left.length > 0) for (const row of await statuses.find(org.id, left)) unchanged.set(row.id, row);
    const bits: { slot: { listId: string; index: number }; purpose: 'revocation' | 'suspension'; on: boolean }[] = [];
    const audits: AuditEventInput[] = [];
    const result: StatusChange[] = [];
    const changed: string[] = [];
    const detail = { reason: input.reason, ...(input.note ? { note: input.note } : {}) };
    input.credentialIds.forEach((id, i) => {
      const row = moved.get(id);
      if (!row) {
        const before = unchanged.get(id);
        if (!before) throw new PassportError('ERR_CREDENTIAL_NOT_FOUND', `no credential ${id} of this organisation`, { field: `credentialIds[${i}]` });
        if (before.status === target) {
          result.push({ credentialId: id, status: before.status });
          return;
        }
        throw new PassportError('ERR_STATUS_TRANSITION_INVALID', `credential ${id} is ${before.status} and cannot be ${NEXT[input.action]}`, {
          field: `credentialIds[${i}]`,
        });
      }
      if (row.status_list_id !== null && row.status_index !== null) {
        const slot = { listId: row.status_list_id, index: row.status_index };
        if (input.action === 'revoke') bits.push({ slot, purpose: 'revocation', on: true });
        if (input.action === 'suspend') bits.push({ slot, purpose: 'suspension', on: true });
        // A revoked credential stays revoked: the suspension bit is cleared on reinstate only.
        if (input.action === 'reinstate') bits.push({ slot, purpose: 'suspension', on: false });
      }
      changed.push(id);
      audits.push({ orgId: org.id, actor, action: `credential.${input.action}`, subject: id, detail, at });
      result.push({ credentialId: id, status: target });
    });
    await ctx.statusLists.writeBits(tx, org.id, bits);
    await appendAuditEvents(tx, audits);
    // Webhook messages in the same transaction: sent exactly when the change is committed.
    await enqueueWebhookEvents(
      ctx.webhooks,
      changed.map((credentialId) => ({ orgId: org.id, type: EVENT[input.action], data: { credentialId, status: target, reason: input.reason }, at })),
    );
    return result;
  });
  return changes;
}
