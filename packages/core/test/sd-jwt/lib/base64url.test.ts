/**
 * base64url without padding (RFC 7515, section 2), written without Buffer for browsers: the same
 * output as Node's encoder, and strict input (one encoding per value).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decodeBase64url, decodeBase64urlText, encodeBase64url, encodeBase64urlText } from '../../../src/sd-jwt/lib/base64url.js';

describe('base64url', () => {
  it('encodes and decodes as Node does, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const encoded = encodeBase64url(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString('base64url'));
        expect(Buffer.from(decodeBase64url(encoded))).toEqual(Buffer.from(bytes));
      }),
    );
  });

  it('round-trips UTF-8 text', () => {
    for (const text of ['', 'Möbius', '東京都港区', '["salt","given_name","Ada"]', '\u{1F600}']) {
      expect(encodeBase64urlText(text)).toBe(Buffer.from(text).toString('base64url'));
      expect(decodeBase64urlText(encodeBase64urlText(text))).toBe(text);
    }
  });

  it.each([
    ['padding', 'YQ=='],
    ['the standard alphabet', 'a+b/'],
    ['a length no encoding has', 'abcde'],
    ['non-zero spare bits (two characters)', 'YR'],
    ['non-zero spare bits (three characters)', 'YWJ'],
    ['whitespace', 'YW Jj'],
    ['a non-ASCII character', 'YWJé'],
  ])('refuses %s', (_, text) => {
    expect(() => decodeBase64url(text)).toThrow(TypeError);
  });

  it('refuses bytes that are not UTF-8 as text', () => {
    expect(() => decodeBase64urlText(Buffer.from([0xff, 0xfe]).toString('base64url'))).toThrow(/encoded data was not valid|invalid|decode/i);
  });
});
