import { gunzipLimited } from './decompress-limited.js';
import { readEncodedList } from './read-encoded-list.js';

/**
 * The Bitstring Expansion Algorithm (Bitstring Status List v1.0, section 3.4): multibase-decode
 * (base64url, prefix `u`) then GZIP-decompress, stopping at `maxBytes`.
 */
export function expandBitstring(encodedList: unknown, maxBytes: number): Buffer {
  return gunzipLimited(readEncodedList(encodedList), maxBytes);
}
