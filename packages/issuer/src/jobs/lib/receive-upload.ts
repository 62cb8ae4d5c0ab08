import { createHash } from 'node:crypto';
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PassportError } from '@staff-passport/core';

/** What was received: the file's SHA-256 (hex) and size. */
export interface ReceivedUpload {
  sha256: string;
  bytes: number;
}

/** Where an upload goes, chunk by chunk (the job upload store). */
export interface UploadSink {
  /** Writes chunk `chunkNo` (0, 1, 2...), committed when it resolves. */
  write(chunkNo: number, data: Buffer): Promise<void>;
  /** Removes every chunk written (the upload failed). */
  discard(): Promise<void>;
}

// The size of the chunks stored: a few statements a megabyte of upload, a megabyte of memory.
const CHUNK_BYTES = 1024 * 1024;

/** A writable stream that hands what it is given to `sink` in chunks of CHUNK_BYTES. */
function chunkWriter(sink: UploadSink): Writable {
  let parts: Buffer[] = [];
  let size = 0;
  let chunkNo = 0;
  const flush = async (): Promise<void> => {
    if (size === 0) return;
    const data = Buffer.concat(parts, size);
    parts = [];
    size = 0;
    await sink.write(chunkNo, data);
    chunkNo += 1;
  };
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      parts.push(chunk);
      size += chunk.length;
      if (size < CHUNK_BYTES) callback();
      else flush().then(() => callback(), callback);
    },
    final(callback) {
      flush().then(() => callback(), callback);
    },
  });
}

/**
 * Streams a request body into the upload store (the database, which every instance reads), in
 * chunks, hashing it on the way and stopping at a size limit, so an upload of any size costs a
 * chunk of memory. Every chunk is committed before this returns (a job row must never point at an
 * upload a crash could lose). On any failure the chunks written are removed.
 * The body is piped, not destroyed, on failure, so the caller can still answer (with the
 * connection closed after the answer).
 *
 * @throws PassportError `ERR_BODY_TOO_LARGE`, `ERR_REQUEST_INVALID` (the upload broke off).
 */
export async function receiveUpload(body: Readable, sink: UploadSink, maxBytes: number): Promise<ReceivedUpload> {
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
    await pipeline(meter, chunkWriter(sink));
  } catch (err: unknown) {
    body.unpipe(meter);
    await sink.discard();
    if (err instanceof PassportError) throw err;
    throw new PassportError('ERR_REQUEST_INVALID', 'the upload did not complete', { field: 'body', cause: err });
  } finally {
    body.off('error', onError);
    body.off('close', onClose);
  }
  return { sha256: hash.digest('hex'), bytes };
}
