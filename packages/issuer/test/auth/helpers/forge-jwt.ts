/** Hand-made JWTs for the negative tests: exactly the bytes an attacker (or a careless IdP) would send. */
import { createHmac, sign, type KeyObject } from 'node:crypto';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An ES256 JWT signed with the key given. */
export function signEs256(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const input = `${b64({ alg: 'ES256', ...header })}.${b64(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}

/** An HS256 JWT whose HMAC key is the bytes given (the classic attack uses the IdP's public key). */
export function signHs256(header: Record<string, unknown>, payload: Record<string, unknown>, secret: Buffer | string): string {
  const input = `${b64({ alg: 'HS256', ...header })}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** An unsecured JWT (RFC 7519 section 6): alg none, empty signature. */
export function unsecured(payload: Record<string, unknown>): string {
  return `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(payload)}.`;
}

/** The claims of a JWT, unverified (to copy a real token's claims into a forged one). */
export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The protected header of a JWT, unverified. */
export function headerOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}
