import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PassportError } from '@staff-passport/core';

/** What was received: the file's SHA-256 (hex) and size. */
export interface ReceivedUpload {
  sha256: string;
  bytes: number;
}

/**
 * Streams a request body into a new file, hashing it on the way and stopping at a size limit, so
 * an upload of any size costs a buffer of memory. The file is flushed to disk before this returns
 * (a job row must never point at a file a power cut could lose). On any failure the file is removed.
 * The body is piped, not destroyed, on failure, so the caller can still answer (with the
 * connection closed after the answer).
 *
 * @throws PassportError `ERR_BODY_TOO_LARGE`, `ERR_REQUEST_INVALID` (the upload broke off).
 */
export async function receiveUpload(body: Readable, file: string, maxBytes: number): Promise<ReceivedUpload> {
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        callback(new PassportError('ERR_BODY_TOO_LARGE', `the file is over the ${maxBytes} byte limit`, { field: 'body' }));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  const onError = (err: Error): void => {
    meter.destroy(err);
  };
  const onClose = (): void => {
    if (!body.readableEnded) meter.destroy(new Error('the upload was cut off'));
  };
  body.on('error', onError);
  body.on('close', onClose);
  body.pipe(meter);
  try {
    await pipeline(meter, createWriteStream(file, { flags: 'wx' }));
    const handle = await open(file, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err: unknown) {
    body.unpipe(meter);
    await rm(file, { force: true });
    if (err instanceof PassportError) throw err;
    throw new PassportError('ERR_REQUEST_INVALID', 'the upload did not complete', { field: 'body', cause: err });
  } finally {
    body.off('error', onError);
    body.off('close', onClose);
  }
  return { sha256: hash.digest('hex'), bytes };
}
