import { tag, type SafeHtml, type TagColour } from '@staff-passport/web-kit';
import type { CredentialStatusValue, StatusAction, StatusReason } from '../../status/change-credential-status.js';

const STATUS_TAGS: Record<CredentialStatusValue, { text: string; colour: TagColour }> = {
  active: { text: 'Active', colour: 'green' },
  suspended: { text: 'Suspended', colour: 'yellow' },
  revoked: { text: 'Revoked', colour: 'red' },
};

/** A credential's status as a tag: the word carries the meaning, the colour only repeats it. */
export function statusTag(status: CredentialStatusValue): SafeHtml {
  const { text, colour } = STATUS_TAGS[status] ?? { text: status, colour: 'grey' };
  return tag(text, colour);
}

/** The status in words ("Revoked"). */
export function statusText(status: CredentialStatusValue): string {
  return STATUS_TAGS[status]?.text ?? status;
}

/** Each reason for a status change in plain English (the codes are what the API and the audit log keep). */
export const REASON_LABELS: Record<StatusReason, string> = {
  issued_in_error: 'Issued in error',
  superseded: 'Replaced by a newer credential',
  employment_ended: 'Employment ended',
  check_outcome_changed: 'The outcome of the check changed',
  under_investigation: 'Under investigation',
  registration_changed: 'Professional registration changed',
  holder_request: 'The holder asked for it',
  key_compromise: "The holder's wallet or key may be compromised",
  investigation_closed: 'Investigation closed',
  other: 'Another reason (say why in the note)',
};

/** The actions a credential's status allows (revocation is final; only a suspended credential is reinstated). */
export function actionsFor(status: CredentialStatusValue): StatusAction[] {
  if (status === 'active') return ['suspend', 'revoke'];
  if (status === 'suspended') return ['reinstate', 'revoke'];
  return [];
}

/** How each action reads as a choice, with what it does. */
export const ACTION_CHOICES: Record<StatusAction, { text: string; hint: string }> = {
  suspend: { text: 'Suspend', hint: 'Verifiers will see it as suspended until you reinstate it.' },
  revoke: { text: 'Revoke', hint: 'The credential stops being valid for good. This cannot be undone.' },
  reinstate: { text: 'Reinstate', hint: 'The credential is valid again.' },
};

/** What the success banner says once an action is done ("Credential revoked"). */
export const ACTION_DONE: Record<StatusAction, { status: CredentialStatusValue; text: string }> = {
  revoke: { status: 'revoked', text: 'Credential revoked' },
  suspend: { status: 'suspended', text: 'Credential suspended' },
  reinstate: { status: 'active', text: 'Credential reinstated' },
};
