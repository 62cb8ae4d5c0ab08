/**
 * Staff collect their own credentials (issue 19 item 1): OpenID4VCI 1.0's authorization code flow
 * per organisation, played by the OpenWallet Foundation's `@openid4vc/openid4vci` library as the
 * wallet against our issuer, with the member of staff signing in at the organisation's own real
 * OpenID provider (panva's oidc-provider). Spec sections exercised:
 * - 4.1.1: a credential offer carrying the `authorization_code` grant with `issuer_state`;
 * - 5.1: the authorization request, PKCE required (RFC 7636, S256), `authorization_details` of
 *   type `openid_credential` (5.1.1) or `scope` (5.1.2), `issuer_state`;
 * - 5.2 and RFC 9207: the authorization response with `code`, `state` and `iss`, or `access_denied`;
 * - 6.1 and 6.2: the token request with the code verifier, the token response's
 *   `authorization_details` with `credential_identifiers`;
 * - 8.2: credential requests by `credential_identifier` and by `credential_configuration_id`.
 * The person is matched by the configured ID token claim (an employee number), never by name.
 * Our own wallet SDK collects the same way (startCredentialCollection, finishCredentialCollection),
 * with the browser's part (sign-in at the provider) played by following redirects and posting its forms.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, type JsonWebKey } from 'node:crypto';
import type { CredentialOfferObject, IssuerMetadataResult, Openid4vciClient } from '@openid4vc/openid4vci';
import { setGlobalConfig } from '@openid4vc/utils';
import { createDidResolver, verifySdJwtVc } from '@staff-passport/core';
import { MemoryCredentialStore, MemoryKeyStore, MemorySharingLog, Wallet } from '@staff-passport/wallet-sdk';
import { CATALOGUE } from '@staff-passport/schemas';
import { startOidcProvider, type OidcProviderHandle } from '../../packages/issuer/test/auth/helpers/start-oidc-provider.js';
import { signInAtProvider } from '../../examples/staff-journey/src/sign-in-at-provider.js';
import { call, startIssuer, type TestIssuer } from '../../packages/issuer/test/helpers/start-issuer.js';
import { followJob } from '../../packages/issuer/test/jobs/helpers/start-job-issuer.js';
import { startSmtpServer } from '../../packages/issuer/test/mail/helpers/start-smtp-server.js';
import { runMailOutbox } from '../../packages/issuer/src/mail/run-mail-outbox.js';
import { createStaffCollectionStore } from '../../packages/issuer/src/store/staff-collection-store.js';
import { createLibraryWallet, newWalletKey as newKey, type WalletKey } from './helpers/library-wallet.js';

const CLIENT_ID = 'staff-passport-console';
const WALLET_REDIRECT = 'https://wallet.test/callback';
const CONFIG_ID = 'TrainingRecord_dc_sd_jwt';
// Accounts at the provider: the employee number is what matches; names never do.
const ACCOUNTS = {
  amara: { employee_number: '10000001', name: 'Amara Okafor' },
  ben: { employee_number: '10000002', name: 'Ben Nothing-Waiting' },
  // Works for organisation B (same provider, another audience): her number is held at B only.
  chloe: { employee_number: '20000001', name: 'Chloe Elsewhere' },
  // Same name as Amara, another number: gets nothing of hers.
  amara2: { employee_number: '10000009', name: 'Amara Okafor' },
  dev: { employee_number: '30000001', name: 'Dev Bulk' },
  rene: { employee_number: '50000001', name: 'Rene Renewal' },
  // Collect with our wallet SDK.
  sam: { employee_number: '60000001', name: 'Sam Sdk' },
  tess: { employee_number: '60000002', name: 'Tess Scope' },
  uma: { employee_number: '60000003', name: 'Uma Renewed' },
};

let issuer: TestIssuer;
let idp: OidcProviderHandle;
let client: Openid4vciClient;
const keys = new Map<string, WalletKey>();
const resolver = createDidResolver({ web: { allowPrivateNetwork: true, allowHttp: true } });
const training = CATALOGUE.find((d) => d.type === 'TrainingRecord')!;
const { id: _holder, ...claims } = training.example['credentialSubject'] as Record<string, unknown>;
const newWalletKey = (): WalletKey => newKey(keys);

/** The browser's part: from the wallet's authorization URL through our issuer and the provider's login and consent, back to the wallet. */
async function signInThroughBrowser(authorizationUrl: string, login: string): Promise<URL> {
  return new URL(await signInAtProvider(authorizationUrl, login, WALLET_REDIRECT));
}

async function holdOffer(org: TestIssuer['a'], personNumber: string, email?: string): Promise<{ offerId: string; link: string; collectUrl: string }> {
  const deliverTo = { personNumber, ...(email ? { email } : {}) };
  const res = await call(`${issuer.url}/orgs/${org.org.id}/held-offers`, { key: org.keys.issuer, body: { credentials: [{ type: 'TrainingRecord', credentialSubject: claims }], formats: ['dc+sd-jwt'], deliverTo } });
  expect([res.status, res.body['code']]).toEqual([201, undefined]);
  return res.body as { offerId: string; link: string; collectUrl: string };
}

/** A wallet-initiated offer: no issuer_state, just the authorization code grant (the wallet starts from the metadata). */
function walletInitiatedOffer(orgId: string): CredentialOfferObject {
  return { credential_issuer: `${issuer.url}/orgs/${orgId}`, credential_configuration_ids: [CONFIG_ID], grants: { authorization_code: {} } } as CredentialOfferObject;
}

interface Authorized {
  redirect: URL;
  issuerMetadata: IssuerMetadataResult;
  credentialOffer: CredentialOfferObject;
  codeVerifier: string;
}

