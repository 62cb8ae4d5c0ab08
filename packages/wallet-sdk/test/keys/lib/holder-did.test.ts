/** Holder DIDs: did:key (W3C CCG did:key test vectors, nist-curves.json) and did:jwk (did:jwk spec, section 2). */
import { describe, expect, it } from '@jest/globals';
import { base64url } from 'jose';
import { holderDidFor } from '../../../src/index.js';
import { jwkFromMultikey } from '../../../src/lib/did-key-jwk.js';
import { decodeMultibaseBase58btc, encodeMultibaseBase58btc } from '@staff-passport/core/browser';

// did-method-key test-vectors/nist-curves.json, first P-256 vector.
const P256 = { kty: 'EC', crv: 'P-256', x: 'igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns', y: 'efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM' };
const P256_DID = 'did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv';
// RFC 8037, appendix A.2.
const ED25519 = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };

describe('holderDidFor', () => {
  it('names a P-256 key as the did:key test vector does (compressed point, multicodec 0x1200)', () => {
    expect(holderDidFor(P256, 'did:key')).toEqual({ did: P256_DID, kid: `${P256_DID}#${P256_DID.slice(8)}` });
  });

  it('names an Ed25519 key as did:key z6Mk..., which decodes back to the same key', () => {
    const { did, kid } = holderDidFor(ED25519, 'did:key');
    expect(did).toMatch(/^did:key:z6Mk/);
    expect(kid).toBe(`${did}#${did.slice(8)}`);
    expect(jwkFromMultikey(did.slice(8))).toEqual(ED25519);
    expect(jwkFromMultikey(P256_DID.slice(8))).toEqual(P256);
  });

  it('names a did:jwk by the base64url of its public JWK, with #0 as its verification method', () => {
    const { did, kid } = holderDidFor({ ...P256, d: 'secret' } as never, 'did:jwk');
    expect(JSON.parse(new TextDecoder().decode(base64url.decode(did.slice(8))))).toEqual(P256);
    expect(kid).toBe(`${did}#0`);
  });

  it('refuses other key types', () => {
    expect(() => holderDidFor({ kty: 'RSA', n: 'x', e: 'AQAB' }, 'did:key')).toThrow(expect.objectContaining({ code: 'ERR_REQUEST_INVALID' }));
  });
});

describe('multibase base58btc (from core/browser)', () => {
  it('round-trips, keeping leading zero bytes as 1s', () => {
    const bytes = new Uint8Array([0, 0, 1, 2, 255, 128, 7]);
    const text = encodeMultibaseBase58btc(bytes);
    expect(text.startsWith('z11')).toBe(true);
    expect(decodeMultibaseBase58btc(text)).toEqual(bytes);
    expect(decodeMultibaseBase58btc('z0OIl')).toBeUndefined();
  });
});
