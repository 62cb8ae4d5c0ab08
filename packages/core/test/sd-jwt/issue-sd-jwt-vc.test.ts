/**
 * Issue, present and verify SD-JWT VCs end to end with DID issuers (an in-test DID document and
 * did:jwk through createDidResolver): nested and array element Disclosures (RFC 9901, sections
 * 4.2.1, 4.2.2, 4.2.6), decoys (4.2.5), Key Binding (4.3), presentation choice (7.2), and what the
 * issuing, decoding and presenting side refuse.
 */
import { describe, expect, it } from '@jest/globals';
import { createDidResolver } from '../../src/did/create-did-resolver.js';
import {
  decodeSdJwt,
  issueSdJwt,
  issueSdJwtVc,
  nodeSdJwtCrypto,
  presentSdJwt,
  verifySdJwtVc,
  type DisclosableClaim,
} from '../../src/sd-jwt/index.js';
import { decodePart, failedCodes, makeDidJwkParty, makeParty, resolverFor, webCryptoSigner } from './fixtures.js';

const NOW = new Date('2026-10-01T09:00:00Z');
const IAT = Math.floor(NOW.getTime() / 1000) - 3600;
const VCT = 'https://w3id.org/staff-passport/vct/test/1.0.0';
const AUD = 'x509_san_dns:verifier.example.nhs.uk';
const NONCE = 'n-0S6_WzA2Mj';

const CLAIMS = {
  given_name: 'Ada',
  family_name: 'Lovelace',
  address: { street_address: '1 Main St', locality: 'Leeds', region: 'West Yorkshire', country: 'GB' },
  nationalities: ['GB', 'IE'],
  degrees: [
    { subject: 'Mathematics', level: 'BSc' },
    { subject: 'Nursing', level: 'MSc' },
  ],
};
const DISCLOSABLE = ['given_name', 'family_name', 'address', 'address.region', 'address.country', 'nationalities.*', 'degrees.1', 'degrees.1.subject'];

/** Every string in a JSON value (object keys excluded). */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

async function setup(alg: 'EdDSA' | 'ES256') {
  const issuer = await makeParty(alg);
  const holder = await makeParty(alg === 'EdDSA' ? 'ES256' : 'EdDSA');
  const resolver = resolverFor([issuer]);
  const credential = await issueSdJwtVc({
    claims: CLAIMS,
    disclosable: DISCLOSABLE,
    vct: VCT,
    iss: issuer.did,
    iat: IAT,
    exp: IAT + 86400 * 365,
    cnf: { jwk: holder.publicJwk },
    status: { status_list: { idx: 12, uri: 'https://issuer.example.nhs.uk/status/1' } },
    signer: issuer.signer,
    ...nodeSdJwtCrypto,
  });
  return { issuer, holder, resolver, credential };
}