async function authorize(credentialOffer: CredentialOfferObject, login: string, mode: 'details' | 'scope' = 'details'): Promise<Authorized> {
  const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
  const { authorizationRequestUrl, pkce } = await client.createAuthorizationRequestUrlFromOffer({
    clientId: 'test-wallet',
    redirectUri: WALLET_REDIRECT,
    credentialOffer,
    issuerMetadata,
    ...(mode === 'scope' ? { scope: CONFIG_ID } : { additionalRequestPayload: { authorization_details: JSON.stringify([{ type: 'openid_credential', credential_configuration_id: CONFIG_ID }]) } }),
  });
  expect(pkce?.codeChallengeMethod).toBe('S256');
  const redirect = await signInThroughBrowser(authorizationRequestUrl, login);
  return { redirect, issuerMetadata, credentialOffer, codeVerifier: pkce!.codeVerifier };
}

async function proofFor(issuerMetadata: IssuerMetadataResult, key: WalletKey): Promise<string> {
  const { c_nonce } = await client.requestNonce({ issuerMetadata });
  return (await client.createCredentialRequestJwtProof({ issuerMetadata, credentialConfigurationId: CONFIG_ID, nonce: c_nonce, signer: { method: 'did', didUrl: key.kid, alg: 'EdDSA' } })).jwt;
}

beforeAll(async () => {
  setGlobalConfig({ allowInsecureUrls: true });
  issuer = await startIssuer({ app: () => ({ allowHttpLoopback: true }) });
  const callback = (orgId: string): string => `${issuer.url}/orgs/${orgId}/oid4vci/authorize/callback`;
  idp = await startOidcProvider({
    consoleClient: { clientId: CLIENT_ID, redirectUri: `${issuer.url}/console/sign-in/callback`, moreRedirectUris: [callback(issuer.a.org.id), callback(issuer.b.org.id)] },
    accountClaims: ACCOUNTS,
  });
  for (const org of [issuer.a, issuer.b]) {
    const oidc = await call(`${issuer.url}/orgs/${org.org.id}/oidc`, { method: 'PUT', key: org.keys['org-admin'], body: { issuer: idp.issuer, audience: `https://passport.test/orgs/${org.org.id}`, roleMapping: { 'passport-hr': 'issuer' }, clientId: CLIENT_ID } });
    expect(oidc.status).toBe(200);
    const setting = await call(`${issuer.url}/orgs/${org.org.id}/staff-collection`, { method: 'PUT', key: org.keys['org-admin'], body: { personClaim: 'employee_number' } });
    expect([setting.status, setting.body]).toEqual([200, { personClaim: 'employee_number' }]);
  }
  client = createLibraryWallet(keys);
});

afterAll(async () => {
  setGlobalConfig({ allowInsecureUrls: false });
  await idp.close();
  await issuer.close();
});

describe('the organisation as an authorization server for its staff (RFC 8414, OpenID4VCI 1.0 section 12.3)', () => {
  it('advertises the authorization endpoint, the code grant and PKCE S256 once staff collection is set', async () => {
    const res = await fetch(`${issuer.url}/.well-known/oauth-authorization-server/orgs/${issuer.a.org.id}`);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      authorization_endpoint: `${issuer.url}/orgs/${issuer.a.org.id}/oid4vci/authorize`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      authorization_details_types_supported: ['openid_credential'],
    });
    expect(body['grant_types_supported']).toContain('authorization_code');
  });

  it('refuses a setting that names a person by name', async () => {
    const res = await call(`${issuer.url}/orgs/${issuer.a.org.id}/staff-collection`, { method: 'PUT', key: issuer.a.keys['org-admin'], body: { personClaim: 'name' } });
    expect([res.status, res.body['field']]).toEqual([400, 'personClaim']);
  });
});

