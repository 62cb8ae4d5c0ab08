/**
 * What verifySdJwtVc refuses, one case a row: each names the failed checks and codes it must give,
 * and no others (RFC 9901, sections 7.1 and 7.3; SD-JWT VC, sections 3.2 and 3.4). Crafted SD-JWTs
 * are signed with the issuer's real key, so only the flaw under test is wrong. A bad input never
 * throws: a property test mutates a valid presentation at random.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { JwsSigner } from '../../src/jose/jws-signer.js';
import { issueSdJwtVc, nodeSdJwtCrypto, presentSdJwt, verifySdJwtVc, type VerifySdJwtVcOptions } from '../../src/sd-jwt/index.js';
import { encodeDisclosure } from '../../src/sd-jwt/lib/disclosures.js';
import { decodePart, encodePart, failedCodes, makeParty, resolverFor, type TestParty } from './fixtures.js';

const NOW = new Date('2026-10-01T09:00:00Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);
const VCT = 'https://w3id.org/staff-passport/vct/test/1.0.0';
const AUD = 'https://verifier.example.nhs.uk';
const NONCE = 'nonce-1234';
const KB = { required: true, aud: AUD, nonce: NONCE, maxAgeSeconds: 300 };

let issuer: TestParty;
let holder: TestParty;
let other: TestParty;
let credential: string;

beforeAll(async () => {
  issuer = await makeParty('ES256', 'did:example:trust');
  holder = await makeParty('EdDSA', 'did:example:holder');
  other = await makeParty('ES256', 'did:example:other');
  credential = await issueSdJwtVc({
    claims: { given_name: 'Ada', address: { locality: 'Leeds', region: 'West Yorkshire' }, roles: ['nurse', 'mentor'] },
    disclosable: ['given_name', 'address', 'address.region', 'roles.*'],
    vct: VCT,
    iss: issuer.did,
    iat: NOW_S - 86400,
    exp: NOW_S + 86400,
    cnf: { jwk: holder.publicJwk },
    signer: issuer.signer,
    ...nodeSdJwtCrypto,
  });
});

const digest = (text: string): string => createHash('sha256').update(text).digest('base64url');

async function sign(header: Record<string, unknown>, payload: Record<string, unknown>, signer: JwsSigner): Promise<string> {
  const input = `${encodePart(header)}.${encodePart(payload)}`;
  return `${input}.${await signer.sign(input)}`;
}

/** An SD-JWT VC made by hand: `build` places the digests of the Disclosures (by index) in the payload. */
async function craft(
  disclosures: [string, ...unknown[]][],
  build: (d: (i: number) => string) => Record<string, unknown>,
  header: Record<string, unknown> = {},
  signer: JwsSigner = issuer.signer,
): Promise<string> {
  const encoded = disclosures.map(([salt, ...rest]) => (rest.length === 1 ? encodeDisclosure(salt, undefined, rest[0]) : encodeDisclosure(salt, rest[0] as string, rest[1])));
  const base = { iss: issuer.did, vct: VCT, iat: NOW_S - 60, cnf: { jwk: holder.publicJwk }, _sd_alg: 'sha-256' };
  const jwt = await sign({ alg: signer.alg, typ: 'dc+sd-jwt', kid: signer.kid, ...header }, { ...base, ...build((i) => digest(encoded[i]!)) }, signer);
  return `${jwt}~${encoded.map((e) => `${e}~`).join('')}`;
}

/** A KB-JWT over an SD-JWT, by hand. */
async function kbOver(sdJwt: string, payload: Record<string, unknown> = {}, header: Record<string, unknown> = {}, signer: JwsSigner = holder.signer): Promise<string> {
  return `${sdJwt}${await sign({ alg: signer.alg, typ: 'kb+jwt', ...header }, { iat: NOW_S, aud: AUD, nonce: NONCE, sd_hash: digest(sdJwt), ...payload }, signer)}`;
}

const present = (disclose: string[], kb = true): Promise<string> =>
  presentSdJwt({ sdJwt: credential, disclose, ...(kb ? { kb: { aud: AUD, nonce: NONCE, signer: holder.signer } } : {}), now: NOW, ...nodeSdJwtCrypto });

type Case = [name: string, make: () => Promise<string | { compact: string; options: Partial<VerifySdJwtVcOptions> }>, failures: [check: string, code: string][]];

