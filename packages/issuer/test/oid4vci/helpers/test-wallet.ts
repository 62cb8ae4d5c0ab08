import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignJWT, exportJWK, type JWK } from 'jose';
import { call, type Answer, type TestIssuer, type TestOrg } from '../../helpers/start-issuer.js';

/** A holder key: did:jwk for `kid` proofs, or its bare JWK for `jwk` proofs. */
export interface TestHolderKey {
  did: string;
  kid: string;
  jwk: JWK;
  privateKey: KeyObject;
  alg: 'EdDSA' | 'ES256';
}

/** A fresh holder key (Ed25519 for EdDSA, P-256 for ES256) and its did:jwk. */
export async function createHolderKey(alg: 'EdDSA' | 'ES256' = 'EdDSA'): Promise<TestHolderKey> {
  const pair = alg === 'EdDSA' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { kty, crv, x, y } = await exportJWK(pair.publicKey);
  const jwk: JWK = { kty, crv, x, ...(y ? { y } : {}) } as JWK;
  const did = `did:jwk:${Buffer.from(JSON.stringify(jwk)).toString('base64url')}`;
  return { did, kid: `${did}#0`, jwk, privateKey: pair.privateKey, alg };
}

/** A key proof JWT (OpenID4VCI 1.0, Appendix F.1), with overrides for negative tests. */
export async function signProof(
  key: TestHolderKey,
  claims: { aud: string; nonce?: string; iat?: number },
  options: { typ?: string; header?: 'kid' | 'jwk'; signWith?: KeyObject } = {},
): Promise<string> {
  const header = options.header === 'jwk' ? { jwk: key.jwk } : { kid: key.kid };
  return new SignJWT({ ...(claims.nonce === undefined ? {} : { nonce: claims.nonce }) })
    .setProtectedHeader({ alg: key.alg, typ: options.typ ?? 'openid4vci-proof+jwt', ...header })
    .setAudience(claims.aud)
    .setIssuedAt(claims.iat ?? Math.floor(Date.now() / 1000))
    .sign(options.signWith ?? key.privateKey);
}

/** Posts a form, as the token endpoint wants. */
export async function postForm(url: string, form: Record<string, string>): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, headers: res.headers, body: type.includes('json') && text ? (JSON.parse(text) as Record<string, unknown>) : {}, text };
}

/** Posts JSON with an access token. */
export async function postWithToken(url: string, token: string | undefined, body: unknown): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, headers: res.headers, body: type.includes('json') && text ? (JSON.parse(text) as Record<string, unknown>) : {}, text };
}

/** The URLs of an organisation's OpenID4VCI endpoints in a test issuer. */
export function endpointsOf(issuer: TestIssuer, org: TestOrg): { issuerId: string; token: string; nonce: string; credential: string; deferred: string; notification: string; offers: string } {
  const issuerId = `${issuer.url}/orgs/${org.org.id}`;
  return {
    issuerId,
    token: `${issuerId}/oid4vci/token`,
    nonce: `${issuerId}/oid4vci/nonce`,
    credential: `${issuerId}/oid4vci/credential`,
    deferred: `${issuerId}/oid4vci/deferred-credential`,
    notification: `${issuerId}/oid4vci/notification`,
    offers: `${issuerId}/offers`,
  };
}

/** A fresh c_nonce. */
export async function fetchNonce(url: string): Promise<string> {
  const res = await fetch(url, { method: 'POST' });
  return ((await res.json()) as { c_nonce: string }).c_nonce;
}

export { call };
