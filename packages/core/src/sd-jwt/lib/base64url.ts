// base64url without padding (RFC 7515, section 2), in plain JavaScript so the SD-JWT code runs in
// browsers (no Buffer) and strict on input: any character outside the alphabet, a length that no
// encoding has, or non-zero spare bits is refused, so one value has exactly one encoding.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const CODES = new Uint8Array(64);
// The value of each byte of the alphabet; 255 for every other byte (non-ASCII text encodes to bytes of 128 and up).
const VALUES = new Uint8Array(256).fill(255);
for (let i = 0; i < ALPHABET.length; i++) {
  CODES[i] = ALPHABET.charCodeAt(i);
  VALUES[ALPHABET.charCodeAt(i)] = i;
}

export const textEncoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });
// The output is ASCII, for which latin1 decoding is the identity: one native call instead of a
// string concatenation per character (several times faster for a JWT payload).
const asciiDecoder = new TextDecoder('latin1');

/** base64url of bytes. */
export function encodeBase64url(bytes: Uint8Array): string {
  const length = bytes.length;
  const whole = length - (length % 3);
  const out = new Uint8Array(Math.ceil((length * 4) / 3));
  let o = 0;
  let i = 0;
  for (; i < whole; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = CODES[n >>> 18]!;
    out[o++] = CODES[(n >>> 12) & 63]!;
    out[o++] = CODES[(n >>> 6) & 63]!;
    out[o++] = CODES[n & 63]!;
  }
  if (length - whole === 1) {
    const n = bytes[i]! << 16;
    out[o++] = CODES[n >>> 18]!;
    out[o] = CODES[(n >>> 12) & 63]!;
  } else if (length - whole === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out[o++] = CODES[n >>> 18]!;
    out[o++] = CODES[(n >>> 12) & 63]!;
    out[o] = CODES[(n >>> 6) & 63]!;
  }
  return asciiDecoder.decode(out);
}

/** base64url of the UTF-8 bytes of a string. */
export function encodeBase64urlText(text: string): string {
  return encodeBase64url(textEncoder.encode(text));
}

/**
 * The bytes a base64url string encodes.
 *
 * @throws TypeError when the text is not canonical unpadded base64url.
 */
export function decodeBase64url(text: string): Uint8Array {
  const rest = text.length % 4;
  if (rest === 1) throw new TypeError('not base64url (length)');
  // The native encoder gives the character codes of an ASCII string at once; any other character
  // becomes bytes of 128 and up, which VALUES maps to 255.
  const input = textEncoder.encode(text);
  const whole = input.length - (input.length % 4);
  const out = new Uint8Array((input.length * 3) >> 2);
  let o = 0;
  let i = 0;
  for (; i < whole; i += 4) {
    const a = VALUES[input[i]!]!;
    const b = VALUES[input[i + 1]!]!;
    const c = VALUES[input[i + 2]!]!;
    const d = VALUES[input[i + 3]!]!;
    if ((a | b | c | d) > 63) throw new TypeError('not base64url');
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >>> 16;
    out[o++] = (n >>> 8) & 255;
    out[o++] = n & 255;
  }
  const left = input.length - whole;
  if (left === 1) throw new TypeError('not base64url');
  if (left >= 2) {
    const a = VALUES[input[i]!]!;
    const b = VALUES[input[i + 1]!]!;
    const c = left === 3 ? VALUES[input[i + 2]!]! : 0;
    if ((a | b | c) > 63) throw new TypeError('not base64url');
    const n = (a << 18) | (b << 12) | (c << 6);
    // Canonical only: the bits past the last byte must be zero.
    if (n & (left === 2 ? 0xffff : 0xff)) throw new TypeError('not base64url (spare bits)');
    out[o++] = n >>> 16;
    if (left === 3) out[o] = (n >>> 8) & 255;
  }
  return out;
}

/**
 * The UTF-8 text a base64url string encodes.
 *
 * @throws TypeError when the text is not base64url or the bytes are not UTF-8.
 */
export function decodeBase64urlText(text: string): string {
  return strictDecoder.decode(decodeBase64url(text));
}

/**
 * The US-ASCII bytes of a digest input (a Disclosure, or an SD-JWT for `sd_hash`): those are made
 * of base64url characters, '.' and '~', for which UTF-8 and US-ASCII bytes agree.
 */
export function asciiBytes(text: string): Uint8Array {
  return textEncoder.encode(text);
}