describe('a member of staff collects what waits for them (sections 4.1.1, 5, 6, 8)', () => {
  it('from an offer with issuer_state: signs in, gets a code, a token with credential identifiers, and the SD-JWT VC bound to their key', async () => {
    const held = await holdOffer(issuer.a, '10000001');
    // The link carries the authorization code grant with issuer_state: no PIN, no claims.
    expect(held.link).not.toContain('pre-authorized_code');
    expect(decodeURIComponent(held.link)).not.toContain(String(Object.values(claims)[0]));
    const credentialOffer = await client.resolveCredentialOffer(held.link);
    expect(credentialOffer.grants?.authorization_code?.issuer_state).toEqual(expect.any(String));

    const { redirect, issuerMetadata, codeVerifier } = await authorize(credentialOffer, 'amara');
    expect(redirect.searchParams.get('error')).toBeNull();
    expect(redirect.searchParams.get('iss')).toBe(`${issuer.url}/orgs/${issuer.a.org.id}`);
    const code = redirect.searchParams.get('code')!;

    // A wrong PKCE verifier is refused, and does not use the code up.
    const wrong = await fetch(`${issuer.url}/orgs/${issuer.a.org.id}/oid4vci/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: randomBytes(32).toString('base64url'), redirect_uri: WALLET_REDIRECT }),
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant', code: 'ERR_GRANT_INVALID' });

    const { accessTokenResponse } = await client.retrieveAuthorizationCodeAccessTokenFromOffer({ credentialOffer, issuerMetadata, authorizationCode: code, pkceCodeVerifier: codeVerifier, redirectUri: WALLET_REDIRECT });
    const details = accessTokenResponse['authorization_details'] as { type: string; credential_configuration_id: string; credential_identifiers: string[] }[];
    expect(details).toEqual([{ type: 'openid_credential', credential_configuration_id: CONFIG_ID, credential_identifiers: [`${held.offerId}.${CONFIG_ID}`] }]);

    // The code works once (RFC 6749, 4.1.2).
    await expect(client.retrieveAuthorizationCodeAccessTokenFromOffer({ credentialOffer, issuerMetadata, authorizationCode: code, pkceCodeVerifier: codeVerifier, redirectUri: WALLET_REDIRECT })).rejects.toMatchObject({
      errorResponse: { error: 'invalid_grant' },
    });

    // Section 8.2: the credential request names the credential identifier.
    const key = newWalletKey();
    const res = await fetch(`${issuer.url}/orgs/${issuer.a.org.id}/oid4vci/credential`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessTokenResponse.access_token}` },
      body: JSON.stringify({ credential_identifier: details[0]!.credential_identifiers[0], proofs: { jwt: [await proofFor(issuerMetadata, key)] } }),
    });
    const answer = (await res.json()) as { credentials: { credential: string }[] };
    expect(res.status).toBe(200);
    const verified = await verifySdJwtVc({ compact: answer.credentials[0]!.credential, resolver, expectedVct: training.vct });
    expect(verified.verified).toBe(true);
    expect((verified.claims as { cnf?: { jwk?: JsonWebKey } }).cnf?.jwk?.x).toBe(key.publicJwk.x);

    const offer = await call(`${issuer.url}/orgs/${issuer.a.org.id}/offers/${held.offerId}`, { key: issuer.a.keys.auditor });
    expect(offer.body['status']).toBe('issued');
  });

  it('wallet-initiated with scope (5.1.2): the library asks by configuration id and gets the credential', async () => {
    const held = await holdOffer(issuer.a, '10000001');
    const { redirect, issuerMetadata, credentialOffer, codeVerifier } = await authorize(walletInitiatedOffer(issuer.a.org.id), 'amara', 'scope');
    const code = redirect.searchParams.get('code');
    expect(code).toEqual(expect.any(String));
    const { accessTokenResponse } = await client.retrieveAuthorizationCodeAccessTokenFromOffer({ credentialOffer, issuerMetadata, authorizationCode: code!, pkceCodeVerifier: codeVerifier, redirectUri: WALLET_REDIRECT });
    expect(accessTokenResponse['authorization_details']).toBeUndefined();
    const key = newWalletKey();
    const response = await client.retrieveCredentials({ issuerMetadata, accessToken: accessTokenResponse.access_token, credentialConfigurationId: CONFIG_ID, proofs: { jwt: [await proofFor(issuerMetadata, key)] } });
    const credentials = response.credentialResponse.credentials as { credential: string }[];
    expect((await verifySdJwtVc({ compact: credentials[0]!.credential, resolver, expectedVct: training.vct })).verified).toBe(true);
    const offer = await call(`${issuer.url}/orgs/${issuer.a.org.id}/offers/${held.offerId}`, { key: issuer.a.keys.auditor });
    expect(offer.body['status']).toBe('issued');
    // Section 11: the wallet notifies with the same access token; HR sees the offer accepted.
    await client.sendNotification({ issuerMetadata, accessToken: accessTokenResponse.access_token, notification: { notificationId: response.credentialResponse.notification_id!, event: 'credential_accepted' } });
    const accepted = await call(`${issuer.url}/orgs/${issuer.a.org.id}/offers/${held.offerId}`, { key: issuer.a.keys.auditor });
    expect(accepted.body['status']).toBe('accepted');
    // Collected: nothing waits any more, so a second sign-in is denied.
    const again = await authorize(walletInitiatedOffer(issuer.a.org.id), 'amara', 'scope');
    expect(again.redirect.searchParams.get('error')).toBe('access_denied');
  });

  it('a person with nothing waiting is told access_denied, with no code', async () => {
    const { redirect } = await authorize(walletInitiatedOffer(issuer.a.org.id), 'ben');
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('code')).toBeNull();
  });

  it('a person of another organisation gets nothing here, and what waits for them there stays there', async () => {
    await holdOffer(issuer.b, '20000001');
    const here = await authorize(walletInitiatedOffer(issuer.a.org.id), 'chloe');
    expect(here.redirect.searchParams.get('error')).toBe('access_denied');
    // Amara's token at A cannot collect at B.
    await holdOffer(issuer.a, '10000001');
    const { redirect, issuerMetadata, credentialOffer, codeVerifier } = await authorize(walletInitiatedOffer(issuer.a.org.id), 'amara');
    const { accessTokenResponse } = await client.retrieveAuthorizationCodeAccessTokenFromOffer({ credentialOffer, issuerMetadata, authorizationCode: redirect.searchParams.get('code')!, pkceCodeVerifier: codeVerifier, redirectUri: WALLET_REDIRECT });
    const atB = await fetch(`${issuer.url}/orgs/${issuer.b.org.id}/oid4vci/credential`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessTokenResponse.access_token}` },
      body: JSON.stringify({ credential_configuration_id: CONFIG_ID, proofs: { jwt: ['x.y.z'] } }),
    });
    expect(atB.status).toBe(401);
    // And at B, Chloe collects hers.
    const there = await authorize(walletInitiatedOffer(issuer.b.org.id), 'chloe');
    expect(there.redirect.searchParams.get('code')).toEqual(expect.any(String));
  });

  it('matched by the number, never the name: an offer held for Amara is denied to another Amara Okafor', async () => {
    const held = await holdOffer(issuer.a, '10000001');
    const credentialOffer = await client.resolveCredentialOffer(held.link);
    const { redirect } = await authorize(credentialOffer, 'amara2');
    expect(redirect.searchParams.get('error')).toBe('access_denied');
  });

  it('PKCE is required: a request without a code challenge goes back to the wallet as invalid_request', async () => {
    const url = new URL(`${issuer.url}/orgs/${issuer.a.org.id}/oid4vci/authorize`);
    url.search = new URLSearchParams({ response_type: 'code', client_id: 'w', redirect_uri: WALLET_REDIRECT, scope: CONFIG_ID, state: 's' }).toString();
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get('location')!);
    expect([back.origin + back.pathname, back.searchParams.get('error'), back.searchParams.get('state')]).toEqual([WALLET_REDIRECT, 'invalid_request', 's']);
    // RFC 9207, section 2: the error response names the authorization server too.
    expect(back.searchParams.get('iss')).toBe(`${issuer.url}/orgs/${issuer.a.org.id}`);
  });
});

describe('the person is told by email (issue 19 item 2), through a real SMTP server', () => {
  const MAIL_FROM = 'passport@alpha.test';

  it('sends the link, no PIN and no claims; the link opens the sign-in and the wallet collects', async () => {
    const smtp = await startSmtpServer();
    try {
      const held = await holdOffer(issuer.a, '10000001', 'amara@alpha.test');
      const pass = await runMailOutbox(issuer.ctx, { smtpUrl: smtp.url, from: MAIL_FROM });
      expect(pass).toEqual({ sent: 1, retrying: 0, failed: 0 });
      expect(smtp.received).toHaveLength(1);
      const mail = smtp.received[0]!;
      expect([mail.from, mail.to]).toEqual([MAIL_FROM, ['amara@alpha.test']]);
      expect(mail.raw).toContain('Subject: Your credentials from Alpha Valley NHS Trust are ready to collect');
      // Nothing of the credential and no PIN in it: only the link.
      for (const value of Object.values(claims).filter((v) => typeof v === 'string')) expect(mail.raw).not.toContain(value);
      expect(mail.raw).not.toMatch(/\b\d{6}\b/);
      expect(/openid-credential-offer:\/\/\S+/.exec(mail.raw)![0]).toBe(held.link);
      // Sent once: a second pass sends nothing.
      expect(await runMailOutbox(issuer.ctx, { smtpUrl: smtp.url, from: MAIL_FROM })).toEqual({ sent: 0, retrying: 0, failed: 0 });

      // Follow the emailed link: the issuer's page offers the wallet link, its QR code and the sign-in; no claims.
      const pageUrl = /http\S+\/collect\/[A-Za-z0-9_-]{43}/.exec(mail.raw)![0];
      expect(pageUrl).toBe(held.collectUrl);
      const page = await fetch(pageUrl);
      const text = await page.text();
      expect([page.status, page.headers.get('content-type'), page.headers.get('referrer-policy'), page.headers.get('cache-control')]).toEqual([200, 'text/html; charset=utf-8', 'no-referrer', 'no-store']);
      expect(text).toContain('Collect your credentials');
      expect(text).toContain('sign in with your work account');
      expect(text).toMatch(/<img id="collect-qr" src="data:image\/png;base64,[A-Za-z0-9+/=]+" alt="[^"]+">/);
      for (const value of Object.values(claims).filter((v) => typeof v === 'string')) expect(text).not.toContain(value);
      const link = /<a href="(openid-credential-offer:[^"]+)"[^>]*id="open-in-wallet"/.exec(text)![1]!;
      expect(link).toBe(held.link);
      expect(text).not.toContain('id="collect-web-wallet"');
      // Where the deployment serves a web wallet, the page offers it too, with the same offer.
      issuer.ctx.webWalletUrl = 'https://wallet.alpha.test';
      try {
        const withWallet = await (await fetch(pageUrl)).text();
        expect(/<a id="collect-web-wallet" href="([^"]+)"/.exec(withWallet)![1]).toBe(`https://wallet.alpha.test/#/add?offer=${encodeURIComponent(held.link)}`);
      } finally {
        delete issuer.ctx.webWalletUrl;
      }

      // Open in the wallet: it signs the person in and collects.
      const credentialOffer = await client.resolveCredentialOffer(link);
      const { redirect, issuerMetadata, codeVerifier } = await authorize(credentialOffer, 'amara');
      const { accessTokenResponse } = await client.retrieveAuthorizationCodeAccessTokenFromOffer({ credentialOffer, issuerMetadata, authorizationCode: redirect.searchParams.get('code')!, pkceCodeVerifier: codeVerifier, redirectUri: WALLET_REDIRECT });
      const key = newWalletKey();
      const response = await client.retrieveCredentials({ issuerMetadata, accessToken: accessTokenResponse.access_token, credentialConfigurationId: CONFIG_ID, proofs: { jwt: [await proofFor(issuerMetadata, key)] } });
      const credentials = response.credentialResponse.credentials as { credential: string }[];
      expect((await verifySdJwtVc({ compact: credentials[0]!.credential, resolver, expectedVct: training.vct })).verified).toBe(true);
      // Collected: the page no longer offers it; a made-up state finds nothing either.
      const after = await fetch(pageUrl);
      expect([after.status, await after.text()]).toEqual([404, expect.stringContaining('This link no longer works')]);
      expect((await fetch(pageUrl.replace(/[A-Za-z0-9_-]{43}$/, 'A'.repeat(43)))).status).toBe(404);
      const asJson = await fetch(pageUrl, { headers: { accept: 'application/json' } });
      expect([asJson.status, asJson.headers.get('content-type'), ((await asJson.json()) as { code: string }).code]).toEqual([404, 'application/problem+json; charset=utf-8', 'ERR_OFFER_NOT_FOUND']);
    } finally {
      await smtp.close();
    }
  });

  it('retries while the server is down, and reports an address the server refuses as failed', async () => {
    const down = await startSmtpServer();
    const deadUrl = down.url;
    await down.close();
    // Two people (one person's second offer of the same record would renew, and cancel, the first).
    await holdOffer(issuer.a, '10000003', 'amara@alpha.test');
    await holdOffer(issuer.a, '10000004', 'nobody@bounce.test');
    expect(await runMailOutbox(issuer.ctx, { smtpUrl: deadUrl, from: MAIL_FROM })).toEqual({ sent: 0, retrying: 2, failed: 0 });
    const smtp = await startSmtpServer();
    try {
      // Not yet due: the retry waits its delay.
      expect(await runMailOutbox(issuer.ctx, { smtpUrl: smtp.url, from: MAIL_FROM })).toEqual({ sent: 0, retrying: 0, failed: 0 });
      issuer.setNow(new Date(Date.now() + 5 * 60_000));
      expect(await runMailOutbox(issuer.ctx, { smtpUrl: smtp.url, from: MAIL_FROM })).toEqual({ sent: 1, retrying: 0, failed: 1 });
      expect(smtp.received.map((m) => m.to)).toEqual([['amara@alpha.test']]);
    } finally {
      issuer.setNow(new Date());
      await smtp.close();
    }
  });

  it('refuses a held offer whose email is not an address', async () => {
    const res = await call(`${issuer.url}/orgs/${issuer.a.org.id}/held-offers`, {
      key: issuer.a.keys.issuer,
      body: { credentials: [{ type: 'TrainingRecord', credentialSubject: claims }], deliverTo: { personNumber: '10000001', email: 'Amara <amara@alpha.test>' } },
    });
    expect([res.status, res.body['field']]).toEqual([400, 'deliverTo.email']);
  });
});

