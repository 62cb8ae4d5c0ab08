import { PassportError, decodeMultibaseBase58btc } from '@staff-passport/core/browser';
import { base64url, type JWK } from 'jose';

// P-256 curve constants (SEC 2, section 2.4.2), for decompressing a did:key point.
const P256_P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const P256_B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

/**
 * The public JWK a did:key multibase value names (did:key spec, "Decode Public Key"): an Ed25519
 * key (multicodec 0xed) or a compressed P-256 key (multicodec 0x1200).
 *
 * @throws PassportError `ERR_DID_INVALID` for anything else.
 */
export function jwkFromMultikey(multibase: string): JWK {
  const bytes = decodeMultibaseBase58btc(multibase);
  if (!bytes) throw new PassportError('ERR_DID_INVALID', 'the key is not base58btc multibase', { field: 'did' });
  if (bytes[0] === 0xed && bytes[1] === 0x01 && bytes.length === 34) {
    return { kty: 'OKP', crv: 'Ed25519', x: base64url.encode(bytes.subarray(2)) };
  }
  if (bytes[0] === 0x80 && bytes[1] === 0x24 && bytes.length === 35) return decompressP256(bytes.subarray(2));
  throw new PassportError('ERR_DID_METHOD_UNSUPPORTED', 'only Ed25519 and P-256 did:key keys are supported', { field: 'did' });
}

function decompressP256(point: Uint8Array): JWK {
  const prefix = point[0];
  if (prefix !== 2 && prefix !== 3) throw new PassportError('ERR_DID_INVALID', 'the P-256 key is not a compressed point', { field: 'did' });
  const x = toBigInt(point.subarray(1));
  const rhs = mod(x * x * x - 3n * x + P256_B);
  // p = 3 (mod 4), so a square root is rhs^((p + 1) / 4).
  let y = modPow(rhs, (P256_P + 1n) / 4n);
  if (mod(y * y) !== rhs) throw new PassportError('ERR_DID_INVALID', 'the P-256 key is not on the curve', { field: 'did' });
  if ((y & 1n) !== BigInt(prefix & 1)) y = P256_P - y;
  return { kty: 'EC', crv: 'P-256', x: base64url.encode(toBytes(x)), y: base64url.encode(toBytes(y)) };
}

function mod(n: bigint): bigint {
  const r = n % P256_P;
  return r < 0n ? r + P256_P : r;
}

function modPow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = mod(result * b);
    b = mod(b * b);
  }
  return result;
}

function toBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const byte of bytes) n = (n << 8n) | BigInt(byte);
  return n;
}

function toBytes(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31, v = n; i >= 0; i -= 1, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}
