/**
 * Where a credential stands, in words: expiry and status say their meaning in text (the tag's
 * colour only repeats it), and an issuer off the trust registry is named by its web address,
 * never by its DID. Cases as named data.
 */
import { describe, expect, it } from '@jest/globals';
import type { CredentialDescription, CredentialStatusCheck } from '@staff-passport/wallet-sdk/browser';
import { expiryMarkup, expiryText, issuerText, statusMarkup } from '../../../src/screens/lib/credential-standing.js';

function described(expiry: CredentialDescription['expiry'], issuer: CredentialDescription['issuer'] = { did: 'did:web:trust.example.nhs.uk:orgs:rth' }): CredentialDescription {
  return { id: 'urn:uuid:c1', title: 'Fire safety, level 1', issuer, claims: [], expiry };
}

describe('expiryText', () => {
  const cases: [name: string, expiry: CredentialDescription['expiry'], text: string, tag: string | undefined][] = [
    ['valid-with-end', { state: 'valid', text: '', validUntil: '2027-03-03T00:00:00Z' }, 'Expires 3 March 2027', undefined],
    ['expiring-soon', { state: 'expiring', text: '', validUntil: '2026-06-02T00:00:00Z' }, 'Expires 2 June 2026', 'Expires soon'],
    ['expired-with-end', { state: 'expired', text: '', validUntil: '2026-06-02T00:00:00Z' }, 'Expired 2 June 2026', 'Expired'],
    ['expired-without-end', { state: 'expired', text: '' }, 'Expired', 'Expired'],
    ['not-yet-valid', { state: 'not-yet-valid', text: '', validFrom: '2026-09-01T00:00:00Z' }, 'Valid from 1 September 2026', 'Not valid yet'],
    ['no-end', { state: 'valid', text: '' }, 'Does not expire', undefined],
  ];
  it.each(cases)('%s', (_name, expiry, text, tag) => {
    const standing = expiryText(described(expiry));
    expect(standing.text).toBe(text);
    if (tag === undefined) expect(standing.tag).toBeUndefined();
    else expect(standing.tag?.value).toContain(tag);
    // The markup says the same words, the tag first.
    expect(expiryMarkup(described(expiry)).value).toContain(text);
  });
});

describe('statusMarkup', () => {
  const checks: [name: string, check: CredentialStatusCheck | undefined, words: string][] = [
    ['not-checked', undefined, 'Not checked'],
    ['valid', { status: 'valid', checkedAt: '2026-03-01T09:00:00Z', entries: [] }, 'Valid'],
    ['revoked', { status: 'revoked', checkedAt: '2026-03-01T09:00:00Z', entries: [] }, 'Revoked'],
    ['suspended', { status: 'suspended', checkedAt: '2026-03-01T09:00:00Z', entries: [] }, 'Suspended'],
    ['unknown', { status: 'unknown', checkedAt: '2026-03-01T09:00:00Z', entries: [] }, 'Status unknown'],
  ];
  it.each(checks)('%s', (_name, check, words) => {
    const markup = statusMarkup(check).value;
    expect(markup).toContain(words);
    if (check) expect(markup).toContain('checked ');
  });
});

describe('issuerText', () => {
  const issuers: [name: string, issuer: CredentialDescription['issuer'], text: string][] = [
    ['listed-with-ods-code', { did: 'did:web:trust.example.nhs.uk', name: 'Example NHS Trust', odsCode: 'RTH' }, 'Example NHS Trust (RTH)'],
    ['listed-without-ods-code', { did: 'did:web:trust.example.nhs.uk', name: 'Example NHS Trust' }, 'Example NHS Trust'],
    ['unlisted-did-web-by-host', { did: 'did:web:127.0.0.1%3A4000:orgs:abc' }, '127.0.0.1:4000'],
    ['unlisted-other-did-never-shown', { did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' }, 'an organisation this wallet cannot name'],
  ];
  it.each(issuers)('%s', (_name, issuer, text) => {
    expect(issuerText(described({ state: 'valid', text: '' }, issuer))).toBe(text);
  });
});