describe('bulk rows name the person (issue 19 item 2): JSON lines with deliverTo', () => {
  it('holds each named row for its person, emails them, reports a refused address on the job, and the person collects', async () => {
    const line = (deliverTo: Record<string, string>): string => JSON.stringify({ credential: { type: ['VerifiableCredential', 'TrainingRecord'], credentialSubject: claims }, options: { format: 'dc+sd-jwt' }, deliverTo });
    const body = [line({ personNumber: '30000001', email: 'dev@alpha.test' }), line({ personNumber: '30000002', email: 'gone@bounce.test' }), line({ personNumber: '30000003' })].join('\n');
    const res = await fetch(`${issuer.url}/orgs/${issuer.a.org.id}/jobs?kind=jsonl`, { method: 'POST', headers: { authorization: `Bearer ${issuer.a.keys.issuer}`, 'content-type': 'application/x-ndjson' }, body });
    const created = (await res.json()) as { id: string };
    expect(res.status).toBe(202);
    const job = (await followJob(`${issuer.url}/orgs/${issuer.a.org.id}/jobs/${created.id}`, issuer.a.keys.issuer)).at(-1)!;
    // Held for their person, not issued yet (bound to their key when they collect), and not duplicates.
    expect(job).toMatchObject({ state: "completed", done: 3, issued: 0, duplicates: 0, errors: 0, failure: null });

    const smtp = await startSmtpServer();
    try {
      expect(await runMailOutbox(issuer.ctx, { smtpUrl: smtp.url, from: 'passport@alpha.test' })).toEqual({ sent: 1, retrying: 0, failed: 1 });
      const deliveries = await call(`${issuer.url}/orgs/${issuer.a.org.id}/jobs/${created.id}/deliveries`, { key: issuer.a.keys.auditor });
      expect(deliveries.status).toBe(200);
      const rows = deliveries.body['deliveries'] as { row: number; personNumber: string; offerStatus: string; email?: { to: string; status: string; lastError: string | null } }[];
      expect(rows.map((r) => [r.row, r.personNumber, r.offerStatus, r.email?.status ?? null])).toEqual([
        [1, '30000001', 'offered', 'sent'],
        [2, '30000002', 'offered', 'failed'],
        [3, '30000003', 'offered', null],
      ]);
      expect(rows[1]!.email!.lastError).toContain('550');

      // The first person follows the emailed link and collects, bound to their wallet key.
      const link = /openid-credential-offer:\/\/\S+/.exec(smtp.received[0]!.raw)![0];
      const credentialOffer = await client.resolveCredentialOffer(link);
      const { redirect, issuerMetadata, codeVerifier } = await authorize(credentialOffer, 'dev');
      const { accessTokenResponse } = await client.retrieveAuthorizationCodeAccessTokenFromOffer({ credentialOffer, issuerMetadata, authorizationCode: redirect.searchParams.get('code')!, pkceCodeVerifier: codeVerifier, redirectUri: WALLET_REDIRECT });
      const key = newWalletKey();
      const response = await client.retrieveCredentials({ issuerMetadata, accessToken: accessTokenResponse.access_token, credentialConfigurationId: CONFIG_ID, proofs: { jwt: [await proofFor(issuerMetadata, key)] } });
      const verified = await verifySdJwtVc({ compact: (response.credentialResponse.credentials as { credential: string }[])[0]!.credential, resolver, expectedVct: training.vct });
      expect((verified.claims as { cnf?: { jwk?: JsonWebKey } }).cnf?.jwk?.x).toBe(key.publicJwk.x);
      const after = await call(`${issuer.url}/orgs/${issuer.a.org.id}/jobs/${created.id}/deliveries`, { key: issuer.a.keys.auditor });
      expect((after.body['deliveries'] as { offerStatus: string }[])[0]!.offerStatus).toBe('issued');
    } finally {
      await smtp.close();
    }
  });
});

