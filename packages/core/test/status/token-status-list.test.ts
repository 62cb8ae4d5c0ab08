/**
 * IETF Token Status List (draft-ietf-oauth-status-list): the byte array (section 4.1), the JSON
 * Status List (section 4.2), the Status List Token in JWT format (section 5.1), the status claim
 * (section 6.2) and the test vectors of Appendix C.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import {
  decodeStatusListToken,
  decodeTokenStatusList,
  encodeTokenStatusList,
  setStatuses,
  signStatusListToken,
  TOKEN_STATUS,
  tokenStatusClaim,
  TokenStatusList,
  type TokenStatusBits,
} from '../../src/status/index.js';
import { codeOfThrown, makeTestIssuer } from './make-test-issuer.js';

interface Vector {
  bits: TokenStatusBits;
  statuses: Record<string, number>;
  lst: string;
}
const appendixC = JSON.parse(readFileSync(new URL('./fixtures/token-status-list-vectors.json', import.meta.url), 'utf8')) as {
  size: number;
  vectors: Record<string, Vector>;
};

// Section 4.1: status[0..15] for bits 1, and status[0..11] for bits 2.
const ONE_BIT = [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1];
const TWO_BIT = [0b01, 0b10, 0b00, 0b11, 0b00, 0b01, 0b00, 0b01, 0b01, 0b10, 0b11, 0b11];

describe('the byte array and its JSON form (sections 4.1 and 4.2)', () => {
  it('packs 1-bit statuses from the least significant bit: [0xB9, 0xA3]', () => {
    const list = new TokenStatusList({ bits: 1, size: 16 });
    ONE_BIT.forEach((v, i) => list.set(i, v));
    expect([...list.bytes]).toEqual([0xb9, 0xa3]);
  });

  it('packs 2-bit statuses: [0xC9, 0x44, 0xF9]', () => {
    const list = new TokenStatusList({ bits: 2, size: 12 });
    TWO_BIT.forEach((v, i) => list.set(i, v));
    expect([...list.bytes]).toEqual([0xc9, 0x44, 0xf9]);
  });

  it('decodes the compressed array 78dadbb918000217015d (section 4.1)', () => {
    const list = decodeTokenStatusList({ bits: 1, lst: Buffer.from('78dadbb918000217015d', 'hex').toString('base64url') });
    expect(Array.from({ length: 16 }, (_, i) => list.get(i))).toEqual(ONE_BIT);
  });

  it.each([
    [1, 'eNrbuRgAAhcBXQ', ONE_BIT],
    [2, 'eNo76fITAAPfAgc', TWO_BIT],
  ] as const)('bits %i: decodes "%s" and encodes to it again at level 9', (bits, lst, statuses) => {
    const list = decodeTokenStatusList({ bits, lst });
    statuses.forEach((v, i) => expect(list.get(i)).toBe(v));
    expect(encodeTokenStatusList(list, { compressionLevel: 9 })).toEqual({ bits, lst });
  });
});

describe('Appendix C test vectors (2^20 entries)', () => {
  it.each(Object.entries(appendixC.vectors))('%s: every listed status decodes, every other one is VALID', (_name, vector) => {
    const list = decodeTokenStatusList({ bits: vector.bits, lst: vector.lst });
    expect(list.size).toBe(appendixC.size);
    for (const [index, value] of Object.entries(vector.statuses)) expect(list.get(Number(index))).toBe(value);
    let nonZero = 0;
    for (let i = 0; i < list.size; i++) if (list.get(i) !== 0) nonZero++;
    expect(nonZero).toBe(Object.values(vector.statuses).filter((v) => v !== 0).length);
  });

  it.each(Object.entries(appendixC.vectors))('%s: building the list from its statuses gives the same bytes', (_name, vector) => {
    const built = new TokenStatusList({ bits: vector.bits, size: appendixC.size });
    for (const [index, value] of Object.entries(vector.statuses)) built.set(Number(index), value);
    const encoded = encodeTokenStatusList(built);
    // zlib implementations differ in the bytes they emit, so compare what the data expands to.
    expect(inflateSync(Buffer.from(encoded.lst, 'base64url')).equals(inflateSync(Buffer.from(vector.lst, 'base64url')))).toBe(true);
  });

  it('setStatuses works on token lists too, without touching the original', () => {
    const list = new TokenStatusList({ bits: 2, size: 1_000_000 });
    const next = setStatuses(list, [0, 999_999], TOKEN_STATUS.SUSPENDED);
    expect([next.get(0), next.get(999_999), list.get(0)]).toEqual([2, 2, 0]);
  });
});

describe('refused input', () => {
  it.each([
    ['bits 3', { bits: 3, lst: 'eNrbuRgAAhcBXQ' }],
    ['no lst', { bits: 1 }],
    ['lst not base64url', { bits: 1, lst: 'eNrbuRgA+hcBXQ' }],
    ['lst not ZLIB', { bits: 1, lst: Buffer.from('plain').toString('base64url') }],
    ['not an object', 'eNrbuRgAAhcBXQ'],
  ])('%s: ERR_STATUS_LIST_INVALID', (_name, value) => {
    expect(codeOfThrown(() => decodeTokenStatusList(value))).toBe('ERR_STATUS_LIST_INVALID');
  });

  it('a ZLIB bomb stops at the size limit with ERR_STATUS_LIST_TOO_LARGE', () => {
    const lst = deflateSync(Buffer.alloc(16 * 1024 * 1024)).toString('base64url');
    expect(codeOfThrown(() => decodeTokenStatusList({ bits: 1, lst }))).toBe('ERR_STATUS_LIST_TOO_LARGE');
    expect(codeOfThrown(() => decodeTokenStatusList({ bits: 1, lst: 'eNrbuRgAAhcBXQ' }, { maxBytes: 1 }))).toBe('ERR_STATUS_LIST_TOO_LARGE');
  });

  it('refuses values that do not fit and indices outside the list', () => {
    expect(codeOfThrown(() => new TokenStatusList({ bits: 2, size: 8 }).set(0, 4))).toBe('ERR_STATUS_LIST_INVALID');
    expect(codeOfThrown(() => new TokenStatusList({ bits: 2, size: 8 }).get(8))).toBe('ERR_STATUS_INDEX_OUT_OF_RANGE');
    expect(codeOfThrown(() => new TokenStatusList({ bits: 3 as TokenStatusBits, size: 8 }))).toBe('ERR_STATUS_LIST_INVALID');
  });
});

describe('Status List Token in JWT format (section 5.1) and the status claim (section 6.2)', () => {
  it('signs the claims of the section 5.1 example and decodes them back', async () => {
    const { signer, did } = makeTestIssuer();
    const list = decodeTokenStatusList({ bits: 1, lst: 'eNrbuRgAAhcBXQ' });
    const jwt = await signStatusListToken({
      uri: 'https://example.com/statuslists/1',
      list,
      signer,
      issuedAt: new Date(1686920170 * 1000),
      expiresAt: new Date(2291720170 * 1000),
      ttlSeconds: 43200,
      issuer: did,
      compressionLevel: 9,
    });
    const header = JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;
    expect(header).toEqual({ typ: 'statuslist+jwt', alg: 'EdDSA', kid: `${did}#0` });
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(payload).toEqual({
      sub: 'https://example.com/statuslists/1',
      iat: 1686920170,
      exp: 2291720170,
      ttl: 43200,
      iss: did,
      status_list: { bits: 1, lst: 'eNrbuRgAAhcBXQ' },
    });
    const decoded = decodeStatusListToken(jwt);
    expect(decoded.claims).toEqual({ sub: 'https://example.com/statuslists/1', iat: 1686920170, exp: 2291720170, ttl: 43200, iss: did });
    expect(decoded.list.get(0)).toBe(TOKEN_STATUS.INVALID);
  });

  it('decodeStatusListToken refuses other JWT types and missing claims (ERR_STATUS_LIST_INVALID)', async () => {
    const { signer } = makeTestIssuer();
    const jwt = await signStatusListToken({ uri: 'https://x.example/1', list: new TokenStatusList({ bits: 1, size: 8 }), signer });
    const [, payload, sig] = jwt.split('.');
    const otherTyp = `${Buffer.from(JSON.stringify({ alg: 'EdDSA', typ: 'JWT' })).toString('base64url')}.${payload}.${sig}`;
    expect(codeOfThrown(() => decodeStatusListToken(otherTyp))).toBe('ERR_STATUS_LIST_INVALID');
    const noSub = `${jwt.split('.')[0]}.${Buffer.from(JSON.stringify({ iat: 1, status_list: { bits: 1, lst: 'eNrbuRgAAhcBXQ' } })).toString('base64url')}.${sig}`;
    expect(codeOfThrown(() => decodeStatusListToken(noSub))).toBe('ERR_STATUS_LIST_INVALID');
    expect(codeOfThrown(() => decodeStatusListToken('not a jwt'))).toBe('ERR_STATUS_LIST_INVALID');
  });

  it('tokenStatusClaim is the section 6.2 example', () => {
    expect(tokenStatusClaim({ idx: 0, uri: 'https://example.com/statuslists/1' })).toEqual({
      status_list: { idx: 0, uri: 'https://example.com/statuslists/1' },
    });
    expect(codeOfThrown(() => tokenStatusClaim({ idx: -1, uri: 'https://x.example' }))).toBe('ERR_STATUS_INDEX_OUT_OF_RANGE');
  });
});
