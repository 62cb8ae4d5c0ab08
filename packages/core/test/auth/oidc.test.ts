/**
 * The OpenID provider pieces shared by the issuer and the verifier (issue 20): roles from a token's
 * claim in a service's own order, and an access token checked against an organisation's
 * configuration (issuer, audience, algorithms, expiry, sub).
 */
import { expect, it } from '@jest/globals';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { rolesFromClaims } from '../../src/auth/oidc/roles-from-claims.js';
import { verifyAccessToken } from '../../src/auth/oidc/verify-access-token.js';
import { PassportError } from '../../src/errors/passport-error.js';

it("maps a claim's values to a service's roles, highest first, from a list, a space-separated string or a dotted path", () => {
  const mapping = { hr: 'checker', audit: 'auditor' } as const;
  expect(rolesFromClaims({ roles: ['audit', 'hr', 'other'] }, 'roles', mapping, ['checker', 'auditor'])).toEqual(['checker', 'auditor']);
  expect(rolesFromClaims({ scope: 'audit openid' }, 'scope', mapping, ['checker', 'auditor'])).toEqual(['auditor']);
  expect(rolesFromClaims({ realm_access: { roles: ['hr'] } }, 'realm_access.roles', mapping, ['checker', 'auditor'])).toEqual(['checker']);
  expect(rolesFromClaims({ roles: ['toString', '__proto__'] }, 'roles', mapping, ['checker', 'auditor'])).toEqual([]);
});

it('checks an access token against the configuration, and refuses one for another audience, issuer or algorithm, or expired', async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] });
  const now = new Date('2026-12-01T10:00:00Z');
  const config = { issuer: 'https://idp.example', audience: 'https://verifier.example/orgs/org_1', allowedAlgs: ['ES256'] };
  const token = (claims: Record<string, unknown>, exp = now.getTime() / 1000 + 300) =>
    new SignJWT({ sub: 'alice', ...claims }).setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'at+jwt' }).setIssuer(config.issuer).setAudience(config.audience).setIssuedAt(now.getTime() / 1000).setExpirationTime(exp).sign(privateKey);
  expect(await verifyAccessToken(await token({ roles: ['hr'] }), config, keys, { now })).toMatchObject({ sub: 'alice', roles: ['hr'] });
  for (const [name, bad] of [
    ['another audience', await new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer(config.issuer).setAudience('https://other').setExpirationTime('5m').sign(privateKey)],
    ['another issuer', await new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer('https://evil').setAudience(config.audience).setExpirationTime('5m').sign(privateKey)],
    ['expired', await token({}, now.getTime() / 1000 - 120)],
  ] as const) {
    const err = await verifyAccessToken(bad, config, keys, { now }).catch((e: unknown) => e);
    expect([name, err instanceof PassportError && err.code]).toEqual([name, 'ERR_OIDC_TOKEN_INVALID']);
  }
  const es384Only = await verifyAccessToken(await token({}), { ...config, allowedAlgs: ['ES384'] }, keys, { now }).catch((e: unknown) => e);
  expect((es384Only as PassportError).code).toBe('ERR_OIDC_TOKEN_INVALID');
});
