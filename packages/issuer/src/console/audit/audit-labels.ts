import { getCredentialType } from '@staff-passport/schemas';
import type { StatusReason } from '../../status/change-credential-status.js';
import { REASON_LABELS } from '../credentials/status-labels.js';

/** The actions the audit log holds, in words, in the order the filter lists them. */
export const AUDIT_ACTIONS: Readonly<Record<string, string>> = {
  'credential.issue': 'Credential issued',
  'credential.revoke': 'Credential revoked',
  'credential.suspend': 'Credential suspended',
  'credential.reinstate': 'Credential reinstated',
  'offer.create': 'Credential offer made',
  'offer.token': 'Credential offer opened by a wallet',
  'offer.complete': 'Credential offer completed',
  'offer.defer': 'Credential offer waiting for a check',
  'offer.lock': 'Credential offer locked (wrong PIN)',
  'offer.notification': 'Wallet reported on an offer',
  'offer.withdraw': 'Credential offer withdrawn',
  'job.create': 'Bulk upload started',
  'job.complete': 'Bulk upload finished',
  'console.sign-in': 'Signed in to the console',
  'console.sign-out': 'Signed out of the console',
  'auth.failure': 'Failed sign-in',
  'api-key.create': 'API key created',
  'api-key.revoke': 'API key revoked',
  'role.change': 'Role changed',
  'key.rotate': 'Signing keys rotated',
  'oidc.configure': 'Sign-in with the organisation account set up',
  'oidc.remove': 'Sign-in with the organisation account removed',
  'organisation.create': 'Organisation created',
  'organisation.type-settings': 'Credential types not registered allowed or stopped',
};

/** An action in words, or as written when it is not one we name. */
export function actionText(action: string): string {
  return AUDIT_ACTIONS[action] ?? action;
}

/** Who did it, in words: an API key, an account of the organisation's sign-in service, or someone not signed in. */
export function actorText(actor: string): string {
  if (actor.startsWith('key_')) return `API key ${actor}`;
  if (actor.startsWith('oidc:')) return `${actor.slice(5)} (organisation account)`;
  if (actor === 'unauthenticated') return 'Someone not signed in';
  return actor;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The detail of an entry that matters to a reader, in a few words (never the whole JSON). */
export function detailText(action: string, detail: Record<string, unknown>): string {
  const parts: string[] = [];
  const reason = text(detail['reason']);
  if (action.startsWith('credential.') && action !== 'credential.issue') {
    if (reason) parts.push(REASON_LABELS[reason as StatusReason] ?? reason);
    const note = text(detail['note']);
    if (note) parts.push(`Note: ${note}`);
  } else if (action === 'credential.issue') {
    const type = text(detail['type']);
    if (type) parts.push(getCredentialType(type)?.title ?? type);
    const format = text(detail['format']);
    if (format) parts.push(format);
  } else if (action === 'console.sign-in') {
    parts.push(detail['method'] === 'oidc' ? 'With the organisation account' : 'With an API key');
  } else if (action === 'auth.failure') {
    const method = text(detail['method']);
    parts.push(method === 'api-key' ? 'API key' : method === 'oidc' ? 'Organisation account' : (method ?? ''));
    if (reason) parts.push(reason.replace(/-/g, ' '));
    const ip = text(detail['ip']);
    if (ip) parts.push(`from ${ip}`);
  } else {
    for (const [key, value] of Object.entries(detail).slice(0, 4)) {
      const shown = text(value);
      if (shown !== undefined) parts.push(`${key}: ${shown}`);
    }
  }
  const joined = parts.filter(Boolean).join(', ');
  return joined.length > 300 ? `${joined.slice(0, 299)}…` : joined;
}
