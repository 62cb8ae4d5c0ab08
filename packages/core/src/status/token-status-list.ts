import { PassportError } from '../errors/passport-error.js';

/**
 * Status Type values of the Token Status List (draft-ietf-oauth-status-list, section 7.1).
 * 0x03 and 0x0C to 0x0F are application specific.
 */
export const TOKEN_STATUS = { VALID: 0, INVALID: 1, SUSPENDED: 2 } as const;

/** Bits per status a Token Status List allows (draft-ietf-oauth-status-list, section 4.1). */
export type TokenStatusBits = 1 | 2 | 4 | 8;

/** Whether a value is an allowed number of bits per status. */
export function isTokenStatusBits(value: unknown): value is TokenStatusBits {
  return value === 1 || value === 2 || value === 4 || value === 8;
}

/** Options for {@link TokenStatusList}. */
export interface TokenStatusListOptions {
  /** Bits per status: 1, 2, 4 or 8. */
  bits: TokenStatusBits;
  /** Number of statuses (Referenced Tokens); taken from `bytes` when they are given. */
  size?: number;
  /** Existing uncompressed bytes to wrap (not copied). */
  bytes?: Uint8Array;
}

/**
 * An IETF Token Status List: `size` statuses of `bits` bits packed into bytes from the least
 * significant bit up, so index 0 is bit 0 of byte 0 (draft-ietf-oauth-status-list, section 4.1).
 * Note the order is the reverse of the W3C {@link Bitstring}.
 *
 * @throws PassportError `ERR_STATUS_LIST_INVALID` for bad `bits`, a bad size, or bytes too short.
 * @example
 * const list = new TokenStatusList({ bits: 2, size: 1_000_000 });
 * list.set(42, TOKEN_STATUS.SUSPENDED);
 */
export class TokenStatusList {
  readonly bits: TokenStatusBits;
  /** Number of statuses. */
  readonly size: number;
  readonly #bytes: Uint8Array;

  constructor(options: TokenStatusListOptions) {
    if (!isTokenStatusBits(options.bits)) {
      throw new PassportError('ERR_STATUS_LIST_INVALID', `bits must be 1, 2, 4 or 8, not ${String(options.bits)}`);
    }
    const bits = options.bits;
    const size = options.size ?? (options.bytes ? (options.bytes.length * 8) / bits : undefined);
    if (size === undefined || !Number.isSafeInteger(size) || size < 1) {
      throw new PassportError('ERR_STATUS_LIST_INVALID', `a token status list needs a positive whole size, not ${String(size)}`);
    }
    const byteLength = Math.ceil((size * bits) / 8);
    if (options.bytes && options.bytes.length < byteLength) {
      throw new PassportError('ERR_STATUS_LIST_INVALID', `${options.bytes.length} bytes cannot hold ${size} statuses of ${bits} bits`);
    }
    this.bits = bits;
    this.size = size;
    this.#bytes = options.bytes ?? new Uint8Array(byteLength);
  }

  /**
   * The status value at an index.
   *
   * @throws PassportError `ERR_STATUS_INDEX_OUT_OF_RANGE` when the index is not in the list.
   */
  get(index: number): number {
    this.#checkIndex(index);
    const bit = index * this.bits;
    return (this.#bytes[bit >>> 3]! >>> (bit & 7)) & ((1 << this.bits) - 1);
  }

  /**
   * Sets the status value at an index.
   *
   * @throws PassportError `ERR_STATUS_INDEX_OUT_OF_RANGE` for an index outside the list;
   *   `ERR_STATUS_LIST_INVALID` for a value that does not fit in `bits`.
   */
  set(index: number, value: number): void {
    this.#checkIndex(index);
    const mask = (1 << this.bits) - 1;
    if (!Number.isInteger(value) || value < 0 || value > mask) {
      throw new PassportError('ERR_STATUS_LIST_INVALID', `status value ${value} does not fit in ${this.bits} bits`);
    }
    const bit = index * this.bits;
    const at = bit >>> 3;
    const shift = bit & 7;
    this.#bytes[at] = (this.#bytes[at]! & ~(mask << shift)) | (value << shift);
  }

  /** An independent copy. */
  clone(): TokenStatusList {
    return new TokenStatusList({ bits: this.bits, size: this.size, bytes: this.#bytes.slice() });
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
