// base64url without padding (RFC 7515, section 2), in plain JavaScript so the SD-JWT code runs in
// browsers (no Buffer) and strict on input: any character outside the alphabet, a length that no
// encoding has, or non-zero spare bits is refused, so one value has exactly one encoding.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

export const textEncoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** base64url of bytes. */
export function encodeBase64url(bytes: Uint8Array): string {
  let out = '';
  const whole = bytes.length - (bytes.length % 3);
  let i = 0;
  for (; i < whole; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + ALPHABET[(n >>> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - whole;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + ALPHABET[(n >>> 6) & 63]!;
  }
  return out;
}

/** base64url of the UTF-8 bytes of a string. */
export function encodeBase64urlText(text: string): string {
  return encodeBase64url(textEncoder.encode(text));
}

function valueAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  const v = code < 128 ? VALUES[code]! : -1;
  if (v < 0) throw new TypeError('not base64url');
  return v;
}

/**
 * The bytes a base64url string encodes.
 *
 * @throws TypeError when the text is not canonical unpadded base64url.
 */
export function decodeBase64url(text: string): Uint8Array {
  const rest = text.length % 4;
  if (rest === 1) throw new TypeError('not base64url (length)');
  const out = new Uint8Array(((text.length - rest) / 4) * 3 + (rest === 0 ? 0 : rest - 1));
  let o = 0;
  const whole = text.length - rest;
  let i = 0;
  for (; i < whole; i += 4) {
    const n = (valueAt(text, i) << 18) | (valueAt(text, i + 1) << 12) | (valueAt(text, i + 2) << 6) | valueAt(text, i + 3);
    out[o++] = n >>> 16;
    out[o++] = (n >>> 8) & 255;
    out[o++] = n & 255;
  }
  if (rest === 2) {
    const n = (valueAt(text, i) << 18) | (valueAt(text, i + 1) << 12);
    if (n & 0xffff) throw new TypeError('not base64url (spare bits)');
    out[o] = n >>> 16;
  } else if (rest === 3) {
    const n = (valueAt(text, i) << 18) | (valueAt(text, i + 1) << 12) | (valueAt(text, i + 2) << 6);
    if (n & 0xff) throw new TypeError('not base64url (spare bits)');
    out[o++] = n >>> 16;
    out[o] = (n >>> 8) & 255;
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