describe('ESR-style CSV rows name the person (issue 19 item 2): Employee Number and Email Address', () => {
  it('a row with a blank Holder DID and an Employee Number is held for that person and they are emailed', async () => {
    const d = new Date(Date.now() - 10 * 86_400_000);
    const esrDate = `${String(d.getUTCDate()).padStart(2, '0')}-${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]}-${d.getUTCFullYear()}`;
    const csv = ['Employee Number,Email Address,Holder DID,Competence Name,Date Last Awarded', `40000001,csv@alpha.test,,NHS|CSTF|Fire Safety - 2 Years|,${esrDate}`, `40000002,not-an-address,,NHS|CSTF|Fire Safety - 2 Years|,${esrDate}`].join('\r\n');
    const bad = await fetch(`${issuer.url}/orgs/${issuer.a.org.id}/jobs?kind=training-compliance&format=dc%2Bsd-jwt`, { method: 'POST', headers: { authorization: `Bearer ${issuer.a.keys.issuer}`, 'content-type': 'text/csv' }, body: csv });
    const refused = (await followJob(`${issuer.url}/orgs/${issuer.a.org.id}/jobs/${((await bad.json()) as { id: string }).id}`, issuer.a.keys.issuer)).at(-1)!;
    expect(refused).toMatchObject({ state: 'failed_validation', errors: 1 });
    const res = await fetch(`${issuer.url}/orgs/${issuer.a.org.id}/jobs?kind=training-compliance&format=dc%2Bsd-jwt`, { method: 'POST', headers: { authorization: `Bearer ${issuer.a.keys.issuer}`, 'content-type': 'text/csv' }, body: csv.split('\r\n').slice(0, 2).join('\r\n') });
    const created = (await res.json()) as { id: string };
    const job = (await followJob(`${issuer.url}/orgs/${issuer.a.org.id}/jobs/${created.id}`, issuer.a.keys.issuer)).at(-1)!;
    expect(job).toMatchObject({ state: 'completed', done: 1, issued: 0, duplicates: 0, errors: 0 });
    const smtp = await startSmtpServer();
    try {
      expect(await runMailOutbox(issuer.ctx, { smtpUrl: smtp.url, from: 'passport@alpha.test' })).toEqual({ sent: 1, retrying: 0, failed: 0 });
      expect(smtp.received[0]!.to).toEqual(['csv@alpha.test']);
      const deliveries = await call(`${issuer.url}/orgs/${issuer.a.org.id}/jobs/${created.id}/deliveries`, { key: issuer.a.keys.auditor });
      expect(deliveries.body['deliveries']).toEqual([expect.objectContaining({ row: 2, personNumber: '40000001', offerStatus: 'offered', email: expect.objectContaining({ status: 'sent' }) })]);
    } finally {
      await smtp.close();
    }
  });
});

