import { base64url } from 'jose';

/** A stable wallet id for a credential without an `id` of its own: `urn:sha256:<hex>` of what was issued. */
export async function hashCredentialId(raw: string | Record<string, unknown>): Promise<string> {
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return `urn:sha256:${[...digest].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Whether two public JWKs name the same key (Ed25519 or P-256 members only). */
export function sameJwk(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return a['kty'] === b['kty'] && a['crv'] === b['crv'] && a['x'] === b['x'] && (a['y'] ?? '') === (b['y'] ?? '');
}

/** The did:jwk of a public JWK (did:jwk spec, section 2). */
export function didJwkOf(jwk: Record<string, unknown>): string {
  const { kty, crv, x, y } = jwk;
  return `did:jwk:${base64url.encode(JSON.stringify(y === undefined ? { kty, crv, x } : { kty, crv, x, y }))}`;
}
