/**
 * Tenant isolation on the verifier (issue 20, item 1): each organisation has its own did:web (its
 * ODS record in `alsoKnownAs`) and signing key, and nothing of one organisation is visible to, or
 * changeable by, another. Every route of the table that names an id is walked with organisation
 * B's keys at organisation A's ids: each answers 404, as an id that does not exist does.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPublicKey, verify } from 'node:crypto';
import { VERIFIER_ROUTES, createVerifierStores, type VerifierRoute } from '../../src/index.js';
import { DBS_PROFILE } from '../oid4vp/helpers/oid4vp-fixtures.js';
import { call, startTenantVerifier, type TenantVerifier } from './helpers/start-tenant-verifier.js';

let verifier: TenantVerifier;
const PROFILE = { ...DBS_PROFILE, title: 'Ward porter' };
const ids = { requestId: '', oid4vpId: '', resultId: 'res_0a0a0a0a0a0a0a0a0a0a' };

beforeAll(async () => {
  verifier = await startTenantVerifier();
  const { a } = verifier;
  expect((await call(`${verifier.url}/profiles`, { key: a.keys['profile-admin'], body: PROFILE })).status).toBe(201);
  const request = await call(`${verifier.url}/presentation-requests`, { key: a.keys.checker, body: { profileId: PROFILE.id, startDate: '2027-01-04' } });
  ids.requestId = request.body['id'] as string;
  const oid4vp = await call(`${verifier.url}/oid4vp/requests`, { key: a.keys.checker, body: { profileId: PROFILE.id } });
  ids.oid4vpId = oid4vp.body['id'] as string;
  // A result of A's, as a check would have kept it.
  await createVerifierStores(verifier.ctx.db, a.org.id).results.insert({
    id: ids.resultId,
    request_id: ids.requestId,
    profile_id: PROFILE.id,
    decision: 'ready_to_start',
    report: JSON.stringify({ report: { overall: { decision: 'ready_to_start', reasons: [] } }, checks: [] }),
    attributes: JSON.stringify({ profileId: PROFILE.id, startDate: '2027-01-04', decision: 'ready_to_start', move: 'new_employer', evaluatedAt: verifier.ctx.now().toISOString(), todo: [], reliance: [], employment: [], registrations: [], training: [] }),
    credential_hashes: '[]',
    credentials: null,
    created_at: verifier.ctx.now().toISOString(),
    expires_at: new Date(verifier.ctx.now().getTime() + 86_400_000).toISOString(),
  });
});
afterAll(async () => {
  await verifier.close();
});

function fill(route: VerifierRoute): string {
  return route.path
    .replace(':requestId', ids.requestId)
    .replace(':resultId', ids.resultId)
    .replace(':profileId', PROFILE.id)
    .replace(':id', ids.oid4vpId);
}

describe("organisation B's keys at organisation A's ids", () => {
  const named = VERIFIER_ROUTES.filter((r): r is VerifierRoute & { access: readonly string[] } => Array.isArray(r.access) && /:(requestId|resultId|profileId|id)\b/.test(r.path));

  it('covers every route with roles that names an id', () => {
    expect(named.map((r) => `${r.method.toUpperCase()} ${r.path}`)).toEqual(
      expect.arrayContaining(['GET /oid4vp/requests/:id', 'GET /oid4vp/requests/:id/qr.png', 'GET /profiles/:profileId', 'GET /results/:resultId', 'DELETE /results/:resultId', 'GET /results/:resultId/export.csv', 'GET /results/:resultId/export.json']),
    );
  });

  it.each(named.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s: 404 for B, while A sees it', async (_name, route) => {
    const role = route.access[0] as 'checker';
    const asB = await call(`${verifier.url}${fill(route)}`, { method: route.method.toUpperCase(), key: verifier.b.keys[role] });
    expect(asB.status).toBe(404);
    expect(['ERR_VP_REQUEST_NOT_FOUND', 'ERR_PROFILE_NOT_FOUND', 'ERR_RESULT_NOT_FOUND', 'ERR_NOT_FOUND']).toContain(asB.body['code']);
    if (route.method !== 'delete') expect((await call(`${verifier.url}${fill(route)}`, { key: verifier.a.keys[role] })).status).toBe(200);
  });

  it("B cannot check against A's profile, and lists none of A's", async () => {
    const refused = await call(`${verifier.url}/presentation-requests`, { key: verifier.b.keys.checker, body: { profileId: PROFILE.id, startDate: '2027-01-04' } });
    expect([refused.status, refused.body['code']]).toEqual([404, 'ERR_PROFILE_NOT_FOUND']);
    const listed = await call(`${verifier.url}/profiles`, { key: verifier.b.keys.checker });
    expect((listed.body['profiles'] as { id: string }[]).map((p) => p.id)).not.toContain(PROFILE.id);
    // B may add a profile of the same id: it is B's own.
    expect((await call(`${verifier.url}/profiles`, { key: verifier.b.keys['profile-admin'], body: { ...PROFILE, title: "B's porter" } })).status).toBe(201);
    expect((await call(`${verifier.url}/profiles/${PROFILE.id}`, { key: verifier.a.keys.checker })).body['title']).toBe('Ward porter');
  });

  it("B's audit log has none of A's events; A's names what was done and by which key", async () => {
    const ofB = await call(`${verifier.url}/audit`, { key: verifier.b.keys.auditor });
    const ofA = await call(`${verifier.url}/audit`, { key: verifier.a.keys.auditor });
    const orgsIn = (events: unknown) => new Set((events as { orgId: string }[]).map((e) => e.orgId));
    expect(orgsIn(ofB.body['events'])).toEqual(new Set([verifier.b.org.id]));
    expect(orgsIn(ofA.body['events'])).toEqual(new Set([verifier.a.org.id]));
    expect((ofA.body['events'] as { action: string }[]).map((e) => e.action)).toEqual(expect.arrayContaining(['organisation.create', 'api-key.create', 'profile.create']));
  });

  it('a platform key sees nothing inside an organisation', async () => {
    const res = await call(`${verifier.url}/results/${ids.resultId}`, { key: verifier.platformKey });
    expect([res.status, res.body['code']]).toEqual([403, 'ERR_FORBIDDEN']);
  });
});

describe("each organisation's own did:web", () => {
  it('is served at /orgs/{id}/did.json with the ODS record in alsoKnownAs, and resolves as did:web', async () => {
    const { org } = verifier.a;
    expect(org.did).toBe(`did:web:${new URL(verifier.url).host.replace(':', '%3A')}:orgs:${org.id}`);
    const served = await call(`${verifier.url}/orgs/${org.id}/did.json`);
    expect(served.body).toMatchObject({ id: org.did, alsoKnownAs: ['https://directory.spineservices.nhs.uk/ORD/2-0-0/organisations/RYJ'] });
    const resolved = await verifier.ctx.resolver.resolve(org.did);
    expect(resolved.didDocument?.id).toBe(org.did);
    const other = await call(`${verifier.url}/orgs/${verifier.b.org.id}/did.json`);
    expect(other.body['id']).toBe(verifier.b.org.did);
    expect(JSON.stringify(other.body['verificationMethod'])).not.toBe(JSON.stringify(served.body['verificationMethod']));
    expect((await call(`${verifier.url}/orgs/org_ffffffffffffffff/did.json`)).status).toBe(404);
  });

  it("signs the organisation's requests as its DID, with its key; a wallet needs no sign-in to fetch them", async () => {
    const { org } = verifier.a;
    const created = await call(`${verifier.url}/oid4vp/requests`, { key: verifier.a.keys.checker, body: { profileId: PROFILE.id } });
    expect(created.body['clientId']).toBe(`decentralized_identifier:${org.did}`);
    const res = await fetch(created.body['requestUri'] as string);
    expect(res.status).toBe(200);
    const jws = await res.text();
    const [h, p, s] = jws.split('.') as [string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { kid: string };
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(header.kid.startsWith(`${org.did}#`)).toBe(true);
    expect(payload['client_metadata']).toMatchObject({ client_name: org.name });
    const document = (await call(`${verifier.url}/orgs/${org.id}/did.json`)).body as { verificationMethod: { id: string; publicKeyJwk: Record<string, string> }[] };
    const method = document.verificationMethod.find((m) => m.id === header.kid)!;
    expect(verify(null, Buffer.from(`${h}.${p}`), createPublicKey({ key: method.publicKeyJwk, format: 'jwk' }), Buffer.from(s, 'base64url'))).toBe(true);
  });
});

describe('platform administrators', () => {
  it('create organisations (an ODS code once) and their keys; the keys sign in to that organisation only', async () => {
    const made = await call(`${verifier.url}/orgs`, { key: verifier.platformKey, body: { name: 'Lakeside GP Practice', odsCode: 'A81001', retentionDays: 7 } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ odsCode: 'A81001', retentionDays: 7 });
    expect((await call(`${verifier.url}/orgs`, { key: verifier.platformKey, body: { name: 'Again', odsCode: 'A81001' } })).status).toBe(409);
    const key = await call(`${verifier.url}/orgs/${String(made.body['id'])}/api-keys`, { key: verifier.platformKey, body: { role: 'auditor' } });
    const me = await call(`${verifier.url}/organisation`, { key: key.body['apiKey'] as string });
    expect(me.body).toMatchObject({ organisation: { id: made.body['id'] }, roles: ['auditor'] });
    const revoked = await call(`${verifier.url}/orgs/${String(made.body['id'])}/api-keys/${String(key.body['id'])}`, { method: 'DELETE', key: verifier.platformKey });
    expect(revoked.status).toBe(204);
    expect((await call(`${verifier.url}/organisation`, { key: key.body['apiKey'] as string })).status).toBe(401);
    // Another organisation's key id is not found under this one.
    const otherKey = await call(`${verifier.url}/orgs/${verifier.a.org.id}/api-keys`, { key: verifier.platformKey, body: { role: 'checker' } });
    expect((await call(`${verifier.url}/orgs/${String(made.body['id'])}/api-keys/${String(otherKey.body['id'])}`, { method: 'DELETE', key: verifier.platformKey })).status).toBe(404);
  });
});