describe('renewal (issue 19 item 3): a later offer of the same record for the same person', () => {
  async function collect(login: string): Promise<string> {
    const { redirect, issuerMetadata, credentialOffer, codeVerifier } = await authorize(walletInitiatedOffer(issuer.a.org.id), login, 'scope');
    const { accessTokenResponse } = await client.retrieveAuthorizationCodeAccessTokenFromOffer({ credentialOffer, issuerMetadata, authorizationCode: redirect.searchParams.get('code')!, pkceCodeVerifier: codeVerifier, redirectUri: WALLET_REDIRECT });
    const response = await client.retrieveCredentials({ issuerMetadata, accessToken: accessTokenResponse.access_token, credentialConfigurationId: CONFIG_ID, proofs: { jwt: [await proofFor(issuerMetadata, newWalletKey())] } });
    return (response.credentialResponse.credentials as { credential: string }[])[0]!.credential;
  }

  it('supersedes the collected credential through its status list, withdraws an uncollected offer, and the person collects the newest', async () => {
    const first = await holdOffer(issuer.a, '50000001');
    await collect('rene');
    const issuedFirst = await call(`${issuer.url}/orgs/${issuer.a.org.id}/offers/${first.offerId}`, { key: issuer.a.keys.auditor });
    expect(issuedFirst.body['status']).toBe('issued');

    // The renewal: the collected credential is revoked as superseded.
    const second = await holdOffer(issuer.a, '50000001');
    const [firstId] = await createStaffCollectionStore(issuer.ctx.db).listDeliveredCredentialIds(first.offerId);
    const record = await call(`${issuer.url}/orgs/${issuer.a.org.id}/credentials/${firstId}`, { key: issuer.a.keys.auditor });
    expect(record.body).toMatchObject({ status: 'revoked', statusReason: 'superseded' });

    // Renewed again before collecting: the uncollected second offer is withdrawn; the third is what the person gets.
    const third = await holdOffer(issuer.a, '50000001');
    const secondNow = await call(`${issuer.url}/orgs/${issuer.a.org.id}/offers/${second.offerId}`, { key: issuer.a.keys.auditor });
    // A withdrawn offer is gone, for HR as for the wallet (its claims erased).
    expect(secondNow.status).toBe(404);
    const credential = await collect('rene');
    expect((await verifySdJwtVc({ compact: credential, resolver, expectedVct: training.vct })).verified).toBe(true);
    const thirdNow = await call(`${issuer.url}/orgs/${issuer.a.org.id}/offers/${third.offerId}`, { key: issuer.a.keys.auditor });
    expect(thirdNow.body['status']).toBe('issued');
  });
});

