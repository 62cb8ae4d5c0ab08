import { PassportError } from '@staff-passport/core/browser';
import { base64url } from 'jose';

/** The most bytes a status list may expand to (a 131,072-entry list is 16 KiB; allow many more). */
export const MAX_STATUS_LIST_BYTES = 4 * 1024 * 1024;

/**
 * Decompresses GZIP (Bitstring Status List) or ZLIB (Token Status List) bytes with the platform's
 * `DecompressionStream` (browsers and Node 18+), stopping once the output passes `maxBytes`.
 *
 * @throws PassportError `ERR_STATUS_LIST_TOO_LARGE`, `ERR_STATUS_LIST_INVALID`.
 */
export async function decompress(bytes: Uint8Array, format: 'gzip' | 'deflate', maxBytes = MAX_STATUS_LIST_BYTES): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream(format));
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel();
        throw new PassportError('ERR_STATUS_LIST_TOO_LARGE', `the status list expands past ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  } catch (err: unknown) {
    if (err instanceof PassportError) throw err;
    throw new PassportError('ERR_STATUS_LIST_INVALID', `the status list is not valid ${format} data`, { cause: err });
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Decodes base64url, as a status list error when it is not. */
export function decodeListBase64url(text: unknown, field: string): Uint8Array {
  try {
    if (typeof text !== 'string') throw new TypeError(`${field} is not a string`);
    return base64url.decode(text);
  } catch (cause: unknown) {
    throw new PassportError('ERR_STATUS_LIST_INVALID', `${field} is not base64url`, { cause });
  }
}

/**
 * The value at `index` in a Bitstring Status List: entries of `size` bits, the first entry in the
 * left-most (most significant) bits of the first byte (Bitstring Status List v1.0, section 3.2).
 */
export function readBitstringValue(bytes: Uint8Array, index: number, size: number): number | undefined {
  let value = 0;
  for (let bit = index * size; bit < (index + 1) * size; bit++) {
    const byte = bytes[Math.floor(bit / 8)];
    if (byte === undefined) return undefined;
    value = (value << 1) | ((byte >> (7 - (bit % 8))) & 1);
  }
  return value;
}

/**
 * The value at `index` in an IETF Token Status List: entries of `bits` bits packed from the least
 * significant bit of each byte (draft-ietf-oauth-status-list, section 4.1).
 */
export function readTokenStatusValue(bytes: Uint8Array, index: number, bits: number): number | undefined {
  const bit = index * bits;
  const byte = bytes[Math.floor(bit / 8)];
  if (byte === undefined) return undefined;
  return (byte >> (bit % 8)) & ((1 << bits) - 1);
}
