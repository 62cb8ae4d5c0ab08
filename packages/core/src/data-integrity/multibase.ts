const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

/**
 * Multibase base58-btc: `z` followed by the bytes in the Bitcoin base58 alphabet (Multibase
 * draft, section 2.2; the encoding of Data Integrity `proofValue` and Multikey keys).
 *
 * @example
 * encodeMultibaseBase58btc(new Uint8Array([0xed, 0x01, ...publicKey])) // 'z6Mk...'
 */
export function encodeMultibaseBase58btc(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros += 1;
  // Base conversion, most significant digit last; the inputs are short (keys and signatures).
  const digits: number[] = [];
  for (const byte of bytes.subarray(zeros)) {
    let carry = byte;
    for (let i = 0; i < digits.length; i += 1) {
      carry += digits[i]! << 8;
      digits[i] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  return `z${'1'.repeat(zeros)}${digits.reverse().map((d) => ALPHABET[d]).join('')}`;
}

/**
 * The bytes of a multibase base58-btc string, or undefined when it is not one (another multibase
 * prefix, or a character outside the alphabet).
 *
 * @example
 * decodeMultibaseBase58btc(proof.proofValue)?.length // 64 for an Ed25519 signature
 */
export function decodeMultibaseBase58btc(text: string): Uint8Array | undefined {
  if (typeof text !== 'string' || !text.startsWith('z')) return undefined;
  const body = text.slice(1);
  let zeros = 0;
  while (zeros < body.length && body[zeros] === '1') zeros += 1;
  const bytes: number[] = [];
  for (const char of body.slice(zeros)) {
    let carry = INDEX.get(char);
    if (carry === undefined) return undefined;
    for (let i = 0; i < bytes.length; i += 1) {
      carry += bytes[i]! * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  return Uint8Array.from([...new Array<number>(zeros).fill(0), ...bytes.reverse()]);
}