// Key Binding is required in the Key Binding group only: the others show one flaw each, unbound.
const CASES: Record<string, Case[]> = {
  'format (RFC 9901, sections 4 and 7.1 step 2; SD-JWT VC, section 3.2.1)': [
    ['text that is no SD-JWT', async () => 'not-an-sd-jwt', [['format', 'ERR_SDJWT_MALFORMED']]],
    ['a JWT without the ~ of an SD-JWT', async () => credential.split('~')[0]!, [['format', 'ERR_SDJWT_MALFORMED']]],
    [
      'alg none (no signature)',
      async () => {
        const [h, p] = credential.split('.');
        return `${encodePart({ ...decodePart(h!), alg: 'none' })}.${p}.~`;
      },
      [['format', 'ERR_VC_ALG_UNSUPPORTED']],
    ],
    ['alg HS256', async () => craft([], () => ({}), { alg: 'HS256' }), [['format', 'ERR_VC_ALG_UNSUPPORTED']]],
    ['typ JWT', async () => craft([], () => ({}), { typ: 'JWT' }), [['format', 'ERR_SDJWT_MALFORMED']]],
    ['a critical header parameter', async () => craft([], () => ({}), { crit: ['exp'] }), [['format', 'ERR_SDJWT_MALFORMED']]],
    ['_sd_alg sha-512', async () => craft([], () => ({ _sd_alg: 'sha-512' })), [['format', 'ERR_VC_ALG_UNSUPPORTED']]],
    ['no vct', async () => craft([], () => ({ vct: undefined })), [['vct', 'ERR_SDJWT_MALFORMED']]],
    ['another vct than expected', async () => craft([], () => ({ vct: 'https://other.example/vct' })), [['vct', 'ERR_SDJWT_VCT_MISMATCH']]],
    ['typ vc+sd-jwt (accepted for a transition, SD-JWT VC, section 3.2.1)', async () => craft([], () => ({}), { typ: 'vc+sd-jwt' }), []],
  ],
  'issuer signature (RFC 9901, section 7.1 step 2.2 and 2.3)': [
    [
      'a tampered payload',
      async () => {
        const [h, p, s] = credential.split('.');
        return `${h}.${encodePart({ ...decodePart(p!), admin: true })}.${s}`;
      },
      [['signature', 'ERR_VC_SIGNATURE_INVALID']],
    ],
    ['a signature by another key under the issuer kid', async () => craft([], () => ({}), { kid: issuer.kid }, { ...other.signer, kid: issuer.kid }), [['signature', 'ERR_VC_SIGNATURE_INVALID']]],
    [
      'a signature re-encoded with other spare bits',
      async () => {
        const [jwt] = credential.split('~');
        const last = jwt!.at(-1)!;
        const twin = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(last) ^ 1;
        return `${jwt!.slice(0, -1)}${'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[twin]}~`;
      },
      [['signature', 'ERR_VC_SIGNATURE_INVALID']],
    ],
    ['a kid the issuer DID does not list', async () => craft([], () => ({}), { kid: `${issuer.did}#key-9` }), [['signature', 'ERR_VC_KEY_NOT_FOUND']]],
    ['a kid of another DID than iss', async () => craft([], () => ({}), { kid: other.kid }, other.signer), [['signature', 'ERR_VC_KEY_NOT_FOUND']]],
    ['no kid', async () => craft([], () => ({}), { kid: undefined }), [['signature', 'ERR_VC_KEY_NOT_FOUND']]],
    ['an iss that is not a DID', async () => craft([], () => ({ iss: 'https://issuer.example.nhs.uk' })), [['signature', 'ERR_VC_ISSUER_INVALID']]],
    [
      'a key listed for authentication only',
      async () => ({ compact: credential, options: { resolver: resolverFor([issuer], 'authentication') } }),
      [['signature', 'ERR_VC_KEY_NOT_FOUND']],
    ],
    ['an issuer DID that does not resolve', async () => craft([], () => ({ iss: 'did:example:nobody' }), { kid: 'did:example:nobody#key-1' }), [['signature', 'ERR_DID_UNRESOLVABLE']]],
  ],
  'Disclosures (RFC 9901, section 7.1 steps 3 to 5)': [
    [
      'an altered Disclosure (its digest is nowhere)',
      async () => {
        const parts = credential.split('~');
        const i = parts.findIndex((p, n) => n > 0 && Buffer.from(p, 'base64url').toString().includes('"given_name"'));
        parts[i] = Buffer.from(Buffer.from(parts[i]!, 'base64url').toString().replace('Ada', 'Eve')).toString('base64url');
        return parts.join('~');
      },
      [['disclosures', 'ERR_SDJWT_DISCLOSURE_UNREFERENCED']],
    ],
    ['a Disclosure that is not a JSON array', async () => `${credential}${Buffer.from('{"salt":1}').toString('base64url')}~`, [['disclosures', 'ERR_SDJWT_DISCLOSURE_INVALID']]],
    ['a Disclosure of one element', async () => `${credential}${Buffer.from('["salt"]').toString('base64url')}~`, [['disclosures', 'ERR_SDJWT_DISCLOSURE_INVALID']]],
    [
      'a Disclosure given twice',
      async () => {
        const parts = credential.split('~');
        return `${credential}${parts[1]}~`;
      },
      [['disclosures', 'ERR_SDJWT_DISCLOSURE_DUPLICATE']],
    ],
    ['a digest twice in _sd', async () => craft([['s1', 'a', 1]], (d) => ({ _sd: [d(0), d(0)] })), [['disclosures', 'ERR_SDJWT_DISCLOSURE_DUPLICATE']]],
    ['a digest twice in an array', async () => craft([['s1', 'x']], (d) => ({ list: [{ '...': d(0) }, { '...': d(0) }] })), [['disclosures', 'ERR_SDJWT_DISCLOSURE_DUPLICATE']]],
    ['an undisclosed digest twice (a decoy reused)', async () => craft([], () => ({ _sd: [digest('decoy'), digest('decoy')] })), [['disclosures', 'ERR_SDJWT_DISCLOSURE_DUPLICATE']]],
    ['a Disclosure named _sd', async () => craft([['s1', '_sd', ['x']]], (d) => ({ _sd: [d(0)] })), [['disclosures', 'ERR_SDJWT_DISCLOSURE_INVALID']]],
    ['a Disclosure named ...', async () => craft([['s1', '...', 'x']], (d) => ({ _sd: [d(0)] })), [['disclosures', 'ERR_SDJWT_DISCLOSURE_INVALID']]],
    ['a Disclosure of a claim the payload has in clear', async () => craft([['s1', 'given_name', 'Eve']], (d) => ({ given_name: 'Ada', _sd: [d(0)] })), [['disclosures', 'ERR_SDJWT_DISCLOSURE_INVALID']]],
    ['an array element Disclosure referenced from _sd', async () => craft([['s1', 'x']], (d) => ({ _sd: [d(0)] })), [['disclosures', 'ERR_SDJWT_DISCLOSURE_INVALID']]],
    ['a claim Disclosure referenced as an array element', async () => craft([['s1', 'a', 'x']], (d) => ({ list: [{ '...': d(0) }] })), [['disclosures', 'ERR_SDJWT_DISCLOSURE_INVALID']]],
    ['status disclosed (SD-JWT VC, section 3.2.2.2)', async () => craft([['s1', 'status', { status_list: { idx: 1, uri: 'https://x' } }]], (d) => ({ _sd: [d(0)] })), [['disclosures', 'ERR_SDJWT_DISCLOSURE_INVALID']]],
    ['an _sd that is not an array of digests', async () => craft([], () => ({ _sd: 'abc' })), [['disclosures', 'ERR_SDJWT_MALFORMED']]],
    [
      'a nested Disclosure without the one that embeds it',
      async () => {
        const presentation = await present(['address.region'], false);
        const parts = presentation.split('~');
        return parts.filter((p) => !Buffer.from(p, 'base64url').toString().includes('"address"')).join('~');
      },
      [['disclosures', 'ERR_SDJWT_DISCLOSURE_UNREFERENCED']],
    ],
    ['Disclosures left out (the holder chose so): fine', async () => present(['roles.1']), []],
  ],
  'validity (RFC 9901, section 7.1 step 6)': [
    ['exp in the past', async () => craft([], () => ({ exp: NOW_S - 3600 })), [['validity', 'ERR_VC_EXPIRED']]],
    ['nbf in the future', async () => craft([], () => ({ nbf: NOW_S + 3600 })), [['validity', 'ERR_VC_NOT_YET_VALID']]],
    ['iat in the future', async () => craft([], () => ({ iat: NOW_S + 3600 })), [['validity', 'ERR_VC_NOT_YET_VALID']]],
    ['exp a few seconds ago, within the clock skew', async () => craft([], () => ({ exp: NOW_S - 10 })), []],
    ['exp that is not a number', async () => craft([], () => ({ exp: '2027-01-01' })), [['validity', 'ERR_SDJWT_MALFORMED']]],
    ['exp far beyond any date', async () => craft([], () => ({ exp: -1e300 })), [['validity', 'ERR_VC_EXPIRED']]],
  ],
  'Key Binding (RFC 9901, sections 4.3 and 7.3)': [
    ['no KB-JWT when it is required', async () => present(['given_name'], false), [['key-binding', 'ERR_SDJWT_KB_MISSING']]],
    [
      'a KB-JWT signed by another key',
      async () => kbOver((await present(['given_name'], false)), {}, {}, other.signer),
      [['key-binding', 'ERR_SDJWT_KB_INVALID']],
    ],
    ['a KB-JWT of typ JWT', async () => kbOver(await present(['given_name'], false), {}, { typ: 'JWT' }), [['key-binding', 'ERR_SDJWT_KB_INVALID']]],
    ['a KB-JWT with a critical header parameter', async () => kbOver(await present(['given_name'], false), {}, { crit: ['exp'] }), [['key-binding', 'ERR_SDJWT_KB_INVALID']]],
    [
      'a KB-JWT with alg none',
      async () => {
        const sdJwt = await present(['given_name'], false);
        return `${sdJwt}${encodePart({ alg: 'none', typ: 'kb+jwt' })}.${encodePart({ iat: NOW_S, aud: AUD, nonce: NONCE, sd_hash: digest(sdJwt) })}.`;
      },
      [['key-binding', 'ERR_SDJWT_KB_INVALID']],
    ],
    [
      'a Disclosure added after the KB-JWT was made',
      async () => {
        const bound = await present(['given_name']);
        const extra = credential.split('~').find((p) => Buffer.from(p, 'base64url').toString().includes('"address"'))!;
        const cut = bound.lastIndexOf('~');
        return `${bound.slice(0, cut + 1)}${extra}~${bound.slice(cut + 1)}`;
      },
      [['key-binding.sd-hash', 'ERR_SDJWT_KB_SD_HASH_MISMATCH']],
    ],
    ['a KB-JWT over other Disclosures', async () => `${await present(['given_name'], false)}${(await present(['roles.0'])).split('~').at(-1)}`, [['key-binding.sd-hash', 'ERR_SDJWT_KB_SD_HASH_MISMATCH']]],
    ['a KB-JWT for another nonce', async () => kbOver(await present([], false), { nonce: 'old-nonce' }), [['key-binding.nonce', 'ERR_SDJWT_KB_NONCE_MISMATCH']]],
    ['a KB-JWT for another verifier', async () => kbOver(await present([], false), { aud: 'https://evil.example' }), [['key-binding.audience', 'ERR_SDJWT_KB_AUDIENCE_MISMATCH']]],
    ['a KB-JWT for several audiences including this verifier', async () => kbOver(await present([], false), { aud: [AUD, 'https://other.example'] }), []],
    ['a stale KB-JWT replayed an hour later', async () => kbOver(await present([], false), { iat: NOW_S - 3600 }), [['key-binding.freshness', 'ERR_SDJWT_KB_EXPIRED']]],
    ['a KB-JWT past its own exp', async () => kbOver(await present([], false), { exp: NOW_S - 3600 }), [['key-binding.freshness', 'ERR_SDJWT_KB_EXPIRED']]],
    ['a KB-JWT issued in the future', async () => kbOver(await present([], false), { iat: NOW_S + 3600 }), [['key-binding.freshness', 'ERR_SDJWT_KB_INVALID']]],
    ['a KB-JWT with no iat', async () => kbOver(await present([], false), { iat: undefined }), [['key-binding.freshness', 'ERR_SDJWT_KB_INVALID']]],
    ['a KB-JWT for an SD-JWT without cnf', async () => kbOver(await craft([], () => ({ cnf: undefined }))), [['key-binding', 'ERR_SDJWT_KB_INVALID']]],
    ['a KB-JWT that is no JWS', async () => `${await present([], false)}abc.def.ghi`, [['key-binding', 'ERR_SDJWT_KB_INVALID']]],
  ],
  'several flaws at once: every check reported': [
    [
      'expired, an altered Disclosure and another nonce',
      async () => {
        const parts = (await craft([['s1', 'a', 1]], (d) => ({ exp: NOW_S - 3600, _sd: [d(0)] }))).split('~');
        parts[1] = encodeDisclosure('s1', 'a', 2);
        return kbOver(parts.join('~'), { nonce: 'other' });
      },
      [
        ['disclosures', 'ERR_SDJWT_DISCLOSURE_UNREFERENCED'],
        ['validity', 'ERR_VC_EXPIRED'],
        ['key-binding.nonce', 'ERR_SDJWT_KB_NONCE_MISMATCH'],
      ],
    ],
  ],
};

