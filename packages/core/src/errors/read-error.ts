import type { ErrorCode } from './error-codes.js';
import { PassportError } from './passport-error.js';

/**
 * The code of a caught error: a {@link PassportError}'s own, else `fallback` (what the failed
 * step means, for example `ERR_DID_UNRESOLVABLE` for a key look-up that threw something else).
 *
 * @example
 * list.fail('signature', codeOf(err, 'ERR_DID_UNRESOLVABLE'), messageOf(err));
 */
export function codeOf(err: unknown, fallback: ErrorCode): ErrorCode {
  return err instanceof PassportError ? err.code : fallback;
}

/**
 * The message of a caught value, for a check's `message`: an Error's, else the value as text.
 *
 * @example
 * messageOf(new Error('no key')); // 'no key'
 */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