describe.each(['EdDSA', 'ES256'] as const)('an SD-JWT VC signed with %s', (alg) => {
  it('is a dc+sd-jwt with the issuer kid, _sd_alg sha-256 and sorted digests, and no disclosable value in clear (RFC 9901, section 4.1; SD-JWT VC, section 3.2)', async () => {
    const { issuer, holder, credential } = await setup(alg);
    const decoded = await decodeSdJwt(credential, { hasher: nodeSdJwtCrypto.hasher });
    expect(decoded.jwt.header).toEqual({ alg, typ: 'dc+sd-jwt', kid: issuer.kid });
    const payload = decoded.jwt.payload;
    expect(payload).toMatchObject({ iss: issuer.did, vct: VCT, iat: IAT, _sd_alg: 'sha-256', cnf: { jwk: holder.publicJwk } });
    expect(payload['status']).toEqual({ status_list: { idx: 12, uri: 'https://issuer.example.nhs.uk/status/1' } });
    const sd = payload['_sd'] as string[];
    expect([...sd].sort()).toEqual(sd);
    // Decoded, not searched as base64url: a random digest may contain the encoding of a short
    // value ('IE' is 'SUU'). No disclosable value may be a string anywhere in the signed payload.
    const signedText = Buffer.from(decoded.jwt.encoded.split('.')[1]!, 'base64url').toString('utf8');
    const secret = ['Ada', 'Lovelace', 'Leeds', 'West Yorkshire', 'IE', 'Nursing'];
    expect(stringsIn(JSON.parse(signedText)).filter((s) => secret.includes(s))).toEqual([]);
    for (const value of secret) expect(signedText).not.toContain(JSON.stringify(value));
    expect(JSON.stringify(payload)).not.toMatch(/Ada|Leeds|Nursing|"GB"/);
    // The disclosable array elements stand as {"...": digest}; the others stay in clear.
    expect((payload['degrees'] as unknown[])[0]).toEqual({ subject: 'Mathematics', level: 'BSc' });
    expect(Object.keys((payload['degrees'] as Record<string, unknown>[])[1]!)).toEqual(['...']);
    expect(decoded.disclosures.map((d) => d.name ?? '(element)').sort()).toEqual(
      ['(element)', '(element)', '(element)', 'address', 'country', 'family_name', 'given_name', 'region', 'subject'].sort(),
    );
  });

  it('verifies as issued, with every claim, through the DID in iss and the header kid (assertionMethod)', async () => {
    const { resolver, credential } = await setup(alg);
    const result = await verifySdJwtVc({ compact: credential, resolver, expectedVct: VCT, now: NOW, ...nodeSdJwtCrypto });
    expect(failedCodes(result)).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.checks.map((c) => c.check)).toEqual([
      'format',
      'vct',
      'signature',
      'disclosures',
      'validity',
      'key-binding',
      'key-binding.sd-hash',
      'key-binding.nonce',
      'key-binding.audience',
      'key-binding.freshness',
    ]);
    expect(result.claims).toMatchObject(CLAIMS);
    expect(result.disclosedPaths.sort()).toEqual(
      ['address', 'address.country', 'address.region', 'degrees.1', 'degrees.1.subject', 'family_name', 'given_name', 'nationalities.0', 'nationalities.1'].sort(),
    );
  });

  it('presents chosen claims with the parents nested ones need, key bound by a WebCrypto (browser) signer, and verifies (RFC 9901, sections 7.2, 7.3)', async () => {
    const { holder, resolver, credential } = await setup(alg);
    const presentation = await presentSdJwt({
      sdJwt: credential,
      disclose: ['given_name', 'address.region', 'degrees.1.subject'],
      kb: { aud: AUD, nonce: NONCE, signer: await webCryptoSigner(holder) },
      now: NOW,
    });
    const result = await verifySdJwtVc({ compact: presentation, resolver, now: NOW, kb: { required: true, aud: AUD, nonce: NONCE, maxAgeSeconds: 60 } });
    expect(failedCodes(result)).toEqual([]);
    expect(result.claims).toMatchObject({
      given_name: 'Ada',
      nationalities: [],
      degrees: [{ subject: 'Mathematics', level: 'BSc' }, { subject: 'Nursing', level: 'MSc' }],
    });
    expect(result.claims).not.toHaveProperty('family_name');
    // address is disclosable as a whole with region and country disclosable within it: reaching
    // region discloses address, whose clear parts come with it, but not country.
    expect(result.claims?.['address']).toEqual({ street_address: '1 Main St', locality: 'Leeds', region: 'West Yorkshire' });
    expect(result.disclosedPaths.sort()).toEqual(['address', 'address.region', 'degrees.1', 'degrees.1.subject', 'given_name']);
    expect(result.kb?.payload).toMatchObject({ aud: AUD, nonce: NONCE, iat: Math.floor(NOW.getTime() / 1000) });
  });

  it('presents by predicate, only what it picks plus the parents', async () => {
    const { resolver, credential } = await setup(alg);
    const seen: string[] = [];
    const pick = (c: DisclosableClaim): boolean => {
      seen.push(c.path);
      return c.path === 'nationalities.1' || c.path === 'address.country';
    };
    const presentation = await presentSdJwt({ sdJwt: credential, disclose: pick, ...nodeSdJwtCrypto });
    expect(seen.sort()).toEqual(
      ['address', 'address.country', 'address.region', 'degrees.1', 'degrees.1.subject', 'family_name', 'given_name', 'nationalities.0', 'nationalities.1'].sort(),
    );
    const result = await verifySdJwtVc({ compact: presentation, resolver, now: NOW, ...nodeSdJwtCrypto });
    expect(failedCodes(result)).toEqual([]);
    expect(result.claims).toMatchObject({ address: { country: 'GB' }, nationalities: ['IE'] });
    expect(result.disclosedPaths.sort()).toEqual(['address', 'address.country', 'nationalities.1']);
  });

  it('presents nothing selectively disclosable when nothing is chosen', async () => {
    const { resolver, credential } = await setup(alg);
    const presentation = await presentSdJwt({ sdJwt: credential, disclose: [], ...nodeSdJwtCrypto });
    expect(presentation).toBe(`${credential.split('~')[0]}~`);
    const result = await verifySdJwtVc({ compact: presentation, resolver, now: NOW });
    expect(result.verified).toBe(true);
    expect(result.claims).toEqual(expect.objectContaining({ nationalities: [], degrees: [{ subject: 'Mathematics', level: 'BSc' }] }));
    expect(result.disclosedPaths).toEqual([]);
  });
});

