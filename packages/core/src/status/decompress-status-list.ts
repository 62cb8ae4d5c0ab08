// The decompression a status list needs, as a type of its own: injected into the status check, so
// the same check runs on Node's zlib and on browsers' DecompressionStream.

/**
 * Decompresses a status list's bytes: GZIP (RFC 1952) for a Bitstring Status List, ZLIB (RFC 1950,
 * `deflate`) for a Token Status List, producing at most `maxBytes` (a compression bomb costs no more).
 *
 * @throws PassportError `ERR_STATUS_LIST_TOO_LARGE` past `maxBytes`, `ERR_STATUS_LIST_INVALID` for bytes that are not valid compressed data.
 */
export type DecompressStatusList = (bytes: Uint8Array, format: 'gzip' | 'deflate', maxBytes: number) => Promise<Uint8Array>;
