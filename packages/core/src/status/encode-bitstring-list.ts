import { gzipSync } from 'node:zlib';
import type { Bitstring } from './bitstring.js';
import { DEFAULT_COMPRESSION_LEVEL } from './status-limits.js';

/** Options for {@link encodeBitstringList}. */
export interface EncodeBitstringListOptions {
  /** DEFLATE level, 1 to 9. */
  compressionLevel?: number;
}

/**
 * The Bitstring Generation Algorithm's last step (Bitstring Status List v1.0, section 3.3):
 * GZIP-compress the bitstring and multibase-encode it as base64url without padding (prefix `u`),
 * ready for `credentialSubject.encodedList`.
 *
 * @example
 * const encodedList = encodeBitstringList(list); // 'uH4sIAAAAAAAA...'
 */
export function encodeBitstringList(list: Bitstring, options: EncodeBitstringListOptions = {}): string {
  const level = options.compressionLevel ?? DEFAULT_COMPRESSION_LEVEL;
  return `u${gzipSync(list.bytes, { level }).toString('base64url')}`;
}
