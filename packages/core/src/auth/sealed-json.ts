import { isObject } from '../lib/is-object.js';
import type { SecretBox } from '../lib/secret-box.js';

/**
 * A cookie value holding a JSON object sealed under the secret (AES-256-GCM), bound by `aad` to
 * what it is for, so one cookie can never be read as another.
 *
 * @example
 * res.append('set-cookie', `sp_console=${sealJson(ctx.secretBox, session, 'staff-passport console session')}; HttpOnly`);
 */
export function sealJson(box: SecretBox, value: object, aad: string): string {
  return box.seal(JSON.stringify(value), aad);
}

/**
 * The object in a value made by {@link sealJson} with the same `aad`, or `undefined` when it does
 * not open or is not a JSON object (altered, sealed under another secret, or not ours): a cookie
 * that does not open is treated as absent, never as an error.
 *
 * @example
 * const session = openSealedJson(ctx.secretBox, readCookie(req, 'sp_console') ?? '', 'staff-passport console session');
 */
export function openSealedJson(box: SecretBox, sealed: string, aad: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(box.open(sealed, aad).toString('utf8'));
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