describe.each(Object.entries(CASES))('%s', (group, cases) => {
  const kb = group.startsWith('Key Binding') || group.startsWith('several') ? { kb: KB } : {};
  it.each(cases)('%s', async (_name, make, failures) => {
    const made = await make();
    const { compact, options } = typeof made === 'string' ? { compact: made, options: {} } : made;
    for (const crypto of [{}, nodeSdJwtCrypto]) {
      const result = await verifySdJwtVc({ compact, resolver: resolverFor([issuer, other]), expectedVct: VCT, now: NOW, ...kb, ...crypto, ...options });
      const failed = result.checks.filter((c) => c.outcome === 'failed').map((c) => [c.check, c.code]);
      expect(failed).toEqual(failures);
      expect(result.verified).toBe(failures.length === 0);
      expect(result.checks.map((c) => c.check).sort()).toEqual(
        ['format', 'vct', 'signature', 'disclosures', 'validity', 'key-binding', 'key-binding.sd-hash', 'key-binding.nonce', 'key-binding.audience', 'key-binding.freshness'].sort(),
      );
    }
  });
});

describe('results', () => {
  it('does not let a Disclosure named __proto__ change the prototype of the claims', async () => {
    const compact = await craft([['s1', '__proto__', { admin: true }]], (d) => ({ _sd: [d(0)] }));
    const result = await verifySdJwtVc({ compact, resolver: resolverFor([issuer]), now: NOW, ...nodeSdJwtCrypto });
    expect(Object.getPrototypeOf(result.claims)).toBe(Object.prototype);
    expect((result.claims as { admin?: unknown }).admin).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(result.claims, '__proto__')?.value).toEqual({ admin: true });
  });

  it('reports a deeply nested payload instead of throwing', async () => {
    const deep = `${'['.repeat(200_000)}1${']'.repeat(200_000)}`;
    const compact = `${encodePart({ alg: 'ES256', typ: 'dc+sd-jwt', kid: issuer.kid })}.${Buffer.from(`{"vct":"x","d":${deep}}`).toString('base64url')}.c2ln~`;
    const result = await verifySdJwtVc({ compact, resolver: resolverFor([issuer]), now: NOW, ...nodeSdJwtCrypto });
    expect(result.verified).toBe(false);
  });

  it('throws only for a wrong call: neither or both of resolver and resolveIssuerKey', async () => {
    await expect(verifySdJwtVc({ compact: credential })).rejects.toMatchObject({ code: 'ERR_REQUEST_INVALID' });
    await expect(verifySdJwtVc({ compact: credential, resolver: resolverFor([issuer]), resolveIssuerKey: async () => issuer.publicJwk })).rejects.toMatchObject({
      code: 'ERR_REQUEST_INVALID',
    });
  });

  it('never throws for a mutated presentation, and verifies only the original', async () => {
    const original = await present(['given_name', 'address.region', 'roles.1']);
    const resolver = resolverFor([issuer]);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~';
    await fc.assert(
      fc.asyncProperty(fc.nat(original.length - 1), fc.nat(alphabet.length - 1), fc.constantFrom('replace', 'delete', 'insert'), async (at, c, how) => {
        const ch = alphabet[c]!;
        const mutated =
          how === 'replace' ? original.slice(0, at) + ch + original.slice(at + 1) : how === 'delete' ? original.slice(0, at) + original.slice(at + 1) : original.slice(0, at) + ch + original.slice(at);
        const result = await verifySdJwtVc({ compact: mutated, resolver, kb: KB, now: NOW, ...nodeSdJwtCrypto });
        expect(result.verified).toBe(mutated === original);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a KB-JWT without nonce even when no nonce is expected (RFC 9901, section 4.3)', async () => {
    const compact = await kbOver(await present([], false), { nonce: undefined });
    const result = await verifySdJwtVc({ compact, resolver: resolverFor([issuer]), now: NOW, ...nodeSdJwtCrypto });
    expect(result.checks.filter((c) => c.outcome === 'failed').map((c) => [c.check, c.code])).toEqual([['key-binding', 'ERR_SDJWT_KB_INVALID']]);
  });

  it('verifies a presentation whose KB-JWT is not required, checking all but nonce and audience', async () => {
    const result = await verifySdJwtVc({ compact: await present(['given_name']), resolver: resolverFor([issuer]), now: NOW, ...nodeSdJwtCrypto });
    expect(failedCodes(result)).toEqual([]);
    expect(result.checks.filter((c) => c.check.startsWith('key-binding')).map((c) => [c.check, c.outcome])).toEqual([
      ['key-binding', 'passed'],
      ['key-binding.sd-hash', 'passed'],
      ['key-binding.nonce', 'skipped'],
      ['key-binding.audience', 'skipped'],
      ['key-binding.freshness', 'passed'],
    ]);
  });
});
