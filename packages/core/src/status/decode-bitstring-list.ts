import { Bitstring } from './bitstring.js';
import { expandBitstring } from './lib/expand-bitstring.js';
import { DEFAULT_MAX_STATUS_LIST_BYTES } from './status-limits.js';

/** Options for {@link decodeBitstringList}. */
export interface DecodeBitstringListOptions {
  /** Bits per entry (the entry's `statusSize`); default 1. */
  statusSize?: number;
  /** The most bytes decompression may produce; default {@link DEFAULT_MAX_STATUS_LIST_BYTES}. */
  maxBytes?: number;
}

/**
 * Decodes a `credentialSubject.encodedList` (Bitstring Status List v1.0, section 3.4, Bitstring
 * Expansion Algorithm) into a {@link Bitstring}, refusing lists shorter than 131,072 entries
 * (section 3.2, step 9) and stopping decompression at `maxBytes` (a gzip bomb costs no more).
 *
 * @throws PassportError `ERR_STATUS_LIST_TOO_LARGE` when the list expands past `maxBytes`;
 *   `ERR_STATUS_LIST_INVALID` when it is not multibase base64url GZIP data, or too short.
 * @example
 * const list = decodeBitstringList(credential.credentialSubject.encodedList);
 * list.get(94567); // 0 or 1
 */
export function decodeBitstringList(encodedList: string, options: DecodeBitstringListOptions = {}): Bitstring {
  const bytes = expandBitstring(encodedList, options.maxBytes ?? DEFAULT_MAX_STATUS_LIST_BYTES);
  return new Bitstring({ bytes, statusSize: options.statusSize ?? 1 });
}
