import { hash } from 'node:crypto';
import type { IssueRequest } from '../../issuing/issue-credential.js';

/** Sorts keys as `Array.prototype.sort` does (UTF-16 code units), in place; small arrays without its work array. */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j -= 1;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/**
 * A copy of a JSON value with every object's keys in sorted order, for `JSON.stringify`: the text
 * must never change, as request keys already stored are compared with the keys of rows uploaded
 * later. Objects are rebuilt from their own enumerable keys (no `toJSON`), as the first version
 * did with `Object.fromEntries`; keys that are array indices come first in numeric order in any
 * object, as they did there.
 */
function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = sortedCopy(value[i]);
    return out;
  }
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of sortKeys(Object.keys(record))) {
    // An own `__proto__` stays a key (an assignment would set the prototype instead).
    if (key === '__proto__') Object.defineProperty(out, key, { value: sortedCopy(record[key]), enumerable: true, writable: true, configurable: true });
    else out[key] = sortedCopy(record[key]);
  }
  return out;
}

/**
 * The request key of a bulk row: `job:` and the SHA-256 of the issue request the row maps to, as
 * JSON with sorted keys. The request is the row's content normalised (dates as YYYY-MM-DD, codes
 * looked up, the format chosen), so the same rows uploaded again, or repeated in one file, make
 * the same key and the issuer never issues them twice; columns that do not reach the credential
 * (names, NI number) do not change it.
 */
export function rowRequestKey(request: IssueRequest): string {
  return `job:${hash('sha256', JSON.stringify(sortedCopy(request)), 'hex')}`;
}
