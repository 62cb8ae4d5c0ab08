/**
 * Tenant isolation (issues 4 and 10): nothing of one organisation is visible to, or changeable by,
 * another. One table of routes (the OpenAPI route list), each walked as the wrong organisation with
 * every role, and each organisation's own resources named under the other's path.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ISSUER_ROUTES, createAuthenticator, type IssuerRoute as RouteSpec } from '@staff-passport/issuer';
import { call, startIssuer, type TestIssuer } from '../helpers/start-issuer.js';
import { trainingCredential } from '../../../../test/helpers/training-credential.js';

let issuer: TestIssuer;
const holder = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const ids = { a: { credentialId: '', keyId: '', listId: '' }, b: { credentialId: '', keyId: '', listId: '' } };

beforeAll(async () => {
  // The sign-in rate limiter is off here: this test makes many refused calls on purpose (the limiter has its own tests).
  issuer = await startIssuer({ app: (ctx) => ({ authenticate: createAuthenticator(ctx, { limiter: false }) }) });
  for (const side of ['a', 'b'] as const) {
    const t = issuer[side];
    const issued = await call(`${issuer.url}/orgs/${t.org.id}/credentials/issue`, { key: t.keys.issuer, body: { credential: trainingCredential(holder) } });
    ids[side].credentialId = String(issued.headers.get('location')).split('/').pop()!;
    const record = await call(`${issuer.url}/orgs/${t.org.id}/credentials/${ids[side].credentialId}`, { key: t.keys.auditor });
    ids[side].listId = record.body['statusListId'] as string;
    const key = await call(`${issuer.url}/orgs/${t.org.id}/api-keys`, { key: t.keys['org-admin'], body: { role: 'auditor' } });
    ids[side].keyId = key.body['id'] as string;
  }
});
afterAll(async () => {
  await issuer.close();
});

const orgRoutes = ISSUER_ROUTES.filter((r): r is RouteSpec & { access: readonly string[] } => Array.isArray(r.access));

function fill(path: string, org: string, side: 'a' | 'b'): string {
  return path
    .replace(':orgId', org)
    .replace(':credentialId', ids[side].credentialId)
    .replace(':keyId', ids[side].keyId)
    .replace(':listId', ids[side].listId)
    .replace(':view', 'revocation')
    .replace(':jobId', `job_${'0'.repeat(32)}`);
}

function bodyFor(route: RouteSpec): unknown {
  if (route.method !== 'post') return undefined;
  if (route.path.endsWith('/issue')) return { credential: trainingCredential(holder) };
  if (route.path.endsWith('/status-changes')) return { action: 'revoke', credentialIds: [ids.a.credentialId], reason: 'other' };
  if (route.path.endsWith('/credentials/status')) return { credentialId: ids.a.credentialId, credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', status: true }] };
  if (route.path.endsWith('/api-keys')) return { role: 'org-admin' };
  if (route.path.endsWith('/role')) return { role: 'org-admin' };
  return { reason: 'other' };
}

describe("organisation B's keys on organisation A's routes", () => {
  it.each(orgRoutes.filter((r) => r.path.includes(':orgId')).flatMap((r) => (['org-admin', 'issuer', 'auditor'] as const).map((role) => [`${r.method.toUpperCase()} ${r.path}`, role, r] as const)))(
    '%s as B %s: 404, nothing revealed',
    async (_name, role, route) => {
      const res = await call(`${issuer.url}${fill(route.path, issuer.a.org.id, 'a')}`, { method: route.method.toUpperCase(), key: issuer.b.keys[role], body: bodyFor(route) });
      expect(res.status).toBe(404);
      expect(res.body['code']).toBe('ERR_ORG_NOT_FOUND');
    },
  );
});

describe("A's resources named under B's own path", () => {
  const scoped = orgRoutes.filter((r) => /:credentialId|:keyId|:jobId|:id\b/.test(r.path));
  it.each(scoped.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s: not found', async (_name, route) => {
    const role = route.access.includes('org-admin') ? 'org-admin' : route.access[0]!;
    const res = await call(`${issuer.url}${fill(route.path, issuer.b.org.id, 'a')}`, { method: route.method.toUpperCase(), key: issuer.b.keys[role as 'org-admin'], body: bodyFor(route) });
    expect(res.status).toBe(404);
    expect(['ERR_CREDENTIAL_NOT_FOUND', 'ERR_NOT_FOUND', 'ERR_JOB_NOT_FOUND']).toContain(res.body['code']);
  });

  it("A's status list under B's organisation is not found", async () => {
    const res = await call(`${issuer.url}/orgs/${issuer.b.org.id}/status/${ids.a.listId}/revocation`);
    expect(res.status).toBe(404);
  });

  it('bulk status changes naming A\'s credential under B change nothing', async () => {
    const res = await call(`${issuer.url}/orgs/${issuer.b.org.id}/credentials/status-changes`, {
      key: issuer.b.keys.issuer,
      body: { action: 'revoke', credentialIds: [ids.a.credentialId], reason: 'other' },
    });
    expect(res.status).toBe(404);
    const record = await call(`${issuer.url}/orgs/${issuer.a.org.id}/credentials/${ids.a.credentialId}`, { key: issuer.a.keys.auditor });
    expect(record.body['status']).toBe('active');
  });

  it("B's searches never list A's credentials", async () => {
    const res = await call(`${issuer.url}/orgs/${issuer.b.org.id}/credentials?subject=${encodeURIComponent(holder)}`, { key: issuer.b.keys.auditor });
    const found = (res.body['credentials'] as { id: string }[]).map((c) => c.id);
    expect(found).toContain(ids.b.credentialId);
    expect(found).not.toContain(ids.a.credentialId);
  });
});

it('no key, or a malformed one, learns nothing either', async () => {
  for (const route of orgRoutes.filter((r) => r.path.includes(':orgId'))) {
    const res = await call(`${issuer.url}${fill(route.path, issuer.a.org.id, 'a')}`, { method: route.method.toUpperCase(), body: bodyFor(route) });
    expect(res.status).toBe(401);
    expect(res.body['code']).toBe('ERR_AUTH_MISSING');
  }
});
