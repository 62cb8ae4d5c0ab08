import { PassportError } from '../errors/passport-error.js';

/**
 * The fewest entries a Bitstring Status List may have: 131,072, that is 16 KB of 1-bit entries
 * (Bitstring Status List v1.0, sections 2.2 and 3.2), so every credential hides in a large group.
 */
export const MIN_BITSTRING_ENTRIES = 131_072;

/** The largest `statusSize` we handle: one status fits in a byte (up to 256 values). */
export const MAX_STATUS_SIZE = 8;

/** Options for {@link Bitstring}. */
export interface BitstringOptions {
  /** Number of entries; at least {@link MIN_BITSTRING_ENTRIES} (the default). */
  size?: number;
  /** Bits per entry, 1 to 8 (Bitstring Status List v1.0, section 2.1, `statusSize`); default 1. */
  statusSize?: number;
  /**
   * Existing bytes to wrap (not copied), as produced by the Bitstring Expansion Algorithm; the size
   * is then every whole entry they hold, unless `size` says fewer.
   */
  bytes?: Uint8Array;
}

function checkStatusSize(statusSize: number): void {
  if (!Number.isInteger(statusSize) || statusSize < 1 || statusSize > MAX_STATUS_SIZE) {
    throw new PassportError('ERR_STATUS_LIST_INVALID', `statusSize must be an integer from 1 to ${MAX_STATUS_SIZE}, not ${statusSize}`);
  }
}

/**
 * A W3C Bitstring Status List: `size` entries of `statusSize` bits in one byte array, entry 0 at
 * the left-most (most significant) bit of the first byte (Bitstring Status List v1.0, section 2.2,
 * `encodedList`, and section 7.1). No object per entry: a 1,000,000-entry list is 125,000 bytes.
 *
 * @throws PassportError `ERR_STATUS_LIST_INVALID` for a bad `statusSize`, too few entries, or bytes
 *   too short for `size`.
 * @example
 * const list = new Bitstring();           // 131,072 entries, all 0
 * list.set(94567, 1);                     // revoke the credential at index 94567
 * list.get(94567);                        // 1
 */
export class Bitstring {
  /** Number of entries. */
  readonly size: number;
  /** Bits per entry. */
  readonly statusSize: number;
  readonly #bytes: Uint8Array;

  constructor(options: BitstringOptions = {}) {
    const statusSize = options.statusSize ?? 1;
    checkStatusSize(statusSize);
    const bytes = options.bytes;
    const size = options.size ?? (bytes ? Math.floor((bytes.length * 8) / statusSize) : MIN_BITSTRING_ENTRIES);
    if (!Number.isSafeInteger(size) || size < MIN_BITSTRING_ENTRIES) {
      throw new PassportError('ERR_STATUS_LIST_INVALID', `a bitstring status list needs at least ${MIN_BITSTRING_ENTRIES} entries, not ${size}`);
    }
    const byteLength = Math.ceil((size * statusSize) / 8);
    if (bytes && bytes.length < byteLength) {
      throw new PassportError('ERR_STATUS_LIST_INVALID', `${bytes.length} bytes cannot hold ${size} entries of ${statusSize} bits`);
    }
    this.size = size;
    this.statusSize = statusSize;
    this.#bytes = bytes ?? new Uint8Array(byteLength);
  }

  /**
   * The status value at an index (0 when unset).
   *
   * @throws PassportError `ERR_STATUS_INDEX_OUT_OF_RANGE` when the index is not an entry of the list.
   */
  get(index: number): number {
    this.#checkIndex(index);
    const bytes = this.#bytes;
    if (this.statusSize === 1) return (bytes[index >>> 3]! >>> (7 - (index & 7))) & 1;
    let value = 0;
    for (let bit = index * this.statusSize, end = bit + this.statusSize; bit < end; bit++) {
      value = (value << 1) | ((bytes[Math.floor(bit / 8)]! >>> (7 - (bit % 8))) & 1);
    }
    return value;
  }

  /**
   * Sets the status value at an index.
   *
   * @throws PassportError `ERR_STATUS_INDEX_OUT_OF_RANGE` for an index outside the list;
   *   `ERR_STATUS_LIST_INVALID` for a value that does not fit in `statusSize` bits.
   */
  set(index: number, value: number): void {
    this.#checkIndex(index);
    const max = 2 ** this.statusSize - 1;
    if (!Number.isInteger(value) || value < 0 || value > max) {
      throw new PassportError('ERR_STATUS_LIST_INVALID', `status value ${value} does not fit in ${this.statusSize} bits`);
    }
    const bytes = this.#bytes;
    if (this.statusSize === 1) {
      const mask = 0x80 >>> (index & 7);
      const at = index >>> 3;
      bytes[at] = value ? bytes[at]! | mask : bytes[at]! & ~mask;
      return;
    }
    // Most significant bit of the value first, left to right, as the entry reads.
    for (let i = 0, bit = index * this.statusSize; i < this.statusSize; i++, bit++) {
      const mask = 0x80 >>> (bit % 8);
      const at = Math.floor(bit / 8);
      bytes[at] = (value >>> (this.statusSize - 1 - i)) & 1 ? bytes[at]! | mask : bytes[at]! & ~mask;
    }
  }

  /** An independent copy. */
  clone(): Bitstring {
    return new Bitstring({ size: this.size, statusSize: this.statusSize, bytes: this.#bytes.slice() });
  }

  /** The uncompressed bytes, shared with the list (copy before changing them). */
  get bytes(): Uint8Array {
    return this.#bytes;
  }

  #checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new PassportError('ERR_STATUS_INDEX_OUT_OF_RANGE', `index ${index} is outside the list (0 to ${this.size - 1})`);
    }
  }
}
