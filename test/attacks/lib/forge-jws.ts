/**
 * Recipes for forged compact JWS (RFC 7515, section 7.1), built by hand so each attack reads as
 * what it does: no library would make most of these on purpose.
 */
import { createHmac, createPublicKey, sign as nodeSign, type KeyObject } from 'node:crypto';

/** A JWS part decoded from base64url JSON. */
export function decodePart(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** A JSON value as a base64url JWS part. */
export function encodePart(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The three parts of a compact JWS. */
export function splitJws(jws: string): { header: Record<string, unknown>; payload: Record<string, unknown>; parts: [string, string, string] } {
  const parts = jws.split('.') as [string, string, string];
  return { header: decodePart(parts[0]), payload: decodePart(parts[1]), parts };
}

/** `alg: none` (RFC 7518, section 3.6): the same payload, no signature at all. */
export function withAlgNone(jws: string): string {
  const { header, parts } = splitJws(jws);
  return `${encodePart({ ...header, alg: 'none' })}.${parts[1]}.`;
}

/**
 * Algorithm confusion: `alg: HS256`, MACed with the issuer's PUBLIC key as the HMAC secret (the
 * attack on verifiers that pick the algorithm from the header and hand any "key" to it).
 */
export function withHs256(jws: string, secret: Buffer | string): string {
  const { header, parts } = splitJws(jws);
  const input = `${encodePart({ ...header, alg: 'HS256' })}.${parts[1]}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** The encodings of a public key an HMAC confusion attack tries as the secret. */
export function publicKeySecrets(jwk: { kty: string; crv: string; x: string; y?: string }): { name: string; secret: Buffer | string }[] {
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  return [
    { name: 'raw x', secret: Buffer.from(jwk.x, 'base64url') },
    { name: 'JWK JSON', secret: JSON.stringify(jwk) },
    { name: 'SPKI PEM', secret: key.export({ type: 'spki', format: 'pem' }).toString() },
    { name: 'SPKI DER', secret: key.export({ type: 'spki', format: 'der' }) },
  ];
}

/** The payload changed after signing; header and signature kept (a tampered credential). */
export function withPayload(jws: string, change: (payload: Record<string, unknown>) => void): string {
  const { payload, parts } = splitJws(jws);
  change(payload);
  return `${parts[0]}.${encodePart(payload)}.${parts[2]}`;
}

/**
 * Signs any header and payload with a private key (Ed25519 or P-256), the header written as
 * given: so its `kid` may name a key other than the one that signed.
 */
export function signAs(header: Record<string, unknown>, payload: unknown, privateKey: KeyObject): string {
  const input = `${encodePart(header)}.${encodePart(payload)}`;
  const ec = privateKey.asymmetricKeyType === 'ec';
  const signature = nodeSign(ec ? 'sha256' : null, Buffer.from(input), ec ? { key: privateKey, dsaEncoding: 'ieee-p1363' } : privateKey);
  return `${input}.${signature.toString('base64url')}`;
}
