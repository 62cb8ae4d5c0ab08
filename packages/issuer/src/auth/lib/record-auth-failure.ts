import type { ErrorCode } from '@staff-passport/core';
import { appendAuditEvent } from '../../audit/append-audit-event.js';
import type { AuthContext } from '../auth-context.js';
import type { OidcOptions } from '../oidc-options.js';
import { createOrganisationStore } from '../../store/organisation-store.js';

/** One failed sign-in, as the audit log keeps it: never the token or API key itself. */
export interface AuthFailure {
  /** The organisation in the URL of the request (not necessarily an existing one). */
  orgId: string;
  method: 'oidc' | 'api-key';
  code: ErrorCode;
  /** A short stable reason, such as `expired`, `audience`, `signature`, `no-role`. */
  reason: string;
  ip?: string | undefined;
  /** The token's `iss` and `sub` when it could be decoded. */
  iss?: string | undefined;
  sub?: string | undefined;
  /** Whether `iss` and `sub` come from a token whose signature was checked (else anyone could have written them). */
  claimsVerified?: boolean;
}

const DEFAULT_WINDOW_MS = 60_000;
const DEFAULT_MAX_PER_WINDOW = 100;
const MAX_TRACKED = 10_000;

// Values taken from a request are cut short: an attacker chooses them.
function clip(value: string | undefined, max = 200): string | undefined {
  return value === undefined ? undefined : value.slice(0, max);
}

/**
 * Appends an `auth.failure` event to the audit log, throttled: an identical failure (same
 * organisation, method, reason, address and token subject) is written once per window with a count
 * of the ones folded into it, and at most so many failures per window are written in all, so a
 * flood of bad requests cannot flood the audit table. Never throws: a failure to write is logged,
 * and the caller's own error is what the client sees.
 */
export async function recordAuthFailure(ctx: AuthContext, failure: AuthFailure, options: OidcOptions = {}): Promise<void> {
  const state = ctx.authState;
  const nowMs = (options.nowMs ?? Date.now)();
  const windowMs = options.auditWindowMs ?? DEFAULT_WINDOW_MS;
  const maxPerWindow = options.auditMaxPerWindow ?? DEFAULT_MAX_PER_WINDOW;
  const detail = {
    method: failure.method,
    code: failure.code,
    reason: failure.reason,
    ...(failure.ip ? { ip: clip(failure.ip, 64) } : {}),
    ...(failure.iss ? { iss: clip(failure.iss) } : {}),
    ...(failure.sub ? { sub: clip(failure.sub) } : {}),
    ...(failure.iss || failure.sub ? { claimsVerified: failure.claimsVerified ?? false } : {}),
  };
  const key = JSON.stringify([clip(failure.orgId, 64), detail.method, detail.reason, detail.ip, detail.iss, detail.sub]);

  if (state.failures.size > MAX_TRACKED) {
    for (const [k, v] of state.failures) if (v.until <= nowMs) state.failures.delete(k);
    if (state.failures.size > MAX_TRACKED) state.failures.clear();
  }
  const seen = state.failures.get(key);
  if (seen && seen.until > nowMs) {
    seen.suppressed += 1;
    return;
  }
  if (state.window.until <= nowMs) state.window = { until: nowMs + windowMs, written: 0, suppressed: state.window.suppressed };
  if (state.window.written >= maxPerWindow) {
    state.window.suppressed += 1;
    return;
  }
  state.window.written += 1;
  state.failures.set(key, { until: nowMs + windowMs, suppressed: 0 });
  // Counts of failures folded into earlier entries are carried by the next one written.
  const foldedSame = seen?.suppressed ?? 0;
  const foldedOverLimit = state.window.suppressed;
  state.window.suppressed = 0;

  try {
    // Failures on an organisation that does not exist go to the platform chain, so a stranger
    // cannot start audit chains under made-up organisation ids.
    const orgId = (await createOrganisationStore(ctx.db).exists(failure.orgId)) ? failure.orgId : null;
    await ctx.db.transaction(async (tx) => {
      await appendAuditEvent(tx, {
        orgId,
        actor: 'unauthenticated',
        action: 'auth.failure',
        subject: orgId ?? clip(failure.orgId, 64) ?? '',
        detail: {
          ...detail,
          ...(foldedSame > 0 ? { repeatsSinceLastEntry: foldedSame } : {}),
          ...(foldedOverLimit > 0 ? { otherFailuresNotRecorded: foldedOverLimit } : {}),
        },
        at: ctx.now(),
      });
    });
  } catch (err: unknown) {
    ctx.logger.error({ err, orgId: failure.orgId, reason: failure.reason }, 'could not write a sign-in failure to the audit log');
  }
}
