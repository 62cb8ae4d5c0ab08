import { gunzipSync, inflateSync } from 'node:zlib';
import { PassportError } from '../../errors/passport-error.js';
import type { DecompressStatusList } from '../decompress-status-list.js';

type Decompress = (input: Uint8Array, options: { maxOutputLength: number }) => Buffer;

function decompressLimited(decompress: Decompress, input: Uint8Array, maxBytes: number, what: string): Buffer {
  try {
    // maxOutputLength makes zlib stop (and throw) as soon as the output passes the limit, so a
    // gzip bomb costs at most maxBytes of memory, never what it claims to expand to.
    return decompress(input, { maxOutputLength: maxBytes });
  } catch (cause: unknown) {
    if ((cause as { code?: unknown } | null)?.code === 'ERR_BUFFER_TOO_LARGE') {
      throw new PassportError('ERR_STATUS_LIST_TOO_LARGE', `the ${what} expands to more than ${maxBytes} bytes`, { cause });
    }
    throw new PassportError('ERR_STATUS_LIST_INVALID', `the ${what} is not valid compressed data`, { cause });
  }
}

/** GZIP (RFC 1952) decompression that refuses to produce more than `maxBytes`. */
export function gunzipLimited(input: Uint8Array, maxBytes: number): Buffer {
  return decompressLimited(gunzipSync, input, maxBytes, 'GZIP bitstring');
}

/** ZLIB (RFC 1950) decompression that refuses to produce more than `maxBytes`. */
export function inflateLimited(input: Uint8Array, maxBytes: number): Buffer {
  return decompressLimited(inflateSync, input, maxBytes, 'ZLIB status list');
}

/** Node's zlib as the status check's decompression (what `checkCredentialStatus` passes in). */
export const decompressWithZlib: DecompressStatusList = async (bytes, format, maxBytes) =>
  format === 'gzip' ? gunzipLimited(bytes, maxBytes) : inflateLimited(bytes, maxBytes);
