import { PassportError } from '../errors/passport-error.js';
import type { DecompressStatusList } from './decompress-status-list.js';

/**
 * Status list decompression with the platform's `DecompressionStream` (browsers, Node 18+), stopping
 * as soon as the output passes `maxBytes`: what the browser status check is given.
 *
 * @example
 * await checkStatusEntries({ ...entries, decompress: decompressWithStreams, fetchStatusList, resolver });
 * @throws PassportError `ERR_STATUS_LIST_TOO_LARGE`, `ERR_STATUS_LIST_INVALID`.
 */
export const decompressWithStreams: DecompressStatusList = async (bytes, format, maxBytes) => {
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
};