describe('issuing', () => {
  it('adds decoy digests to each _sd array (RFC 9901, section 4.2.5), which verification ignores', async () => {
    const issuer = await makeParty('EdDSA');
    const credential = await issueSdJwtVc({ claims: CLAIMS, disclosable: ['given_name', 'address.region'], vct: VCT, iss: issuer.did, iat: IAT, signer: issuer.signer, decoys: 3 });
    const payload = decodePart(credential.split('.')[1]!);
    expect((payload['_sd'] as string[]).length).toBe(1 + 3);
    expect(((payload['address'] as Record<string, unknown>)['_sd'] as string[]).length).toBe(1 + 3);
    const result = await verifySdJwtVc({ compact: credential, resolver: resolverFor([issuer]), now: NOW });
    expect(failedCodes(result)).toEqual([]);
    expect(result.claims).toMatchObject({ given_name: 'Ada', address: { region: 'West Yorkshire' } });
  });

  it('makes no _sd and no Disclosures when nothing is disclosable (SD-JWT VC, section 3.2.2.4), and ignores paths to absent claims', async () => {
    const issuer = await makeParty('EdDSA');
    const credential = await issueSdJwtVc({ claims: { name: 'x' }, disclosable: ['optional.claim', 'absent'], vct: VCT, signer: issuer.signer, now: NOW });
    expect(credential.endsWith('~')).toBe(true);
    expect(credential.split('~')).toHaveLength(2);
    expect(decodePart(credential.split('.')[1]!)).toEqual({ name: 'x', vct: VCT, iat: Math.floor(NOW.getTime() / 1000), _sd_alg: 'sha-256' });
  });

  it('issues a plain SD-JWT with the typ asked for', async () => {
    const issuer = await makeParty('ES256');
    const sdJwt = await issueSdJwt({ payload: { a: 1, b: [1, 2] }, disclosable: ['b.1'], signer: issuer.signer, typ: 'example+sd-jwt', ...nodeSdJwtCrypto });
    const decoded = await decodeSdJwt(sdJwt);
    expect(decoded.jwt.header['typ']).toBe('example+sd-jwt');
    expect(decoded.disclosures).toEqual([expect.objectContaining({ value: 2 })]);
    expect(decoded.disclosures[0]).not.toHaveProperty('name');
  });

  it.each([
    ['no vct', { vct: undefined }],
    ['a private key as cnf', { cnf: { jwk: { kty: 'OKP', crv: 'Ed25519', x: 'x', d: 'secret' } } }],
    ['an RSA key as cnf', { cnf: { jwk: { kty: 'RSA', n: 'n', e: 'AQAB' } } }],
    ['iss made disclosable', { disclosable: ['iss'] }],
    ['cnf made disclosable', { disclosable: ['cnf.jwk'] }],
    ['status made disclosable', { disclosable: ['status'] }],
    ['every claim made disclosable', { disclosable: ['*'] }],
    ['an empty path segment', { disclosable: ['address..region'] }],
    ['a vct option that disagrees with the claims', { claims: { ...CLAIMS, vct: 'other' } }],
    ['_sd in the claims', { claims: { ...CLAIMS, nested: { _sd: [] } } }],
    ['... in the claims', { claims: { ...CLAIMS, list: [{ '...': 'x' }] } }],
    ['exp as a date string', { exp: '2027-01-01' }],
    ['a negative number of decoys', { decoys: -1 }],
  ])('refuses %s (ERR_REQUEST_INVALID)', async (_, change) => {
    const issuer = await makeParty('EdDSA');
    const options = { claims: CLAIMS, vct: VCT, iss: issuer.did, signer: issuer.signer, ...change } as Parameters<typeof issueSdJwtVc>[0];
    await expect(issueSdJwtVc(options)).rejects.toMatchObject({ code: 'ERR_REQUEST_INVALID' });
  });
});

