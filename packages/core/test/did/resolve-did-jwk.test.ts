/**
 * did:jwk (did:jwk specification, "Read"): the document generated from the JWK lists a signing key
 * for assertion and authentication, an encryption key for key agreement only, and refuses what
 * is not a public JWK. DIDs as named data.
 */
import { describe, expect, it } from '@jest/globals';
import { parse } from 'did-resolver';
import { resolveDidJwk } from '../../src/did/resolve-did-jwk.js';
import { verificationMethodIdFor } from '../../src/did/verification-method-id.js';

const didJwk = (jwk: unknown): string => `did:jwk:${Buffer.from(typeof jwk === 'string' ? jwk : JSON.stringify(jwk)).toString('base64url')}`;
const resolve = (did: string) => resolveDidJwk(did, parse(did)!, { resolve: () => Promise.reject(new Error('not used')) }, {});

const P256 = { kty: 'EC', crv: 'P-256', x: 'acbIQiuMs3i8_uszEjJ2tpTtRM4EU3yz91PH6CdH2V0', y: '_KcyLj9vWMptnmKtm46GqDz8wf74I5LKgrl2GzH3nSE' };
const X25519 = { kty: 'OKP', crv: 'X25519', use: 'enc', x: '3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08' };

describe('resolveDidJwk', () => {
  it('lists a signing key for assertionMethod, authentication and capabilities (the specification example)', async () => {
    const did = didJwk(P256);
    const { didDocument, didResolutionMetadata } = await resolve(did);
    expect(didResolutionMetadata).toEqual({ contentType: 'application/did+json' });
    expect(didDocument).toMatchObject({
      id: did,
      verificationMethod: [{ id: `${did}#0`, type: 'JsonWebKey2020', controller: did, publicKeyJwk: P256 }],
      assertionMethod: [`${did}#0`],
      authentication: [`${did}#0`],
      capabilityInvocation: [`${did}#0`],
      capabilityDelegation: [`${did}#0`],
    });
    expect(didDocument).not.toHaveProperty('keyAgreement');
  });

  it('lists an encryption key (use: enc) for keyAgreement only', async () => {
    const { didDocument } = await resolve(didJwk(X25519));
    expect(didDocument?.keyAgreement).toEqual([`${didJwk(X25519)}#0`]);
    expect(didDocument).not.toHaveProperty('assertionMethod');
  });

  it('lists a signing curve marked use: enc for key agreement only, not for signing', async () => {
    const { didDocument } = await resolve(didJwk({ ...P256, use: 'enc' }));
    expect(didDocument).not.toHaveProperty('assertionMethod');
    expect(didDocument?.keyAgreement).toHaveLength(1);
  });

  const refusals: [name: string, did: string][] = [
    ['not-json-fail', didJwk('{"kty":')],
    ['no-kty-fail', didJwk({ crv: 'P-256', x: P256.x, y: P256.y })],
    ['json-array-fail', didJwk(['EC'])],
    ['private-key-fail', didJwk({ ...P256, d: 'jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI' })],
  ];
  it.each(refusals)('%s', async (_name, did) => {
    const { didDocument, didResolutionMetadata } = await resolve(did);
    expect(didDocument).toBeNull();
    expect(didResolutionMetadata).toMatchObject({ error: 'invalidDid', code: 'ERR_DID_INVALID' });
  });
});

describe('verificationMethodIdFor', () => {
  const ids: [name: string, did: string, id: string][] = [
    ['did-key-by-its-key', 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'],
    ['did-jwk-by-0', didJwk(P256), `${didJwk(P256)}#0`],
    ['did-web-by-the-key-id', 'did:web:issuer.example:orgs:org_1', 'did:web:issuer.example:orgs:org_1#ab12'],
  ];
  it.each(ids)('%s', (_name, did, id) => {
    expect(verificationMethodIdFor(did, 'ab12')).toBe(id);
  });
});
