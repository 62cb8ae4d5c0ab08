/**
 * The authorization endpoint of the authorization code flow refuses a wallet's request it cannot
 * answer: before the redirect URI is known it throws (the endpoint answers itself, RFC 6749,
 * 4.1.2.1); afterwards the wallet gets `error` and its `state` back at its redirect URI. No
 * provider is reached: every request here stops before sign-in (the whole flow runs in
 * test/interop/staff-collection.test.ts). Requests as named data.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@staff-passport/core';
import { startStaffAuthorization } from '../../src/collect/start-staff-authorization.js';
import { createIssuerContext } from '../../src/create-issuer-context.js';

const ORG = 'org_0123456789abcdef';
const dataDir = mkdtempSync(join(tmpdir(), 'sp-collect-'));
let ctx: Awaited<ReturnType<typeof createIssuerContext>>;

beforeAll(async () => {
  ctx = await createIssuerContext({
    databaseFile: join(dataDir, 'issuer.sqlite'),
    secretKey: randomBytes(32).toString('hex'),
    publicUrl: 'https://issuer.example',
    logger: createLogger({ level: 'silent' }),
    housekeepingIntervalMs: 0,
    webhookDelivery: { intervalMs: 0 },
    // The wallet of these cases: an organisation that registered none takes the deployment's.
    walletRedirectUris: ['https://wallet.example/callback'],
  });
});
afterAll(async () => {
  await ctx?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const GOOD = {
  response_type: 'code',
  client_id: 'wallet.example',
  redirect_uri: 'https://wallet.example/callback',
  state: 'wallet-state-1',
  code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  code_challenge_method: 'S256',
  scope: 'TrainingRecord_jwt_vc_json',
};
const start = (query: Record<string, unknown>, allowHttpLoopback = false) => startStaffAuthorization(ctx, ORG, query, { allowHttpLoopback });

describe('startStaffAuthorization: refused before the redirect URI is known (thrown)', () => {
  const refusals: [name: string, query: Record<string, unknown>, field: string][] = [
    ['client-id-missing-fail', { ...GOOD, client_id: undefined }, 'client_id'],
    ['client-id-given-twice-fail', { ...GOOD, client_id: ['a', 'b'] }, 'client_id'],
    ['client-id-too-long-fail', { ...GOOD, client_id: 'w'.repeat(256) }, 'client_id'],
    ['redirect-uri-missing-fail', { ...GOOD, redirect_uri: undefined }, 'redirect_uri'],
    ['redirect-uri-relative-fail', { ...GOOD, redirect_uri: '/callback' }, 'redirect_uri'],
    ['redirect-uri-with-fragment-fail', { ...GOOD, redirect_uri: 'https://wallet.example/cb#x' }, 'redirect_uri'],
    ['redirect-uri-plain-http-fail', { ...GOOD, redirect_uri: 'http://wallet.example/cb' }, 'redirect_uri'],
    ['redirect-uri-javascript-fail', { ...GOOD, redirect_uri: 'javascript:alert(1)' }, 'redirect_uri'],
    ['redirect-uri-http-loopback-not-allowed-fail', { ...GOOD, redirect_uri: 'http://127.0.0.1:5173/cb' }, 'redirect_uri'],
  ];
  it.each(refusals)('%s', async (_name, query, field) => {
    await expect(start(query)).rejects.toMatchObject({ code: 'ERR_REQUEST_INVALID', field });
  });
});

describe('startStaffAuthorization: refused at the redirect URI (error and state sent back)', () => {
  const answers: [name: string, query: Record<string, unknown>, error: string][] = [
    ['response-type-token-fail', { ...GOOD, response_type: 'token' }, 'unsupported_response_type'],
    ['no-pkce-fail', { ...GOOD, code_challenge: undefined, code_challenge_method: undefined }, 'invalid_request'],
    ['pkce-plain-fail', { ...GOOD, code_challenge_method: 'plain' }, 'invalid_request'],
    ['pkce-challenge-short-fail', { ...GOOD, code_challenge: 'abc' }, 'invalid_request'],
    ['nothing-asked-for-fail', { ...GOOD, scope: undefined }, 'invalid_request'],
    ['scope-of-no-configuration-fail', { ...GOOD, scope: 'openid profile' }, 'invalid_request'],
    ['authorization-details-not-json-fail', { ...GOOD, authorization_details: '[{' }, 'invalid_request'],
    ['authorization-details-empty-fail', { ...GOOD, authorization_details: '[]' }, 'invalid_request'],
    ['authorization-details-wrong-type-fail', { ...GOOD, authorization_details: JSON.stringify([{ type: 'payment', credential_configuration_id: 'TrainingRecord_jwt_vc_json' }]) }, 'invalid_request'],
    ['authorization-details-unknown-configuration-fail', { ...GOOD, authorization_details: JSON.stringify([{ type: 'openid_credential', credential_configuration_id: 'Passport_jwt_vc_json' }]) }, 'invalid_request'],
    ['issuer-state-not-given-out-fail', { ...GOOD, issuer_state: 'made-up' }, 'invalid_request'],
    ['organisation-without-staff-collection-fail', GOOD, 'access_denied'],
  ];
  it.each(answers)('%s', async (_name, query, error) => {
    const { location } = await start(query);
    const url = new URL(location);
    expect(url.origin + url.pathname).toBe('https://wallet.example/callback');
    expect(url.searchParams.get('error')).toBe(error);
    expect(url.searchParams.get('state')).toBe('wallet-state-1');
    expect(url.searchParams.get('error_description')).toBeTruthy();
  });

  it('sends the error to a loopback http redirect URI where the deployment allows it, with no state when none was sent', async () => {
    const { location } = await start({ ...GOOD, redirect_uri: 'http://127.0.0.1:5173/cb', state: undefined, response_type: 'token' }, true);
    // The issuer is named in every answer at the redirect URI (RFC 9207 section 2).
    expect(location).toBe(`http://127.0.0.1:5173/cb?error=unsupported_response_type&error_description=response_type+must+be+code&iss=${encodeURIComponent(`https://issuer.example/orgs/${ORG}`)}`);
  });
});
