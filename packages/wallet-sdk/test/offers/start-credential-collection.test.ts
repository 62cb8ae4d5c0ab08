/**
 * Starting a collection (OpenID4VCI 1.0, section 5.1; RFC 7636): the authorization request the
 * wallet sends the browser to, from an offer with the authorization code grant (its issuer_state,
 * section 4.1.1) or from the issuer metadata alone; nothing stored and nothing sent but metadata
 * fetches. The flow end to end, against our issuer and a real OpenID provider, is in
 * test/interop/staff-collection.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MemoryCredentialStore } from '../../src/memory/memory-credential-store.js';
import { MemoryKeyStore } from '../../src/memory/memory-key-store.js';
import { MemorySharingLog } from '../../src/memory/memory-sharing-log.js';
import { readCredentialOffer, startCredentialCollection } from '../../src/offers/index.js';
import type { WalletParts } from '../../src/wallet-parts.js';
import { fakeFetch } from '../lib/fake-fetch.js';

// OpenID4VCI 1.0 examples (test/vectors/openid4vci, openid/OpenID4VCI @ 2d9fd4a).
const vector = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`../../../../test/vectors/openid4vci/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const ISSUER = 'https://credential-issuer.example.com';
const AS = 'https://server.example.com';
const OPTIONS = { clientId: 's6BhdRkqt3', redirectUri: 'https://wallet.example.org/cb' };

function parts(asMetadata: Record<string, unknown> = { authorization_endpoint: `${AS}/authorize`, code_challenge_methods_supported: ['S256'] }) {
  const fake = fakeFetch({
    [`GET ${ISSUER}/.well-known/openid-credential-issuer`]: () => ({ body: vector('credential_issuer_metadata_sd_jwt_long.json') }),
    [`GET ${AS}/.well-known/oauth-authorization-server`]: () => ({ body: { issuer: AS, token_endpoint: `${AS}/token`, ...asMetadata } }),
  });
  const walletParts: WalletParts = { keys: new MemoryKeyStore(), credentials: new MemoryCredentialStore(), log: new MemorySharingLog(), fetch: fake.fetch, now: () => new Date('2026-03-01T10:00:00Z') };
  return { parts: walletParts, requests: fake.requests };
}

// The spec's own example offer with the authorization code grant (section 4.1.1), as its link.
const offerText = readFileSync(new URL('../../../../test/vectors/openid4vci/credential_offer_authz_code.txt', import.meta.url), 'utf8');
const authorizationCodeOffer = JSON.parse(offerText.slice(offerText.indexOf('{'))) as Record<string, unknown>;
const link = (offer: unknown): string => `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`;

describe('startCredentialCollection', () => {
  it('from the spec offer: authorization_details (5.1.1), its issuer_state, PKCE S256 of a verifier kept in the wallet, a fresh state', async () => {
    const { parts: p, requests } = parts();
    const configurationId = Object.keys(vector('credential_issuer_metadata_sd_jwt_long.json')['credential_configurations_supported'] as object)[0]!;
    const preview = await readCredentialOffer(p, link({ ...authorizationCodeOffer, credential_configuration_ids: [configurationId] }));
    const request = await startCredentialCollection(p, preview, OPTIONS);
    const url = new URL(request.authorizationUrl);
    expect(url.origin + url.pathname).toBe(`${AS}/authorize`);
    const q = Object.fromEntries(url.searchParams);
    expect(q).toMatchObject({ response_type: 'code', client_id: 's6BhdRkqt3', redirect_uri: OPTIONS.redirectUri, code_challenge_method: 'S256', issuer_state: 'eyJhbGciOiJSU0Et...FYUaBy', state: request.state });
    expect(JSON.parse(q['authorization_details']!)).toEqual([{ type: 'openid_credential', credential_configuration_id: configurationId }]);
    // RFC 7636 4.1 and 4.2: a 43-character verifier, its SHA-256 base64url as the challenge; only the challenge travels.
    expect(request.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q['code_challenge']).toBe(createHash('sha256').update(request.codeVerifier).digest('base64url'));
    expect(request.authorizationUrl).not.toContain(request.codeVerifier);
    expect(request.state).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // Nothing but the metadata was fetched, and nothing stored.
    expect(requests.every((r) => r.method === 'GET' && r.url.includes('/.well-known/'))).toBe(true);
    expect(await p.credentials.list()).toEqual([]);
    // Each start has its own state and verifier.
    const again = await startCredentialCollection(p, preview, OPTIONS);
    expect([again.state === request.state, again.codeVerifier === request.codeVerifier]).toEqual([false, false]);
  });

  it('wallet-initiated from the metadata alone, by scope (5.1.2): each type once, in the preferred format, by its configured scope', async () => {
    const { parts: p } = parts();
    const request = await startCredentialCollection(p, ISSUER, { ...OPTIONS, by: 'scope' });
    const q = new URL(request.authorizationUrl).searchParams;
    expect(q.get('authorization_details')).toBeNull();
    expect(q.get('issuer_state')).toBeNull();
    const configurations = vector('credential_issuer_metadata_sd_jwt_long.json')['credential_configurations_supported'] as Record<string, { scope?: string }>;
    expect(q.get('scope')!.split(' ')).toEqual(request.credentials.map((c) => configurations[c.configurationId]!.scope ?? c.configurationId));
    expect(request.credentials.length).toBeGreaterThan(0);
  });

  it.each([
    ['an issuer without an authorization endpoint', {}, 'authorization_endpoint'],
    ['an issuer without PKCE S256', { authorization_endpoint: `${AS}/authorize`, code_challenge_methods_supported: ['plain'] }, 'code_challenge_methods_supported'],
  ])('refuses %s with ERR_WALLET_OFFER_INVALID', async (_name, asMetadata, field) => {
    await expect(startCredentialCollection(parts(asMetadata).parts, ISSUER, OPTIONS)).rejects.toMatchObject({ code: 'ERR_WALLET_OFFER_INVALID', field });
  });

  it('refuses a pre-authorised offer (accepted with its code instead) and a redirect URI with a fragment', async () => {
    const { parts: p } = parts();
    const preAuthorized = await readCredentialOffer(p, link({ ...vector('credential_offer_pre-authz_code.json'), credential_configuration_ids: Object.keys(vector('credential_issuer_metadata_sd_jwt_long.json')['credential_configurations_supported'] as object).slice(0, 1) }));
    await expect(startCredentialCollection(p, preAuthorized, OPTIONS)).rejects.toMatchObject({ code: 'ERR_WALLET_OFFER_INVALID', field: 'grants' });
    await expect(startCredentialCollection(p, ISSUER, { ...OPTIONS, redirectUri: 'https://wallet.example.org/cb#x' })).rejects.toMatchObject({ code: 'ERR_WALLET_OFFER_INVALID', field: 'redirectUri' });
  });
});