describe('our wallet SDK collects by signing in (OpenID4VCI 1.0, sections 3.4, 5, 6, 8)', () => {
  const newWallet = (): Wallet => new Wallet({ keys: new MemoryKeyStore(), credentials: new MemoryCredentialStore(), log: new MemorySharingLog(), allowHttpLoopback: true });
  const options = { clientId: 'staff-passport-wallet', redirectUri: WALLET_REDIRECT };

  it('from an offer with issuer_state (4.1.1): PKCE S256 and authorization_details (5.1.1), the code exchanged (6.1), the SD-JWT VC bound to a wallet key (8.2)', async () => {
    const wallet = newWallet();
    const held = await holdOffer(issuer.a, '60000001');
    const preview = await wallet.readCredentialOffer(held.link);
    expect(preview.preAuthorizedCode).toBeUndefined();
    expect(preview.authorizationCode?.issuerState).toEqual(expect.any(String));
    // Not a pre-authorised offer: accepting it is refused, with a code (the app offers the sign-in instead).
    await expect(wallet.acceptCredentialOffer(preview)).rejects.toMatchObject({ code: 'ERR_WALLET_OFFER_INVALID', field: 'grants' });

    const request = await wallet.startCredentialCollection(preview, options);
    const asked = new URL(request.authorizationUrl).searchParams;
    expect(request.authorizationUrl.startsWith(`${issuer.url}/orgs/${issuer.a.org.id}/oid4vci/authorize?`)).toBe(true);
    expect([asked.get('response_type'), asked.get('code_challenge_method'), asked.get('issuer_state'), asked.get('state')]).toEqual(['code', 'S256', preview.authorizationCode!.issuerState, request.state]);
    expect(JSON.parse(asked.get('authorization_details')!)).toEqual([{ type: 'openid_credential', credential_configuration_id: CONFIG_ID }]);
    // The verifier stays in the wallet: only its S256 hash travels.
    expect(request.authorizationUrl).not.toContain(request.codeVerifier);

    const back = await signInThroughBrowser(request.authorizationUrl, 'sam');
    const result = await wallet.finishCredentialCollection(request, back.href);
    if (result.outcome !== 'collected') throw new Error(`expected credentials, got ${JSON.stringify(result)}`);
    expect(result.credentials.map((c) => [c.format, c.types, c.issuer])).toEqual([['dc+sd-jwt', ['TrainingRecord'], `did:web:${new URL(issuer.url).host.replace(':', '%3A')}:orgs:${issuer.a.org.id}`]]);
    // Bound to a key of this wallet (cnf), and verifiable by anyone.
    expect(await wallet.listHolders()).toContain(result.credentials[0]!.holder);
    const verified = await verifySdJwtVc({ compact: result.credentials[0]!.raw as string, resolver, expectedVct: training.vct });
    expect(verified.verified).toBe(true);
    expect(await wallet.listCredentials()).toHaveLength(1);
    expect(await wallet.listSharingLog()).toEqual([expect.objectContaining({ action: 'received', counterparty: expect.objectContaining({ id: `${issuer.url}/orgs/${issuer.a.org.id}` }), credentialIds: [result.credentials[0]!.id] })]);
    // Section 11: the wallet said credential_accepted; HR sees it.
    const offer = await call(`${issuer.url}/orgs/${issuer.a.org.id}/offers/${held.offerId}`, { key: issuer.a.keys.auditor });
    expect(offer.body['status']).toBe('accepted');

    // The code was used: the same answer replayed is the issuer's invalid_grant, with a code.
    await expect(wallet.finishCredentialCollection(request, back.href)).rejects.toMatchObject({ code: 'ERR_WALLET_ISSUER_ERROR', field: 'invalid_grant' });
  });

  it('wallet-initiated from the issuer metadata alone, asking by scope (5.1.2)', async () => {
    const wallet = newWallet();
    await holdOffer(issuer.a, '60000002');
    const request = await wallet.startCredentialCollection(`${issuer.url}/orgs/${issuer.a.org.id}`, { ...options, by: 'scope' });
    const asked = new URL(request.authorizationUrl).searchParams;
    expect(asked.get('authorization_details')).toBeNull();
    expect(asked.get('scope')!.split(' ')).toContain(CONFIG_ID);
    expect(asked.get('issuer_state')).toBeNull();
    const result = await wallet.finishCredentialCollection(request, (await signInThroughBrowser(request.authorizationUrl, 'tess')).href);
    expect(result.outcome).toBe('collected');
    expect((await wallet.listCredentials()).map((c) => [c.format, c.types])).toEqual([['dc+sd-jwt', ['TrainingRecord']]]);
  });

  it('nothing waiting, and a person of another organisation, are an outcome, not an error; nothing is stored', async () => {
    const wallet = newWallet();
    await holdOffer(issuer.b, '20000001');
    for (const login of ['ben', 'chloe']) {
      const request = await wallet.startCredentialCollection(`${issuer.url}/orgs/${issuer.a.org.id}`, options);
      const result = await wallet.finishCredentialCollection(request, (await signInThroughBrowser(request.authorizationUrl, login)).href);
      expect(result).toMatchObject({ outcome: 'nothing-waiting', credentialIssuer: `${issuer.url}/orgs/${issuer.a.org.id}`, issuerName: expect.any(String), message: expect.any(String) });
    }
    expect(await wallet.listCredentials()).toEqual([]);
    expect(await wallet.listSharingLog()).toEqual([]);
  });

  it('an answer that is not this request\'s (RFC 6749 10.12 state, RFC 9207 iss) is refused before any code is spent', async () => {
    const wallet = newWallet();
    const request = await wallet.startCredentialCollection(`${issuer.url}/orgs/${issuer.a.org.id}`, options);
    const iss = encodeURIComponent(`${issuer.url}/orgs/${issuer.a.org.id}`);
    await expect(wallet.finishCredentialCollection(request, `${WALLET_REDIRECT}?code=abc&state=forged&iss=${iss}`)).rejects.toMatchObject({ code: 'ERR_WALLET_OFFER_INVALID', field: 'state' });
    await expect(wallet.finishCredentialCollection(request, `${WALLET_REDIRECT}?code=abc&state=${request.state}&iss=https%3A%2F%2Fevil.test`)).rejects.toMatchObject({ code: 'ERR_WALLET_OFFER_INVALID', field: 'iss' });
    // The issuer says it sends iss (authorization_response_iss_parameter_supported): an answer without it is refused.
    await expect(wallet.finishCredentialCollection(request, `${WALLET_REDIRECT}?code=abc&state=${request.state}`)).rejects.toMatchObject({ code: 'ERR_WALLET_OFFER_INVALID', field: 'iss' });
    // An error other than access_denied is the issuer's error, with its code.
    await expect(wallet.finishCredentialCollection(request, `${WALLET_REDIRECT}?error=server_error&state=${request.state}&iss=${iss}`)).rejects.toMatchObject({ code: 'ERR_WALLET_ISSUER_ERROR', field: 'server_error' });
  });

  it('renewal (issue 19 item 3): the renewed credential replaces the one held in the list, the old one kept in the history and revoked as superseded', async () => {
    const wallet = newWallet();
    const collect = async (): Promise<string> => {
      const request = await wallet.startCredentialCollection(`${issuer.url}/orgs/${issuer.a.org.id}`, options);
      const result = await wallet.finishCredentialCollection(request, (await signInThroughBrowser(request.authorizationUrl, 'uma')).href);
      if (result.outcome !== 'collected') throw new Error(`expected credentials, got ${JSON.stringify(result)}`);
      return result.credentials[0]!.id;
    };
    await holdOffer(issuer.a, '60000003');
    const first = await collect();
    // The same record (fire safety, level 1) renewed for the same person: the issuer revokes the first as superseded.
    await holdOffer(issuer.a, '60000003');
    const second = await collect();
    expect((await wallet.listCredentials()).map((c) => c.id)).toEqual([second]);
    const old = await wallet.getCredential(first);
    expect(old?.supersededBy).toEqual({ id: second, at: expect.any(String) });
    expect((await wallet.listCredentials({ superseded: true })).map((c) => c.id)).toEqual([first]);
    expect((await wallet.listSharingLog()).map((e) => [e.action, e.credentialIds, e.replacedBy ?? null])).toEqual([
      ['received', [first], null],
      ['received', [second], null],
      ['replaced', [first], second],
    ]);
    // What links them at the issuer shows at the status list: the old one is revoked, the new one valid.
    expect((await wallet.checkCredentialStatus(first)).status).toBe('revoked');
    expect((await wallet.checkCredentialStatus(second)).status).toBe('valid');
  });
});

