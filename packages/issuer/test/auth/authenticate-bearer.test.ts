/**
 * OIDC sign-in against a real OpenID provider (oidc-provider 9 on loopback): tokens are obtained
 * over HTTP (client credentials, and authorization code with PKCE through the provider's login and
 * consent pages) and checked by `authenticateBearer` against each organisation's configuration.
 * RFC 9068 (JWT access tokens), RFC 8707 (resource indicators), RFC 8725 (JWT best practices).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { PassportError } from '@staff-passport/core';
import { authenticateBearer, type AuthenticateBearerOptions } from '../../src/auth/authenticate-bearer.js';
import { deleteOidcConfig } from '../../src/auth/delete-oidc-config.js';
import { createAuthState } from '../../src/auth/lib/auth-state.js';
import { setOidcConfig } from '../../src/auth/set-oidc-config.js';
import { PLATFORM_CHAIN } from '../../src/audit/append-audit-event.js';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.js';
import { claimsOf, headerOf, signEs256, signHs256, unsecured } from './helpers/forge-jwt.js';
import { startIssuerContext, type TestIssuer } from './helpers/start-issuer-context.js';
import { startOidcProvider, type OidcProviderHandle } from './helpers/start-oidc-provider.js';

const OPTS: AuthenticateBearerOptions = { allowHttpLoopback: true, ip: '192.0.2.7' };
const ROLE_MAPPING = { 'passport-hr': 'issuer', 'passport-admins': 'org-admin', 'passport-audit': 'auditor' } as const;

let idp: OidcProviderHandle;
let issuer: TestIssuer;
let orgA: string;
let orgB: string;
let orgC: string;
let audA: string;
let audB: string;
let tokenA: string;
const issued: string[] = [];

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err: unknown) {
    if (err instanceof PassportError) return err.code;
    throw err;
  }
  return 'OK';
}

const bearer = (token: string): string => `Bearer ${token}`;
let lastIp = 0;

/**
 * Signs in from an address of its own (so the audit throttle never folds two cases together) and
 * returns the error code and the reason the audit log gives, as `code:reason`.
 */
async function refusal(authorization: string | undefined, orgId: string, options: AuthenticateBearerOptions = OPTS): Promise<string> {
  const ip = `192.0.2.${++lastIp}`;
  const code = await codeOf(authenticateBearer(issuer.ctx, authorization, orgId, { ...options, ip }));
  const entries = [...(await issuer.audit(orgId)), ...(await issuer.audit(PLATFORM_CHAIN))].filter((e) => e.detail['ip'] === ip);
  return `${code}:${String(entries.at(-1)?.detail['reason'] ?? 'not audited')}`;
}
const signIn = (token: string, orgId: string, options: AuthenticateBearerOptions = OPTS) => authenticateBearer(issuer.ctx, bearer(token), orgId, options);

async function ccToken(clientId: string, resource: string): Promise<string> {
  const token = await idp.clientCredentialsToken(clientId, resource);
  issued.push(token);
  return token;
}

beforeAll(async () => {
  idp = await startOidcProvider();
  issuer = await startIssuerContext();
  orgA = await issuer.addOrganisation('Alpha NHS Trust');
  orgB = await issuer.addOrganisation('Beta NHS Trust');
  orgC = await issuer.addOrganisation('Gamma NHS Trust');
  audA = `https://passport.test/orgs/${orgA}`;
  audB = `https://passport.test/rs256/orgs/${orgB}`;
  // A: keys found through discovery. B: the same IdP, its own audience, the JWKS URL given.
  await setOidcConfig(issuer.ctx, orgA, { issuer: idp.issuer, audience: audA, roleMapping: { ...ROLE_MAPPING }, allowedAlgs: ['ES256', 'RS256'] }, 'test', OPTS);
  await setOidcConfig(
    issuer.ctx,
    orgB,
    { issuer: idp.issuer, audience: audB, jwksUri: `${idp.issuer}/jwks`, roleMapping: { 'passport-hr': 'issuer' }, allowedAlgs: ['ES256', 'RS256'] },
    'test',
    OPTS,
  );
  tokenA = await ccToken('hr-system', audA);
});

afterAll(async () => {
  await issuer?.close();
  await idp?.close();
});

