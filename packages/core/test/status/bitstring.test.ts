/**
 * W3C Bitstring Status List v1.0: the bitstring (sections 2.2 and 7.1), the Bitstring Generation
 * and Expansion Algorithms (sections 3.3 and 3.4), the data model (sections 2.1 and 2.2).
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import {
  Bitstring,
  buildStatusListCredential,
  credentialStatusEntry,
  decodeBitstringList,
  DEFAULT_MAX_STATUS_LIST_BYTES,
  encodeBitstringList,
  MIN_BITSTRING_ENTRIES,
  setStatuses,
} from '../../src/status/index.js';
import { codeOfThrown } from './make-test-issuer.js';

const SPEC_ENCODED_LIST = readFileSync(new URL('../../../../test/vectors/bitstring-status-list/example-encoded-list.txt', import.meta.url), 'utf8').trim();

describe('the spec example encodedList (section 2.2, Example 3)', () => {
  it('decodes to 131,072 entries, all 0', () => {
    const list = decodeBitstringList(SPEC_ENCODED_LIST);
    expect(list.size).toBe(MIN_BITSTRING_ENTRIES);
    expect(list.bytes.length).toBe(16 * 1024);
    expect(list.bytes.every((b) => b === 0)).toBe(true);
  });

  it('re-encodes to a list that decodes to the same bytes', () => {
    const again = encodeBitstringList(decodeBitstringList(SPEC_ENCODED_LIST));
    expect(again.startsWith('uH4sI')).toBe(true); // multibase base64url of a GZIP member
    expect(decodeBitstringList(again).bytes).toEqual(decodeBitstringList(SPEC_ENCODED_LIST).bytes);
  });
});

describe('bit order (section 2.2 encodedList, section 7.1 figure 2)', () => {
  it('puts index 0 at the left-most bit of the first byte and the last index at the right-most bit of the last byte', () => {
    const list = new Bitstring();
    list.set(0, 1);
    list.set(MIN_BITSTRING_ENTRIES - 1, 1);
    expect(list.bytes[0]).toBe(0x80);
    expect(list.bytes[list.bytes.length - 1]).toBe(0x01);
    list.set(9, 1);
    expect(list.bytes[1]).toBe(0x40);
    const raw = gunzipSync(Buffer.from(encodeBitstringList(list).slice(1), 'base64url'));
    expect([raw[0], raw[1], raw[raw.length - 1]]).toEqual([0x80, 0x40, 0x01]);
  });

  it('reads multi-bit entries most significant bit first (statusSize 2 and 3)', () => {
    const two = new Bitstring({ statusSize: 2 });
    two.set(0, 0b10);
    two.set(1, 0b11);
    expect(two.bytes[0]).toBe(0b10_11_0000);
    expect([two.get(0), two.get(1), two.get(2)]).toEqual([2, 3, 0]);
    const three = new Bitstring({ statusSize: 3 });
    three.set(2, 0b101); // bits 6, 7 and 8: spans the first two bytes
    expect([three.bytes[0], three.bytes[1]]).toEqual([0b0000_0010, 0b1000_0000]);
    expect(three.get(2)).toBe(5);
  });

  it('clears a bit it set', () => {
    const list = new Bitstring();
    list.set(77, 1);
    list.set(77, 0);
    expect(list.bytes.every((b) => b === 0)).toBe(true);
  });
});

describe('round trips', () => {
  it('encode then decode keeps every entry (1-bit and 2-bit, random indices)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: MIN_BITSTRING_ENTRIES - 1 }), { maxLength: 200 }), fc.constantFrom(1, 2, 4), (indices, statusSize) => {
        const list = new Bitstring({ statusSize });
        const max = 2 ** statusSize - 1;
        indices.forEach((index, i) => list.set(index, (i % max) + 1));
        const back = decodeBitstringList(encodeBitstringList(list), { statusSize });
        expect(back.size).toBe(list.size);
        expect(Buffer.from(back.bytes).equals(Buffer.from(list.bytes))).toBe(true);
        indices.forEach((index, i) => expect(back.get(index)).toBe((i % max) + 1));
      }),
      { numRuns: 25 },
    );
  });

  it('a 1,000,000-entry list round-trips at any compression level', () => {
    const list = new Bitstring({ size: 1_000_000 });
    for (let i = 0; i < 1_000_000; i += 97) list.set(i, 1);
    for (const compressionLevel of [1, 9]) {
      const back = decodeBitstringList(encodeBitstringList(list, { compressionLevel }));
      expect(back.size).toBe(1_000_000);
      expect(Buffer.from(back.bytes).equals(Buffer.from(list.bytes))).toBe(true);
    }
  });
});

describe('setStatuses', () => {
  it('sets 10,000 indices in one call and leaves the original list as it was', () => {
    const list = new Bitstring({ size: 1_000_000 });
    const indices = Array.from({ length: 10_000 }, (_, i) => i * 97 + 3);
    const next = setStatuses(list, indices, 1);
    expect(indices.every((i) => next.get(i) === 1)).toBe(true);
    expect(next.get(4)).toBe(0);
    expect(list.bytes.every((b) => b === 0)).toBe(true);
  });

  it('refuses the whole batch when one index is outside the list (ERR_STATUS_INDEX_OUT_OF_RANGE)', () => {
    const list = new Bitstring();
    expect(codeOfThrown(() => setStatuses(list, [1, 2, MIN_BITSTRING_ENTRIES], 1))).toBe('ERR_STATUS_INDEX_OUT_OF_RANGE');
    expect(list.bytes.every((b) => b === 0)).toBe(true);
  });
});

describe('refused input', () => {
  it.each([
    ['no multibase prefix', SPEC_ENCODED_LIST.slice(1)],
    ['a character outside base64url', `${SPEC_ENCODED_LIST.slice(0, 10)}+${SPEC_ENCODED_LIST.slice(11)}`],
    ['not GZIP', `u${Buffer.from('not gzip at all').toString('base64url')}`],
    ['truncated GZIP', SPEC_ENCODED_LIST.slice(0, 30)],
    ['fewer than 131,072 entries (section 3.2, step 9)', `u${gzipSync(Buffer.alloc(1000)).toString('base64url')}`],
  ])('%s: ERR_STATUS_LIST_INVALID', (_name, encodedList) => {
    expect(codeOfThrown(() => decodeBitstringList(encodedList))).toBe('ERR_STATUS_LIST_INVALID');
  });

  it('a gzip bomb stops at the size limit with ERR_STATUS_LIST_TOO_LARGE', () => {
    // 16 MiB of zeros compress to about 16 KB; the default limit is 2 MiB.
    const bomb = `u${gzipSync(Buffer.alloc(16 * 1024 * 1024)).toString('base64url')}`;
    expect(bomb.length).toBeLessThan(40_000);
    expect(codeOfThrown(() => decodeBitstringList(bomb))).toBe('ERR_STATUS_LIST_TOO_LARGE');
    expect(codeOfThrown(() => decodeBitstringList(SPEC_ENCODED_LIST, { maxBytes: 16 * 1024 - 1 }))).toBe('ERR_STATUS_LIST_TOO_LARGE');
    expect(decodeBitstringList(SPEC_ENCODED_LIST, { maxBytes: 16 * 1024 }).size).toBe(MIN_BITSTRING_ENTRIES);
    expect(DEFAULT_MAX_STATUS_LIST_BYTES).toBeLessThan(16 * 1024 * 1024);
  });

  it('refuses lists under 131,072 entries, bad status sizes and values that do not fit', () => {
    expect(codeOfThrown(() => new Bitstring({ size: 1000 }))).toBe('ERR_STATUS_LIST_INVALID');
    expect(codeOfThrown(() => new Bitstring({ statusSize: 0 }))).toBe('ERR_STATUS_LIST_INVALID');
    expect(codeOfThrown(() => new Bitstring({ statusSize: 9 }))).toBe('ERR_STATUS_LIST_INVALID');
    expect(codeOfThrown(() => new Bitstring().set(1, 2))).toBe('ERR_STATUS_LIST_INVALID');
    expect(codeOfThrown(() => new Bitstring().get(-1))).toBe('ERR_STATUS_INDEX_OUT_OF_RANGE');
    expect(codeOfThrown(() => new Bitstring().get(1.5))).toBe('ERR_STATUS_INDEX_OUT_OF_RANGE');
  });
});

describe('data model', () => {
  it('credentialStatusEntry matches section 2.1, Example 1', () => {
    expect(credentialStatusEntry({ listUrl: 'https://example.com/credentials/status/3', index: 94567, purpose: 'revocation' })).toEqual({
      id: 'https://example.com/credentials/status/3#94567',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: 'https://example.com/credentials/status/3',
    });
    expect(codeOfThrown(() => credentialStatusEntry({ listUrl: 'https://x.example/s', index: -1, purpose: 'revocation' }))).toBe('ERR_STATUS_INDEX_OUT_OF_RANGE');
  });

  it('buildStatusListCredential matches section 2.2, Example 3, with validUntil and ttl', () => {
    const credential = buildStatusListCredential({
      id: 'https://example.com/credentials/status/3',
      issuer: 'did:example:12345',
      statusPurpose: 'revocation',
      encodedList: SPEC_ENCODED_LIST,
      validFrom: new Date('2021-04-05T14:27:40Z'),
      validUntil: '2021-04-06T14:27:40.500Z',
      ttl: 300_000,
    });
    expect(credential).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'https://example.com/credentials/status/3',
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: 'did:example:12345',
      validFrom: '2021-04-05T14:27:40Z',
      validUntil: '2021-04-06T14:27:40Z',
      credentialSubject: {
        id: 'https://example.com/credentials/status/3#list',
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: SPEC_ENCODED_LIST,
        ttl: 300_000,
      },
    });
  });

  it('buildStatusListCredential refuses a bad purpose, encodedList or ttl (ERR_STATUS_LIST_INVALID)', () => {
    const base = { id: 'https://x.example/s/1', issuer: 'did:example:1', statusPurpose: 'revocation' as const, encodedList: SPEC_ENCODED_LIST, validFrom: new Date() };
    expect(codeOfThrown(() => buildStatusListCredential({ ...base, statusPurpose: 'refresh' as 'revocation' }))).toBe('ERR_STATUS_LIST_INVALID');
    expect(codeOfThrown(() => buildStatusListCredential({ ...base, encodedList: 'H4sI' }))).toBe('ERR_STATUS_LIST_INVALID');
    expect(codeOfThrown(() => buildStatusListCredential({ ...base, ttl: -5 }))).toBe('ERR_STATUS_LIST_INVALID');
    expect(codeOfThrown(() => buildStatusListCredential({ ...base, validFrom: 'yesterday' }))).toBe('ERR_STATUS_LIST_INVALID');
  });
});