describe('wallet redirect URIs registered per organisation (RFC 6749 3.1.2.2, 4.1.2.1; RFC 9700 4.1)', () => {
  function authorizeUrl(orgId: string, redirectUri: string): URL {
    const url = new URL(`${issuer.url}/orgs/${orgId}/oid4vci/authorize`);
    const challenge = randomBytes(32).toString('base64url').slice(0, 43);
    url.search = new URLSearchParams({ response_type: 'code', client_id: 'w', redirect_uri: redirectUri, scope: CONFIG_ID, state: 's', code_challenge: challenge, code_challenge_method: 'S256' }).toString();
    return url;
  }

  async function refused(orgId: string, redirectUri: string): Promise<{ status: number; type: string | null; code: unknown; location: string | null }> {
    const res = await fetch(authorizeUrl(orgId, redirectUri), { redirect: 'manual' });
    const body = (await res.json()) as Record<string, unknown>;
    return { status: res.status, type: res.headers.get('content-type'), code: body['code'], location: res.headers.get('location') };
  }

  it('an unregistered redirect_uri gets an error page, never a redirect', async () => {
    expect(await refused(issuer.a.org.id, 'https://attacker.test/steal')).toEqual({ status: 400, type: expect.stringContaining('application/problem+json'), code: 'ERR_REDIRECT_URI_NOT_REGISTERED', location: null });
    // Close to the registered one is not it: compared exactly.
    expect((await refused(issuer.a.org.id, `${WALLET_REDIRECT}/more`)).code).toBe('ERR_REDIRECT_URI_NOT_REGISTERED');
    expect((await refused(issuer.a.org.id, `${WALLET_REDIRECT}?x=1`)).code).toBe('ERR_REDIRECT_URI_NOT_REGISTERED');
  });

  it("the deployment's own web wallet (an origin among the defaults) is accepted on any of its paths, and nothing else is", async () => {
    const defaults = issuer.ctx.walletRedirectUris;
    issuer.ctx.walletRedirectUris = [...(defaults ?? []), 'https://web-wallet.test/', 'myapp:/'];
    try {
      const own = await fetch(authorizeUrl(issuer.a.org.id, 'https://web-wallet.test/collect/done'), { redirect: 'manual' });
      expect([own.status, own.headers.get('location')?.startsWith(idp.issuer)]).toEqual([303, true]);
      for (const other of ['https://web-wallet.test.evil.test/collect', 'http://web-wallet.test/collect', 'otherapp:/callback']) {
        expect((await refused(issuer.a.org.id, other)).code).toBe(other.startsWith('http:') ? 'ERR_REQUEST_INVALID' : 'ERR_REDIRECT_URI_NOT_REGISTERED');
      }
    } finally {
      issuer.ctx.walletRedirectUris = defaults;
    }
  });

  it("only the organisation's registered URIs once it registers some; back to the defaults when it clears them", async () => {
    const url = `${issuer.url}/orgs/${issuer.b.org.id}/staff-collection`;
    const mine = 'https://wallet.beta.test/collected';
    const bad = await call(url, { method: 'PUT', key: issuer.b.keys['org-admin'], body: { personClaim: 'employee_number', walletRedirectUris: [mine, 'http://wallet.beta.test/cb'] } });
    expect([bad.status, bad.body['code'], bad.body['field']]).toEqual([400, 'ERR_REQUEST_INVALID', 'walletRedirectUris[1]']);
    const put = await call(url, { method: 'PUT', key: issuer.b.keys['org-admin'], body: { personClaim: 'employee_number', walletRedirectUris: [mine, 'uk.nhs.staffpassport:/callback'] } });
    expect([put.status, put.body]).toEqual([200, { personClaim: 'employee_number', walletRedirectUris: [mine, 'uk.nhs.staffpassport:/callback'] }]);
    try {
      expect((await call(url, { key: issuer.b.keys.auditor })).body).toEqual(put.body);
      // The tests' default wallet is no longer B's; A (nothing registered) keeps it.
      expect((await refused(issuer.b.org.id, WALLET_REDIRECT)).code).toBe('ERR_REDIRECT_URI_NOT_REGISTERED');
      for (const registered of [mine, 'uk.nhs.staffpassport:/callback']) {
        const res = await fetch(authorizeUrl(issuer.b.org.id, registered), { redirect: 'manual' });
        expect([res.status, res.headers.get('location')?.startsWith(idp.issuer)]).toEqual([303, true]);
      }
      const atA = await fetch(authorizeUrl(issuer.a.org.id, WALLET_REDIRECT), { redirect: 'manual' });
      expect(atA.status).toBe(303);
    } finally {
      const reset = await call(url, { method: 'PUT', key: issuer.b.keys['org-admin'], body: { personClaim: 'employee_number' } });
      expect(reset.body).toEqual({ personClaim: 'employee_number' });
    }
    const back = await fetch(authorizeUrl(issuer.b.org.id, WALLET_REDIRECT), { redirect: 'manual' });
    expect([back.status, back.headers.get('location')?.startsWith(idp.issuer)]).toEqual([303, true]);
  });
});