describe('tokens from the real provider', () => {
  it('are RFC 9068 JWT access tokens for the resource asked for', () => {
    expect(headerOf(tokenA)).toMatchObject({ typ: 'at+jwt', alg: 'ES256' });
    expect(claimsOf(tokenA)).toMatchObject({ iss: idp.issuer, aud: audA, sub: 'hr-system', client_id: 'hr-system', roles: ['passport-hr'] });
  });

  it('client credentials with the issuer role sign in as issuer of that organisation', async () => {
    await expect(signIn(tokenA, orgA)).resolves.toEqual({
      kind: 'oidc',
      keyId: 'oidc:hr-system',
      orgId: orgA,
      role: 'issuer',
      roles: ['issuer'],
      subject: 'hr-system',
      issuer: idp.issuer,
      clientId: 'hr-system',
    });
  });

  it('a user signed in with the authorization code flow and PKCE gets every role their groups map to', async () => {
    const token = await idp.authorizationCodeToken('alice', audA);
    expect(claimsOf(token)).toMatchObject({ sub: 'alice', aud: audA, roles: ['passport-admins', 'passport-hr'] });
    const principal = await signIn(token, orgA);
    expect(principal).toMatchObject({ kind: 'oidc', orgId: orgA, subject: 'alice', role: 'org-admin', roles: ['org-admin', 'issuer'], clientId: 'hr-portal' });
  });

  it('an IdP value that maps to nothing is ignored beside one that maps', async () => {
    const principal = await signIn(await ccToken('audit-system', audA), orgA);
    expect(principal.roles).toEqual(['auditor']);
  });

  it('RS256 tokens and a configured JWKS URL work for the other organisation', async () => {
    const token = await ccToken('hr-system', audB);
    expect(headerOf(token)['alg']).toBe('RS256');
    await expect(signIn(token, orgB)).resolves.toMatchObject({ orgId: orgB, role: 'issuer' });
  });

  it('a token is accepted within the clock skew after exp', async () => {
    const exp = claimsOf(tokenA)['exp'] as number;
    issuer.setClockOffset(exp * 1000 - Date.now() + 10_000);
    try {
      await expect(signIn(tokenA, orgA)).resolves.toMatchObject({ role: 'issuer' });
    } finally {
      issuer.setClockOffset(0);
    }
  });
});

