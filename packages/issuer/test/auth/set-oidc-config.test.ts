/**
 * An organisation's OIDC configuration: checked field by field, stored per organisation, audited.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PassportError } from '@staff-passport/core';
import { deleteOidcConfig } from '../../src/auth/delete-oidc-config.js';
import { getOidcConfig } from '../../src/auth/get-oidc-config.js';
import { rolesFromClaims } from '../../src/auth/lib/roles-from-claims.js';
import type { OidcConfigInput } from '../../src/auth/oidc-config.js';
import { parseOidcConfigInput } from '../../src/auth/parse-oidc-config-input.js';
import { setOidcConfig } from '../../src/auth/set-oidc-config.js';
import { startIssuerContext, type TestIssuer } from './helpers/start-issuer-context.js';

let issuer: TestIssuer;
let orgA: string;
let orgB: string;
const good: OidcConfigInput = { issuer: 'https://login.trust.example', audience: 'https://passport.example/orgs/a', roleMapping: { 'passport-hr': 'issuer' } };

function problem(fn: () => unknown): { code: string; field: string | undefined } {
  try {
    fn();
  } catch (err: unknown) {
    if (err instanceof PassportError) return { code: err.code, field: err.field };
    throw err;
  }
  return { code: 'OK', field: undefined };
}

async function problemOf(promise: Promise<unknown>): Promise<{ code: string; field: string | undefined }> {
  try {
    await promise;
  } catch (err: unknown) {
    if (err instanceof PassportError) return { code: err.code, field: err.field };
    throw err;
  }
  return { code: 'OK', field: undefined };
}

beforeAll(async () => {
  issuer = await startIssuerContext();
  orgA = await issuer.addOrganisation('Alpha NHS Trust');
  orgB = await issuer.addOrganisation('Beta NHS Trust');
});

afterAll(async () => {
  await issuer?.close();
});

describe('parseOidcConfigInput', () => {
  it('fills in the role claim and the algorithms', () => {
    expect(parseOidcConfigInput(good)).toEqual({ ...good, roleClaim: 'roles', allowedAlgs: ['RS256', 'PS256', 'ES256'] });
  });

  it.each([
    ['not an object', [1, 2], 'body'],
    ['an unknown field', { ...good, clientSecret: 'x' }, 'clientSecret'],
    ['an http issuer', { ...good, issuer: 'http://login.trust.example' }, 'issuer'],
    ['an http issuer on loopback, not allowed here', { ...good, issuer: 'http://127.0.0.1:8080' }, 'issuer'],
    ['an issuer with a query (OpenID Connect Core 1.0 section 2)', { ...good, issuer: 'https://login.trust.example?tenant=1' }, 'issuer'],
    ['an issuer with credentials', { ...good, issuer: 'https://user:pw@login.trust.example' }, 'issuer'],
    ['an issuer that is not a URL', { ...good, issuer: 'login.trust.example' }, 'issuer'],
    ['an http JWKS URL', { ...good, jwksUri: 'http://login.trust.example/keys' }, 'jwksUri'],
    ['no audience', { ...good, audience: '' }, 'audience'],
    ['a role claim with a space', { ...good, roleClaim: 'my roles' }, 'roleClaim'],
    ['an empty role mapping', { ...good, roleMapping: {} }, 'roleMapping'],
    ['a role we do not have', { ...good, roleMapping: { admins: 'superuser' } }, 'roleMapping.admins'],
    ['alg none', { ...good, allowedAlgs: ['none'] }, 'allowedAlgs.0'],
    ['HS256', { ...good, allowedAlgs: ['ES256', 'HS256'] }, 'allowedAlgs.1'],
    ['a repeated algorithm', { ...good, allowedAlgs: ['ES256', 'ES256'] }, 'allowedAlgs'],
    ['no algorithm', { ...good, allowedAlgs: [] }, 'allowedAlgs'],
  ])('refuses %s', (_name, input, field) => {
    expect(problem(() => parseOidcConfigInput(input))).toEqual({ code: 'ERR_REQUEST_INVALID', field });
  });

  it('reports every problem, each with its field', () => {
    try {
      parseOidcConfigInput({ issuer: 'http://x', audience: 3, roleMapping: [], allowedAlgs: ['none'] });
      throw new Error('not refused');
    } catch (err: unknown) {
      expect((err as PassportError).issues.map((i) => i.path)).toEqual(['issuer', 'audience', 'roleMapping', 'allowedAlgs.0']);
    }
  });

  it('accepts http on loopback only when the deployment allows it, and never elsewhere', () => {
    for (const host of ['http://127.0.0.1:8080', 'http://localhost:3000/realms/nhs', 'http://[::1]:9000']) {
      expect(parseOidcConfigInput({ ...good, issuer: host }, { allowHttpLoopback: true }).issuer).toBe(host);
    }
    expect(problem(() => parseOidcConfigInput({ ...good, issuer: 'http://10.0.0.5' }, { allowHttpLoopback: true })).field).toBe('issuer');
    expect(problem(() => parseOidcConfigInput({ ...good, issuer: 'http://localhost.evil.test' }, { allowHttpLoopback: true })).field).toBe('issuer');
  });
});

describe('setOidcConfig and getOidcConfig', () => {
  it('store the configuration of one organisation and audit it', async () => {
    const input = { ...good, roleClaim: 'realm_access.roles', roleMapping: { 'passport-hr': 'issuer' as const, admins: 'org-admin' as const }, allowedAlgs: ['ES256' as const] };
    const stored = await setOidcConfig(issuer.ctx, orgA, input, 'key_admin');
    expect(stored).toMatchObject({ orgId: orgA, ...input, jwksUri: null });
    await expect(getOidcConfig(issuer.ctx, orgA)).resolves.toEqual(stored);
    await expect(getOidcConfig(issuer.ctx, orgB)).resolves.toBeNull();
    const events = (await issuer.audit(orgA)).filter((e) => e.action === 'oidc.configure');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: 'key_admin', subject: good.issuer, detail: { audience: good.audience, roleClaim: 'realm_access.roles', allowedAlgs: ['ES256'] } });
  });

  it('replace an earlier configuration', async () => {
    await setOidcConfig(issuer.ctx, orgA, { ...good, jwksUri: 'https://login.trust.example/keys' }, 'key_admin');
    await expect(getOidcConfig(issuer.ctx, orgA)).resolves.toMatchObject({ jwksUri: 'https://login.trust.example/keys', roleClaim: 'roles' });
  });

  it('refuse a second organisation with the same issuer and audience', async () => {
    await expect(problemOf(setOidcConfig(issuer.ctx, orgB, good, 'key_admin'))).resolves.toEqual({ code: 'ERR_REQUEST_INVALID', field: 'audience' });
    await expect(setOidcConfig(issuer.ctx, orgB, { ...good, audience: 'https://passport.example/orgs/b' }, 'key_admin')).resolves.toMatchObject({ orgId: orgB });
  });

  it('refuse an organisation that does not exist', async () => {
    await expect(problemOf(setOidcConfig(issuer.ctx, 'org_0000000000000000', { ...good, audience: 'x' }, 'key_admin'))).resolves.toMatchObject({
      code: 'ERR_ORG_NOT_FOUND',
    });
  });

  it('deleteOidcConfig turns OIDC off, audited, and says when there was nothing to remove', async () => {
    await expect(deleteOidcConfig(issuer.ctx, orgB, 'key_admin')).resolves.toBe(true);
    await expect(deleteOidcConfig(issuer.ctx, orgB, 'key_admin')).resolves.toBe(false);
    await expect(getOidcConfig(issuer.ctx, orgB)).resolves.toBeNull();
    expect((await issuer.audit(orgB)).filter((e) => e.action === 'oidc.remove')).toHaveLength(1);
  });
});

describe('rolesFromClaims', () => {
  const mapping = parseOidcConfigInput({
    ...good,
    roleMapping: { 'passport-hr': 'issuer', 'passport-admins': 'org-admin', audit: 'auditor', constructor: 'auditor' },
  }).roleMapping;

  it('reads a list, a space-separated string, a namespaced claim and a dotted path, highest role first', () => {
    expect(rolesFromClaims({ roles: ['audit', 'passport-hr', 'other'] }, 'roles', mapping)).toEqual(['issuer', 'auditor']);
    expect(rolesFromClaims({ scope: 'openid passport-admins' }, 'scope', mapping)).toEqual(['org-admin']);
    expect(rolesFromClaims({ 'https://trust.example/roles': ['audit'] }, 'https://trust.example/roles', mapping)).toEqual(['auditor']);
    expect(rolesFromClaims({ realm_access: { roles: ['passport-hr'] } }, 'realm_access.roles', mapping)).toEqual(['issuer']);
  });

  it('grants nothing for values not mapped, inherited names, or a claim of the wrong shape', () => {
    expect(rolesFromClaims({ roles: ['toString', '__proto__', 'hasOwnProperty'] }, 'roles', mapping)).toEqual([]);
    expect(rolesFromClaims({ roles: { 'passport-hr': true } }, 'roles', mapping)).toEqual([]);
    expect(rolesFromClaims({ roles: [42, null] }, 'roles', mapping)).toEqual([]);
    expect(rolesFromClaims({}, 'roles', mapping)).toEqual([]);
    expect(rolesFromClaims({ realm_access: 'passport-hr' }, 'realm_access.roles', mapping)).toEqual([]);
    // A value mapped on purpose still counts, whatever its name.
    expect(rolesFromClaims({ roles: ['constructor'] }, 'roles', mapping)).toEqual(['auditor']);
  });
});
