/**
 * The largest decompressed status list accepted by default: 2 MiB, room for 16,777,216 1-bit
 * entries (128 of the spec's minimum lists) or 2,097,152 8-bit ones. A list is fetched from a URL a
 * stranger named, and a few hundred bytes of gzip can expand to gigabytes, so decompression stops
 * at this size instead of allocating whatever the input asks for.
 */
export const DEFAULT_MAX_STATUS_LIST_BYTES = 2 * 1024 * 1024;

/**
 * The DEFLATE level used by default when compressing a list. Level 6 compresses a sparse
 * 1,000,000-entry list in a few milliseconds where level 9 takes ten times longer for about 10%
 * fewer bytes; callers publishing rarely can ask for 9 (the Token Status List draft recommends the
 * highest level, section 4.1).
 */
export const DEFAULT_COMPRESSION_LEVEL = 6;
