/**
 * The portrait of an IdentityVerification (2.0.0 on): a JPEG data URL of at most 50 KB decoded.
 * The limit is exact to the byte, so the boundary is built here rather than kept as two 68 KB
 * example files; the format cases are data under test/examples/identity-verification/.
 */
import { describe, expect, it } from '@jest/globals';
import { EXAMPLE_PORTRAIT, PORTRAIT, identityVerificationType, validateCredential } from '@staff-passport/schemas';
import { withHolder } from '../helpers/examples.js';

/** The example JPEG padded with a comment segment (FF FE) to exactly `bytes` bytes: still a valid JPEG. */
function jpegOf(bytes: number): string {
  const jpeg = Buffer.from(EXAMPLE_PORTRAIT.slice(PORTRAIT.dataUrlPrefix.length), 'base64');
  const chunks = [jpeg.subarray(0, 2)];
  let missing = bytes - jpeg.length;
  while (missing > 0) {
    const body = Math.min(missing - 4, 65533);
    const segment = Buffer.alloc(4 + Math.max(body, 0), 0x20);
    segment.writeUInt16BE(0xfffe, 0);
    segment.writeUInt16BE(Math.max(body, 0) + 2, 2);
    chunks.push(segment);
    missing -= segment.length;
  }
  chunks.push(jpeg.subarray(2));
  const out = Buffer.concat(chunks);
  expect(out.length).toBe(bytes);
  return `${PORTRAIT.dataUrlPrefix}${out.toString('base64')}`;
}

function withPortrait(portrait: string) {
  const credential = withHolder(identityVerificationType.example);
  (credential['credentialSubject'] as { person: { portrait: string } }).person.portrait = portrait;
  return validateCredential(credential, identityVerificationType);
}

describe('the identity portrait', () => {
  it('is the small real JPEG in the examples', () => {
    const bytes = Buffer.from(EXAMPLE_PORTRAIT.slice(PORTRAIT.dataUrlPrefix.length), 'base64');
    expect([bytes[0], bytes[1], bytes[2]]).toEqual([0xff, 0xd8, 0xff]);
    expect(bytes.length).toBeLessThan(1024);
    expect(withPortrait(EXAMPLE_PORTRAIT).valid).toBe(true);
  });

  it.each([PORTRAIT.maxBytes - 1, PORTRAIT.maxBytes - 2, PORTRAIT.maxBytes])('accepts %i bytes (every padding length)', (bytes) => {
    expect(withPortrait(jpegOf(bytes)).valid).toBe(true);
  });

  it.each([PORTRAIT.maxBytes + 1, PORTRAIT.maxBytes + 2, PORTRAIT.maxBytes + 3, 200 * 1024])('refuses %i bytes as portrait_too_large, naming the field', (bytes) => {
    expect(withPortrait(jpegOf(bytes))).toMatchObject({
      valid: false,
      issues: [{ path: 'credentialSubject.person.portrait', code: 'portrait_too_large', message: expect.stringContaining('50 KB') }],
    });
  });

  it('refuses a data URL that is not whole base64 quartets, with the format message', () => {
    expect(withPortrait(`${EXAMPLE_PORTRAIT}A`)).toMatchObject({ valid: false, issues: [{ path: 'credentialSubject.person.portrait', code: 'pattern', message: PORTRAIT.message }] });
  });
});
