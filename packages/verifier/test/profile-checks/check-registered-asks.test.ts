/**
 * Registered asks on a real verifier (127.0.0.1, port 0) with a trust registry: a request within
 * the verifier's entry is created; one asking beyond it (a claim, a type, a purpose not
 * registered, or a verifier not registered at all) is refused with 403 problem+json naming each,
 * on POST /presentation-requests, POST /oid4vp/requests and the desk's form alike. The signed
 * request object names the purpose (`client_metadata.purpose_code`) a wallet checks against.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addTrustRegistryEntry, createTrustRegistryDraft, renewTrustRegistry, type TrustRegistry, type TrustRegistryEntry } from '@staff-passport/core';
import { addProfile, verifierDid } from '../../src/index.js';
import { postJson, startServices, type Services } from '../../../../test/helpers/start-services.js';
import { registeredVerifierEntry } from '../../../../test/helpers/registered-verifier-entry.js';
import { signInToDesk } from '../desk/helpers/sign-in-to-desk.js';

const NOW = new Date('2026-10-03T09:00:00Z');
const DBS_CLAIMS = ['dbs.level', 'dbs.issuedOn', 'dbs.decision'];

function dbsProfile(id: string, claims: string[]) {
  return {
    id,
    version: '1.0.0',
    title: `DBS check (${id})`,
    purpose: 'We check your DBS certificate.',
    statusUnknown: 'needs-action',
    requirements: [{ id: 'dbs', title: 'Basic DBS check', required: true, accepts: [{ type: 'DbsCheck', claims }], rule: { kind: 'dbs', minimumLevel: 'basic' } }],
  };
}

let services: Services;
let registry: TrustRegistry | undefined;

function useRegistry(...entries: TrustRegistryEntry[]): void {
  let draft = createTrustRegistryDraft({ name: 'Test registry' });
  for (const entry of entries) draft = addTrustRegistryEntry(draft, entry);
  registry = renewTrustRegistry(draft, { now: NOW });
}

beforeAll(async () => {
  services = await startServices({ now: () => NOW, trustRegistry: () => registry });
  await addProfile(services.verifier.stores.profiles, dbsProfile('dbs-narrow', DBS_CLAIMS), NOW);
  await addProfile(services.verifier.stores.profiles, dbsProfile('dbs-broad', [...DBS_CLAIMS, 'dbs.certificateNumber']), NOW);
  // Registered to ask for three DBS claims, for a new employer only.
  useRegistry({
    did: verifierDid(services.verifierUrl),
    odsCode: 'RYV',
    name: 'Test Verifier NHS Trust',
    credentialTypes: [],
    asks: [{ purposes: ['new_employer'], credentials: [{ type: 'DbsCheck', claims: DBS_CLAIMS }] }],
    validFrom: '2020-01-01T00:00:00Z',
  });
});

afterAll(async () => {
  await services.close();
});

// Requests are created by a checker of the verifier's organisation (issue 20).
const create = (path: string, body: Record<string, unknown>) => postJson(`${services.verifierUrl}${path}`, { startDate: '2026-12-01', ...body }, services.checker);
const issues = (body: Record<string, unknown>) => (body['issues'] as { path: string; code: string }[]).map((i) => [i.path, i.code]);

describe('a request beyond the verifier registered asks', () => {
  it('is created within the entry, on both routes; the request object names its purpose', async () => {
    expect((await create('/presentation-requests', { profileId: 'dbs-narrow' })).status).toBe(201);
    const created = await create('/oid4vp/requests', { profileId: 'dbs-narrow' });
    expect(created.status).toBe(201);
    const object = await fetch(String(created.body['requestUri']));
    const payload = JSON.parse(Buffer.from((await object.text()).split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const metadata = payload['client_metadata'] as Record<string, unknown>;
    expect(metadata['purpose_code']).toBe('new_employer');
  });

  it('is refused (403 problem+json) naming the claim not registered, on both routes', async () => {
    for (const path of ['/presentation-requests', '/oid4vp/requests']) {
      const res = await create(path, { profileId: 'dbs-broad' });
      expect(res.status).toBe(403);
      expect(res.type).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code: 'ERR_ASK_NOT_REGISTERED', field: 'profileId' });
      expect(issues(res.body)).toEqual([['asks.new_employer.DbsCheck.dbs.certificateNumber', 'claim_not_registered']]);
    }
  });

  it('names each type not registered, and a purpose not registered', async () => {
    const nurse = await create('/presentation-requests', { profileId: 'registered-nurse-band-5-acute' });
    expect(nurse.status).toBe(403);
    expect(issues(nurse.body)).toEqual(expect.arrayContaining([['asks.new_employer.IdentityVerification', 'type_not_registered'], ['asks.new_employer.RightToWork', 'type_not_registered']]));
    const host = await create('/oid4vp/requests', { profileId: 'dbs-narrow', move: 'host' });
    expect(host.status).toBe(403);
    expect(issues(host.body)).toEqual([['asks.host', 'purpose_not_registered']]);
  });

  it('refuses every request of a verifier the registry does not register to ask', async () => {
    const before = registry;
    useRegistry({ ...registeredVerifierEntry(services.verifierUrl), did: 'did:web:another-verifier.example.nhs.uk' });
    try {
      const res = await create('/presentation-requests', { profileId: 'dbs-narrow' });
      expect(res.status).toBe(403);
      expect(res.body['code']).toBe('ERR_VERIFIER_NOT_REGISTERED');
      expect(issues(res.body)).toEqual([['asks.new_employer.DbsCheck', 'type_not_registered']]);
    } finally {
      registry = before;
    }
  });

  it('the desk form shows what is not registered on the form (403), not an error page', async () => {
    const session = await signInToDesk(services.verifierUrl, services.verifierKeys.checker);
    const start = await fetch(`${services.verifierUrl}/`, { headers: { cookie: session } });
    const cookie = [session, (start.headers.get('set-cookie') ?? '').split(';')[0]!].join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await start.text())![1]!;
    const res = await fetch(`${services.verifierUrl}/desk/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ _csrf: csrf, profileId: 'dbs-broad', move: 'new_employer' }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    const page = await res.text();
    expect(page).toContain('nhsuk-error-summary');
    expect(page).toContain('DbsCheck (dbs.certificateNumber)');
  });
});