describe('refused tokens, each with its code', () => {
  it('a token for another audience', async () => {
    const token = await ccToken('hr-system', 'https://elsewhere.test/api');
    await expect(refusal(bearer(token), orgA)).resolves.toBe('ERR_OIDC_TOKEN_INVALID:audience');
  });

  it("a token for organisation A used on organisation B's routes, and the other way round", async () => {
    await expect(refusal(bearer(tokenA), orgB)).resolves.toBe('ERR_OIDC_TOKEN_INVALID:audience');
    await expect(refusal(bearer(await ccToken('hr-system', audB)), orgA)).resolves.toBe('ERR_OIDC_TOKEN_INVALID:audience');
  });

  it('an expired token (RFC 7519 section 4.1.4), past the skew', async () => {
    const exp = claimsOf(tokenA)['exp'] as number;
    issuer.setClockOffset(exp * 1000 - Date.now() + 60_000);
    try {
      await expect(refusal(bearer(tokenA), orgA)).resolves.toBe('ERR_OIDC_TOKEN_INVALID:expired');
    } finally {
      issuer.setClockOffset(0);
    }
  });

  it('a token signed by another key under the IdP key id, and under an unknown key id', async () => {
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    await expect(refusal(bearer(signEs256({ typ: 'at+jwt', kid: idp.ecKey.kid }, claimsOf(tokenA), stranger)), orgA)).resolves.toBe('ERR_OIDC_TOKEN_INVALID:signature');
    await expect(refusal(bearer(signEs256({ typ: 'at+jwt', kid: 'not-a-key' }, claimsOf(tokenA), stranger)), orgA)).resolves.toBe('ERR_OIDC_TOKEN_INVALID:key-not-found');
  });

  it('alg none (RFC 8725 section 3.1)', async () => {
    await expect(refusal(bearer(unsecured(claimsOf(tokenA))), orgA)).resolves.toBe('ERR_OIDC_TOKEN_INVALID:alg-not-allowed');
  });

  it("HS256 with the IdP's public key as the HMAC secret (RFC 8725 section 2.1)", async () => {
    const jwks = (await (await fetch(`${idp.issuer}/jwks`)).json()) as { keys: Record<string, unknown>[] };
    const publicJwk = jwks.keys.find((k) => k['kid'] === idp.ecKey.kid);
    const { createPublicKey } = await import('node:crypto');
    const pem = createPublicKey({ key: publicJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    for (const secret of [pem, JSON.stringify(publicJwk)]) {
      const token = signHs256({ typ: 'at+jwt', kid: idp.ecKey.kid }, claimsOf(tokenA), secret);
      await expect(refusal(bearer(token), orgA)).resolves.toBe('ERR_OIDC_TOKEN_INVALID:alg-not-allowed');
    }
  });

  it('an algorithm the organisation does not allow, even from the real IdP', async () => {
    const config = { issuer: idp.issuer, audience: audB, jwksUri: `${idp.issuer}/jwks`, roleMapping: { 'passport-hr': 'issuer' as const }, allowedAlgs: ['ES256' as const] };
    await setOidcConfig(issuer.ctx, orgB, config, 'test', OPTS);
    try {
      await expect(refusal(bearer(await ccToken('hr-system', audB)), orgB)).resolves.toBe('ERR_OIDC_TOKEN_INVALID:alg-not-allowed');
    } finally {
      await setOidcConfig(issuer.ctx, orgB, { ...config, allowedAlgs: ['ES256', 'RS256'] }, 'test', OPTS);
    }
  });

  it('signed by the IdP key but with the wrong issuer, a future nbf, or a type that is not an access token', async () => {
    const claims = claimsOf(tokenA);
    const key = idp.ecKey.privateKey;
    const kid = idp.ecKey.kid;
    await expect(refusal(bearer(signEs256({ typ: 'at+jwt', kid }, { ...claims, iss: 'https://evil.test' }, key)), orgA)).resolves.toBe('ERR_OIDC_TOKEN_INVALID:issuer');
    const nbf = Math.floor(Date.now() / 1000) + 600;
    await expect(refusal(bearer(signEs256({ typ: 'at+jwt', kid }, { ...claims, nbf }, key)), orgA)).resolves.toBe('ERR_OIDC_TOKEN_INVALID:not-yet-valid');
    await expect(refusal(bearer(signEs256({ typ: 'vc+jwt', kid }, claims, key)), orgA)).resolves.toBe('ERR_OIDC_TOKEN_INVALID:typ');
    await expect(refusal(bearer(signEs256({ typ: 7, kid }, claims, key)), orgA)).resolves.toBe('ERR_OIDC_TOKEN_INVALID:typ');
    await expect(refusal(bearer(signEs256({ typ: 'at+jwt', kid }, { ...claims, exp: undefined }, key)), orgA)).resolves.toBe('ERR_OIDC_TOKEN_INVALID:claims');
    // The same forgery with nothing wrong passes: the refusals above are for the claim changed.
    await expect(signIn(signEs256({ typ: 'at+jwt', kid }, claims, key), orgA)).resolves.toMatchObject({ role: 'issuer' });
  });

  it('a valid token whose roles map to none of ours is forbidden', async () => {
    const token = await ccToken('no-role-system', audA);
    await expect(refusal(bearer(token), orgA)).resolves.toBe('ERR_FORBIDDEN:no-role');
  });

  it('an organisation without OIDC configuration', async () => {
    await expect(refusal(bearer(tokenA), orgC)).resolves.toBe('ERR_OIDC_NOT_CONFIGURED:not-configured');
  });

  it('a token that is not a JWT, a header that is not a bearer token, and no header', async () => {
    await expect(refusal(bearer('opaque-reference-token'), orgA)).resolves.toBe('ERR_OIDC_TOKEN_INVALID:not-a-jwt');
    await expect(refusal(`Basic ${tokenA}`, orgA)).resolves.toBe('ERR_OIDC_TOKEN_INVALID:malformed');
    await expect(refusal(undefined, orgA)).resolves.toBe('ERR_AUTH_MISSING:not audited');
  });

  it('an organisation whose OIDC sign-in was turned off', async () => {
    const { ctx } = issuer;
    const orgD = await issuer.addOrganisation('Delta NHS Trust');
    const audD = `https://passport.test/orgs/${orgD}`;
    await setOidcConfig(ctx, orgD, { issuer: idp.issuer, audience: audD, roleMapping: { 'passport-hr': 'issuer' } }, 'test', OPTS);
    const token = await ccToken('hr-system', audD);
    await expect(signIn(token, orgD)).resolves.toMatchObject({ orgId: orgD });
    await expect(deleteOidcConfig(ctx, orgD, 'test')).resolves.toBe(true);
    await expect(refusal(bearer(token), orgD)).resolves.toBe('ERR_OIDC_NOT_CONFIGURED:not-configured');
  });

  it('an unreachable identity provider is a 503, not a bad token, and is not asked again within the cooldown', async () => {
    const { ctx } = issuer;
    const orgE = await issuer.addOrganisation('Epsilon NHS Trust');
    const audE = `https://passport.test/orgs/${orgE}`;
    await setOidcConfig(ctx, orgE, { issuer: 'https://idp.unreachable.test', audience: audE, roleMapping: { 'passport-hr': 'issuer' } }, 'test');
    let fetches = 0;
    const options = {
      ...OPTS,
      fetchJson: async () => {
        fetches += 1;
        throw new Error('connect ECONNREFUSED');
      },
    };
    const token = signEs256({ typ: 'at+jwt', kid: idp.ecKey.kid }, { ...claimsOf(tokenA), iss: 'https://idp.unreachable.test', aud: audE }, idp.ecKey.privateKey);
    await expect(refusal(bearer(token), orgE, options)).resolves.toBe('ERR_OIDC_PROVIDER_UNAVAILABLE:provider-unavailable');
    await expect(refusal(bearer(token), orgE, options)).resolves.toBe('ERR_OIDC_PROVIDER_UNAVAILABLE:provider-unavailable');
    expect(fetches).toBe(1);
  });
});

describe('finding the keys (OpenID Connect Discovery 1.0)', () => {
  async function orgWithIssuer(iss: string): Promise<{ orgId: string; token: string }> {
    const orgId = await issuer.addOrganisation('Discovery NHS Trust');
    const aud = `https://passport.test/orgs/${orgId}`;
    await setOidcConfig(issuer.ctx, orgId, { issuer: iss, audience: aud, roleMapping: { 'passport-hr': 'issuer' } }, 'test', OPTS);
    const token = signEs256({ typ: 'at+jwt', kid: idp.ecKey.kid }, { ...claimsOf(tokenA), iss, aud }, idp.ecKey.privateKey);
    return { orgId, token };
  }

  it('refuses a discovery document that names another issuer (section 4.3)', async () => {
    const { orgId, token } = await orgWithIssuer('https://idp-a.test');
    const fetchJson = async () => ({ issuer: 'https://idp-b.test', jwks_uri: 'https://idp-b.test/jwks' });
    await expect(refusal(bearer(token), orgId, { ...OPTS, fetchJson })).resolves.toBe('ERR_OIDC_PROVIDER_UNAVAILABLE:provider-unavailable');
  });

  it('refuses a discovered JWKS URL over plain http off loopback', async () => {
    const { orgId, token } = await orgWithIssuer('https://idp-c.test');
    const fetchJson = async () => ({ issuer: 'https://idp-c.test', jwks_uri: 'http://idp-c.test/jwks' });
    await expect(refusal(bearer(token), orgId, { ...OPTS, fetchJson })).resolves.toBe('ERR_OIDC_PROVIDER_UNAVAILABLE:provider-unavailable');
  });

  it('stops using an http loopback IdP once the deployment no longer allows it', async () => {
    await expect(refusal(bearer(tokenA), orgA, { ip: OPTS.ip })).resolves.toBe('ERR_OIDC_PROVIDER_UNAVAILABLE:provider-unavailable');
    await expect(signIn(tokenA, orgA)).resolves.toMatchObject({ role: 'issuer' });
  });
});

describe('the audit log of sign-in failures', () => {
  it('holds each failure with its code, reason and the token iss/sub, never the token', async () => {
    const entries = (await issuer.audit(orgA)).filter((e) => e.action === 'auth.failure');
    const reasons = new Set(entries.map((e) => e.detail['reason']));
    for (const reason of ['audience', 'expired', 'signature', 'key-not-found', 'alg-not-allowed', 'issuer', 'not-yet-valid', 'typ', 'no-role', 'not-a-jwt', 'malformed']) {
      expect(reasons).toContain(reason);
    }
    const noRole = entries.find((e) => e.detail['reason'] === 'no-role');
    expect(noRole?.detail).toMatchObject({ method: 'oidc', code: 'ERR_FORBIDDEN', sub: 'no-role-system', iss: idp.issuer, claimsVerified: true });
    expect(noRole?.detail['ip']).toMatch(/^192\.0\.2\./);
    const forged = entries.find((e) => e.detail['reason'] === 'issuer');
    expect(forged?.detail).toMatchObject({ code: 'ERR_OIDC_TOKEN_INVALID', iss: 'https://evil.test', claimsVerified: false });
    const text = JSON.stringify(entries);
    for (const token of issued) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.split('.')[2]);
    }
  });

  it('keeps failures on the organisation in the URL (B for a token of A), and the chains intact', async () => {
    const entriesB = (await issuer.audit(orgB)).filter((e) => e.action === 'auth.failure');
    expect(entriesB.some((e) => e.detail['reason'] === 'audience')).toBe(true);
    const entriesC = (await issuer.audit(orgC)).filter((e) => e.action === 'auth.failure');
    expect(entriesC.map((e) => e.detail['reason'])).toContain('not-configured');
    await expect(verifyAuditChain(issuer.ctx.db)).resolves.toMatchObject({ ok: true });
  });

  it('puts failures for an organisation that does not exist on the platform chain', async () => {
    await expect(refusal(bearer(tokenA), 'org_00000000deadbeef')).resolves.toBe('ERR_OIDC_NOT_CONFIGURED:not-configured');
    const entries = (await issuer.audit(PLATFORM_CHAIN)).filter((e) => e.action === 'auth.failure');
    expect(entries.at(-1)).toMatchObject({ subject: 'org_00000000deadbeef', detail: { reason: 'not-configured' } });
    await expect(issuer.audit('org_00000000deadbeef')).resolves.toEqual([]);
  });

  it('writes an identical failure once per window, with the count of repeats in the next entry', async () => {
    // A copy of the context: same database, its own throttle state and clock.
    // A context of its own: its own sign-in state, as another instance has.
    const ctx = { ...issuer.ctx, authState: createAuthState() };
    let now = 1_000_000;
    const options = { ...OPTS, ip: '198.51.100.1', nowMs: () => now, auditWindowMs: 60_000 };
    const countFor = async () =>
      (await issuer.audit(orgA)).filter((e) => e.action === 'auth.failure' && e.detail['ip'] === '198.51.100.1').length;
    const forged = unsecured(claimsOf(tokenA));
    for (let i = 0; i < 5; i++) await expect(codeOf(authenticateBearer(ctx, bearer(forged), orgA, options))).resolves.toBe('ERR_OIDC_TOKEN_INVALID');
    expect(await countFor()).toBe(1);
    now += 61_000;
    await codeOf(authenticateBearer(ctx, bearer(forged), orgA, options));
    const entries = (await issuer.audit(orgA)).filter((e) => e.detail['ip'] === '198.51.100.1');
    expect(entries).toHaveLength(2);
    expect(entries[1]?.detail).toMatchObject({ reason: 'alg-not-allowed', repeatsSinceLastEntry: 4 });
  });

  it('writes at most so many failures per window in all, and says how many it left out', async () => {
    // A context of its own: its own sign-in state, as another instance has.
    const ctx = { ...issuer.ctx, authState: createAuthState() };
    let now = 5_000_000;
    const options = { ...OPTS, nowMs: () => now, auditWindowMs: 60_000, auditMaxPerWindow: 3 };
    // Different made-up subjects: a flood an attacker controls, each failure different.
    for (let i = 0; i < 10; i++) {
      const ip = `203.0.113.${i}`;
      await codeOf(authenticateBearer(ctx, bearer(unsecured({ ...claimsOf(tokenA), sub: `flood-${i}` })), orgA, { ...options, ip }));
    }
    const flood = () => issuer.audit(orgA).then((all) => all.filter((e) => String(e.detail['sub'] ?? '').startsWith('flood-')));
    expect(await flood()).toHaveLength(3);
    now += 61_000;
    await codeOf(authenticateBearer(ctx, bearer(unsecured({ ...claimsOf(tokenA), sub: 'flood-last' })), orgA, { ...options, ip: '203.0.113.99' }));
    const entries = await flood();
    expect(entries).toHaveLength(4);
    expect(entries[3]?.detail).toMatchObject({ sub: 'flood-last', otherFailuresNotRecorded: 7 });
  });
});
