import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { MemoryCredentialStore } from '../../src/memory/memory-credential-store.js';
import { MemoryKeyStore } from '../../src/memory/memory-key-store.js';
import { MemorySharingLog } from '../../src/memory/memory-sharing-log.js';
import { acceptCredentialOffer, readCredentialOffer, rejectCredentialOffer } from '../../src/offers/index.js';
import type { WalletParts } from '../../src/wallet-parts.js';
import { fakeFetch, type FakeRoute } from '../lib/fake-fetch.js';

// OpenID4VCI 1.0 examples (test/vectors/openid4vci, openid/OpenID4VCI @ 2d9fd4a).
const vector = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`../../../../test/vectors/openid4vci/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const ISSUER = 'https://credential-issuer.example.com';

function metadata(): Record<string, unknown> {
  const long = vector('credential_issuer_metadata_sd_jwt_long.json');
  const configurations = {
    ...(long['credential_configurations_supported'] as object),
    ...(vector('credential_metadata_jwt_vc_json.json')['credential_configurations_supported'] as object),
    ...(vector('credential_metadata_ldp_vc.json')['credential_configurations_supported'] as object),
  };
  return { ...long, credential_configurations_supported: configurations };
}

function parts(extra: Record<string, FakeRoute> = {}, findOrganisation?: WalletParts['findOrganisation']) {
  const fake = fakeFetch({
    [`GET ${ISSUER.replace('https://', 'https://')}/.well-known/openid-credential-issuer`]: () => ({ body: metadata() }),
    'GET https://server.example.com/.well-known/oauth-authorization-server': () => ({ body: { issuer: 'https://server.example.com', token_endpoint: 'https://server.example.com/token' } }),
    ...extra,
  });
  const walletParts: WalletParts = {
    keys: new MemoryKeyStore(),
    credentials: new MemoryCredentialStore(),
    log: new MemorySharingLog(),
    fetch: fake.fetch,
    now: () => new Date('2026-03-01T10:00:00Z'),
    ...(findOrganisation ? { findOrganisation } : {}),
  };
  return { parts: walletParts, requests: fake.requests };
}

const byValue = (offer: unknown, scheme = 'openid-credential-offer://'): string => `${scheme}?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`;

describe('readCredentialOffer', () => {
  it('reads the spec offer by value (section 4.1.2) with its tx_code, the metadata and the AS metadata (section 12.2.2, RFC 8414)', async () => {
    const { parts: p, requests } = parts();
    const preview = await readCredentialOffer(p, byValue(vector('credential_offer_pre-authz_code.json')));
    expect(preview).toMatchObject({
      credentialIssuer: ISSUER,
      issuerName: 'Example University',
      preAuthorizedCode: 'adhjhdjajkdkhjhdj',
      txCode: { inputMode: 'numeric', description: 'Please provide the one-time code which was sent to your mobile phone via SMS' },
    });
    expect(preview.organisation).toBeUndefined();
    expect(preview.credentials).toEqual([
      expect.objectContaining({ configurationId: 'UniversityDegreeCredential', format: 'jwt_vc_json', types: ['VerifiableCredential', 'UniversityDegreeCredential'], supported: true }),
    ]);
    expect(requests.map((r) => r.url)).toEqual([`${ISSUER}/.well-known/openid-credential-issuer`, 'https://server.example.com/.well-known/oauth-authorization-server']);
  });

  it('reads an https link and a QR text the same way, and the tx_code length and mode (section 4.1.1)', async () => {
    const offer = vector('credential_offer_multiple_credentials.json');
    offer['credential_configuration_ids'] = ['UniversityDegreeCredential', 'SD_JWT_VC_example_in_OpenID4VCI'];
    const preview = await readCredentialOffer(parts().parts, `  ${byValue(offer, 'https://wallet.example/offer')}\n`);
    expect(preview.txCode).toEqual({ inputMode: 'numeric', length: 4, description: 'Please provide the one-time code that was sent via e-mail' });
    expect(preview.credentials.map((c) => [c.format, c.vct ?? null])).toEqual([
      ['jwt_vc_json', null],
      ['dc+sd-jwt', 'SD_JWT_VC_example_in_OpenID4VCI'],
    ]);
  });

  it('fetches an offer by reference (section 4.1.3), and puts the well-known segment before an issuer path', async () => {
    const issuer = 'https://issuer.example.nhs.uk/orgs/rx1';
    const offer = { ...vector('credential_offer_by_reference.json'), credential_issuer: issuer };
    const { parts: p } = parts({
      'GET https://issuer.example.nhs.uk/orgs/rx1/oid4vci/offers/7': () => ({ body: offer }),
      'GET https://issuer.example.nhs.uk/.well-known/openid-credential-issuer/orgs/rx1': () => ({ body: { ...metadata(), credential_issuer: issuer, authorization_servers: undefined } }),
      'GET https://issuer.example.nhs.uk/.well-known/oauth-authorization-server/orgs/rx1': () => ({ body: { issuer, token_endpoint: `${issuer}/oid4vci/token` } }),
    }, async (id) => (id === 'did:web:issuer.example.nhs.uk:orgs:rx1' ? { name: 'Example NHS Trust', odsCode: 'RX1' } : undefined));
    const link = `openid-credential-offer://?credential_offer_uri=${encodeURIComponent('https://issuer.example.nhs.uk/orgs/rx1/oid4vci/offers/7')}`;
    const preview = await readCredentialOffer(p, link);
    expect(preview.credentials[0]).toMatchObject({ configurationId: 'UniversityDegree_LDP_VC', format: 'ldp_vc' });
    expect(preview.txCode).toEqual({ inputMode: 'numeric' });
    expect(preview.organisation).toEqual({ name: 'Example NHS Trust', odsCode: 'RX1' });
  });

  describe('refuses malformed offers with ERR_WALLET_OFFER_INVALID', () => {
    const good = vector('credential_offer_pre-authz_code.json');
    it.each([
      ['not a link', 'hello'],
      ['no offer', 'openid-credential-offer://?foo=bar'],
      ['both', `${byValue(good)}&credential_offer_uri=https%3A%2F%2Fx.example`],
      ['not JSON', 'openid-credential-offer://?credential_offer=%7Bnope'],
      ['no issuer', byValue({ ...good, credential_issuer: undefined })],
      ['no configurations', byValue({ ...good, credential_configuration_ids: [] })],
      ['no grant this wallet uses', byValue({ ...good, grants: { 'urn:example:other': {} } })],
      ['an unknown configuration', byValue({ ...good, credential_configuration_ids: ['Nope'] })],
      ['an http offer URI', 'openid-credential-offer://?credential_offer_uri=http%3A%2F%2Fissuer.example%2Fo'],
    ])('%s', async (_, link) => {
      await expect(readCredentialOffer(parts().parts, link)).rejects.toMatchObject({ code: 'ERR_WALLET_OFFER_INVALID' });
    });
  });

  it('reads an offer with the authorization code grant and its issuer_state (section 4.1.1): collected by signing in, not accepted', async () => {
    const offer = { ...vector('credential_offer_pre-authz_code.json'), grants: { authorization_code: { issuer_state: 'eyJhbGciOiJSU0Et...FYUaBy' } } };
    const preview = await readCredentialOffer(parts().parts, byValue(offer));
    expect(preview.preAuthorizedCode).toBeUndefined();
    expect(preview.txCode).toBeUndefined();
    expect(preview.authorizationCode).toEqual({ issuerState: 'eyJhbGciOiJSU0Et...FYUaBy' });
    await expect(acceptCredentialOffer(parts().parts, preview)).rejects.toMatchObject({ code: 'ERR_WALLET_OFFER_INVALID', field: 'grants' });
  });

  it('surfaces an issuer error as ERR_WALLET_ISSUER_ERROR with its error', async () => {
    const { parts: p } = parts({ 'GET https://issuer.example/o/1': () => ({ status: 404, body: { error: 'offer_not_found' } }) });
    await expect(readCredentialOffer(p, 'openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.example%2Fo%2F1')).rejects.toMatchObject({ code: 'ERR_WALLET_ISSUER_ERROR', field: 'offer_not_found' });
  });

  it('rejecting stores nothing, fetches nothing more and logs rejected', async () => {
    const { parts: p, requests } = parts();
    const preview = await readCredentialOffer(p, byValue(vector('credential_offer_pre-authz_code.json')));
    const before = requests.length;
    await rejectCredentialOffer(p, preview);
    expect(requests).toHaveLength(before);
    expect(await p.credentials.list()).toEqual([]);
    expect(await p.log.list()).toEqual([expect.objectContaining({ action: 'rejected', counterparty: { id: ISSUER, name: 'Example University' }, credentialIds: [] })]);
  });
});
