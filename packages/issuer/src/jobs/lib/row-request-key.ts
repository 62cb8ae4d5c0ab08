import { sha256Hex } from '@staff-passport/core';
import type { IssueRequest } from '../../issuing/issue-credential.js';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * The request key of a bulk row: `job:` and the SHA-256 of the issue request the row maps to, as
 * JSON with sorted keys. The request is the row's content normalised (dates as YYYY-MM-DD, codes
 * looked up, the format chosen), so the same rows uploaded again, or repeated in one file, make
 * the same key and the issuer never issues them twice; columns that do not reach the credential
 * (names, NI number) do not change it.
 */
export function rowRequestKey(request: IssueRequest): string {
  return `job:${sha256Hex(JSON.stringify(canonical(request)))}`;
}