describe('did:jwk issuers through createDidResolver (offline)', () => {
  it.each(['EdDSA', 'ES256'] as const)('verify (%s)', async (alg) => {
    const issuer = await makeDidJwkParty(alg);
    const holder = await makeDidJwkParty('ES256');
    const credential = await issueSdJwtVc({ claims: CLAIMS, disclosable: DISCLOSABLE, vct: VCT, iss: issuer.did, iat: IAT, cnf: { jwk: holder.publicJwk }, signer: issuer.signer });
    const presentation = await presentSdJwt({ sdJwt: credential, disclose: ['family_name'], kb: { aud: AUD, nonce: NONCE, signer: holder.signer }, now: NOW });
    const resolver = createDidResolver();
    for (const crypto of [{}, nodeSdJwtCrypto]) {
      const result = await verifySdJwtVc({ compact: presentation, resolver, now: NOW, kb: { required: true, aud: AUD, nonce: NONCE }, ...crypto });
      expect(failedCodes(result)).toEqual([]);
      expect(result.claims).toMatchObject({ family_name: 'Lovelace' });
      expect(result.issuer).toBe(issuer.did);
    }
  });
});

describe('decoding is strict (RFC 9901, section 4)', () => {
  it.each([
    ['no separator', 'a.b.c', 'ERR_SDJWT_MALFORMED'],
    ['no trailing ~ after the Disclosures', 'e30.e30.sig~WyJzIiwiYSIsMV0', 'ERR_SDJWT_MALFORMED'],
    ['an empty Disclosure', 'e30.e30.sig~~', 'ERR_SDJWT_MALFORMED'],
    ['a Disclosure with a character outside base64url', 'e30.e30.sig~WyJ=~', 'ERR_SDJWT_MALFORMED'],
    ['an Issuer-signed JWT of two parts', 'e30.e30~', 'ERR_SDJWT_MALFORMED'],
    ['a header that is not JSON', 'bm90IGpzb24.e30.sig~', 'ERR_SDJWT_MALFORMED'],
    ['a payload that is an array', `e30.${Buffer.from('[1]').toString('base64url')}.sig~`, 'ERR_SDJWT_MALFORMED'],
    ['a tail that is no KB-JWT', 'e30.e30.sig~abc', 'ERR_SDJWT_MALFORMED'],
    ['a Disclosure that is not JSON', `e30.e30.sig~${Buffer.from('[salt').toString('base64url')}~`, 'ERR_SDJWT_DISCLOSURE_INVALID'],
    ['a Disclosure of four elements', `e30.e30.sig~${Buffer.from('["s","a",1,2]').toString('base64url')}~`, 'ERR_SDJWT_DISCLOSURE_INVALID'],
    ['a Disclosure whose salt is a number', `e30.e30.sig~${Buffer.from('[1,"a",1]').toString('base64url')}~`, 'ERR_SDJWT_DISCLOSURE_INVALID'],
    ['a Disclosure named _sd', `e30.e30.sig~${Buffer.from('["s","_sd",1]').toString('base64url')}~`, 'ERR_SDJWT_DISCLOSURE_INVALID'],
    ['an _sd_alg other than sha-256', `e30.${Buffer.from('{"_sd_alg":"sha-512"}').toString('base64url')}.sig~`, 'ERR_VC_ALG_UNSUPPORTED'],
  ])('refuses %s', async (_, compact, code) => {
    await expect(decodeSdJwt(compact)).rejects.toMatchObject({ code });
  });
});

describe('presenting', () => {
  it('refuses what is already a presentation, Key Binding without cnf, and paths that are not paths', async () => {
    const { holder, credential } = await setup('EdDSA');
    const bound = await presentSdJwt({ sdJwt: credential, disclose: [], kb: { aud: AUD, nonce: NONCE, signer: holder.signer } });
    await expect(presentSdJwt({ sdJwt: bound, disclose: [] })).rejects.toMatchObject({ code: 'ERR_SDJWT_MALFORMED' });
    const issuer = await makeParty('EdDSA');
    const unbound = await issueSdJwtVc({ claims: { a: 1 }, vct: VCT, signer: issuer.signer });
    await expect(presentSdJwt({ sdJwt: unbound, disclose: [], kb: { aud: AUD, nonce: NONCE, signer: holder.signer } })).rejects.toMatchObject({ code: 'ERR_REQUEST_INVALID' });
    await expect(presentSdJwt({ sdJwt: credential, disclose: 'given_name' as unknown as string[] })).rejects.toMatchObject({ code: 'ERR_REQUEST_INVALID' });
    await expect(presentSdJwt({ sdJwt: credential, disclose: ['address.'] })).rejects.toMatchObject({ code: 'ERR_REQUEST_INVALID' });
  });
});
