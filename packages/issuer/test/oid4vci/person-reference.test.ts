/**
 * The person reference on credential offers (issue 8: find issued credentials by person): HR's own
 * label ("Amara Okafor, ESR 12345678") given with `POST /orgs/{id}/offers`, kept at the issuer only
 * (never in the credential offer of OpenID4VCI 1.0 section 4.1.1, nor in the credential), returned
 * with the offer, erased on withdrawal, and the search `listIssuedCredentials` runs on it through
 * the offers' deliveries once a wallet has accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sha256Hex } from '@staff-passport/core';
import type { Wallet } from '@staff-passport/wallet-sdk';
import { listAuditEvents } from '../../src/audit/list-audit-events.js';
import { getIssuedCredential, listIssuedCredentials } from '../../src/credentials/list-issued-credentials.js';
import { issueExample, randomHolder } from '../console/helpers/console-client.js';
import { exampleClaims } from '../console/helpers/example-claims.js';
import { openTestWallet } from '../console/helpers/open-test-wallet.js';
import { call, startIssuer, type TestIssuer, type TestOrg } from '../helpers/start-issuer.js';

let issuer: TestIssuer;
let wallet: Wallet;
let closeWallet: () => Promise<void>;

interface Created {
  id: string;
  link: string;
  txCode: string | null;
  credentialOfferUri?: string;
  personReference?: string;
}

function offersUrl(org: TestOrg): string {
  return `${issuer.url}/orgs/${org.org.id}/offers`;
}

async function makeOffer(body: Record<string, unknown>, options: { type?: string; org?: TestOrg } = {}): Promise<Created> {
  const org = options.org ?? issuer.a;
  const type = options.type ?? 'TrainingRecord';
  const res = await call(offersUrl(org), { key: org.keys.issuer, body: { credentials: [{ type, credentialSubject: exampleClaims(type) }], ...body } });
  expect([res.status, res.body['code']]).toEqual([201, undefined]);
  return res.body as unknown as Created;
}

/** The wallet accepts the offer into a new holder; the ids of the credentials issued, and the holder. */
async function accept(created: Created, org: TestOrg = issuer.a): Promise<{ ids: string[]; holder: string }> {
  const holder = await wallet.createHolder();
  const preview = await wallet.readCredentialOffer(created.link);
  await wallet.acceptCredentialOffer(preview, { txCode: created.txCode!, holder });
  const view = await call(`${offersUrl(org)}/${created.id}`, { key: org.keys.auditor });
  return { ids: (view.body['deliveries'] as { credentialIds: string[] }[]).flatMap((d) => d.credentialIds), holder };
}

beforeAll(async () => {
  issuer = await startIssuer();
  ({ wallet, close: closeWallet } = await openTestWallet(issuer));
});
afterAll(async () => {
  await closeWallet?.();
  await issuer?.close();
});

describe('offers with a person reference (HR)', () => {
  it('POST takes it (trimmed); the 201, GET and the list return it; the offer the wallet fetches does not carry it', async () => {
    const created = await makeOffer({ personReference: '  Amara Okafor, ESR 12345678 ' });
    expect(created.personReference).toBe('Amara Okafor, ESR 12345678');
    const one = await call(`${offersUrl(issuer.a)}/${created.id}`, { key: issuer.a.keys.auditor });
    expect(one.body['personReference']).toBe('Amara Okafor, ESR 12345678');
    const list = await call(offersUrl(issuer.a), { key: issuer.a.keys.auditor });
    expect((list.body['offers'] as { id: string; personReference?: string }[]).find((o) => o.id === created.id)?.personReference).toBe('Amara Okafor, ESR 12345678');
    const forWallet = await call(created.credentialOfferUri!);
    expect(forWallet.status).toBe(200);
    expect(forWallet.text).not.toContain('Okafor');
    expect(created.link).not.toContain('Okafor');
  });

  it('an offer without one has none', async () => {
    const created = await makeOffer({});
    expect(created.personReference).toBeUndefined();
    const one = await call(`${offersUrl(issuer.a)}/${created.id}`, { key: issuer.a.keys.auditor });
    expect(one.status).toBe(200);
    expect('personReference' in one.body).toBe(false);
  });

  it.each([
    ['a number', 12345678],
    ['null', null],
    ['blank', '  '],
    ['201 characters', 'x'.repeat(201)],
    ['a tab', 'Amara\tOkafor'],
    ['a line break', 'Amara\r\nOkafor'],
    ['a right-to-left override', 'Amara \u202EOkafor'],
  ])('refuses %s: a 400 problem ERR_REQUEST_INVALID naming personReference, and no offer', async (_what, personReference) => {
    const before = (await issuer.ctx.db.query('SELECT COUNT(*) AS n FROM sp_offers')) as { n: number }[];
    const res = await call(offersUrl(issuer.a), { key: issuer.a.keys.issuer, body: { credentials: [{ type: 'TrainingRecord', credentialSubject: exampleClaims('TrainingRecord') }], personReference } });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect([res.body['code'], res.body['field']]).toEqual(['ERR_REQUEST_INVALID', 'personReference']);
    const after = (await issuer.ctx.db.query('SELECT COUNT(*) AS n FROM sp_offers')) as { n: number }[];
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('the audit event says there is one, never who (the log cannot be erased)', async () => {
    const created = await makeOffer({ personReference: 'Bola Adeyemi, ESR 87654321' });
    const events = await listAuditEvents(issuer.ctx.db, issuer.a.org.id, { limit: 1000 });
    const event = events.find((e) => e.action === 'offer.create' && e.subject === created.id);
    expect(event?.detail).toMatchObject({ personReference: true });
    expect(JSON.stringify(event)).not.toContain('Adeyemi');
  });

  it('withdrawing an offer erases its person reference', async () => {
    const created = await makeOffer({ personReference: 'Chidi Eze' });
    expect((await call(`${offersUrl(issuer.a)}/${created.id}`, { method: 'DELETE', key: issuer.a.keys.issuer })).status).toBe(204);
    const rows = (await issuer.ctx.db.query('SELECT person_ref, person_ref_key FROM sp_offers WHERE id = ?', [created.id])) as { person_ref: string | null; person_ref_key: string | null }[];
    expect(rows[0]).toEqual({ person_ref: null, person_ref_key: null });
  });
});

// The credentials the wallet accepted for offers with person references (and one issued by the API).
const ids = { amaraTraining: [] as string[], amaraDbs: [] as string[], zoe: [] as string[], otherOrg: [] as string[], api: '' };

describe('finding credentials by person reference (listIssuedCredentials)', () => {
  let amaraHolder = '';

  beforeAll(async () => {
    const amaraTraining = await accept(await makeOffer({ personReference: 'Amara Okafor, ESR 12345678' }));
    ids.amaraTraining = amaraTraining.ids;
    amaraHolder = amaraTraining.holder;
    ids.amaraDbs = (await accept(await makeOffer({ personReference: 'Amara Okafor, ESR 12345678' }, { type: 'DbsCheck' }))).ids;
    ids.zoe = (await accept(await makeOffer({ personReference: 'ZOË  Ólafsdóttir' }))).ids;
    ids.otherOrg = (await accept(await makeOffer({ personReference: 'Amara Okafor' }, { org: issuer.b }), issuer.b)).ids;
    ids.api = await issueExample(issuer.url, issuer.a.org.id, issuer.a.keys.issuer, 'TrainingRecord', randomHolder());
  });

  it('the wallet got its credentials, and the records carry the reference; credentials issued otherwise have none', async () => {
    expect(ids.amaraTraining.length).toBeGreaterThan(0);
    expect(ids.amaraDbs.length).toBeGreaterThan(0);
    const record = await getIssuedCredential(issuer.ctx, issuer.a.org.id, ids.amaraTraining[0]!);
    expect(record.personReference).toBe('Amara Okafor, ESR 12345678');
    expect(record.issuedBy).toMatch(/^oid4vci:off_/);
    const api = await getIssuedCredential(issuer.ctx, issuer.a.org.id, ids.api);
    expect('personReference' in api).toBe(false);
  });

  it('finds by part of the name or the staff number, ignoring case; newest first', async () => {
    const byName = await listIssuedCredentials(issuer.ctx, issuer.a.org.id, { personReference: 'okafor' });
    expect(byName.map((r) => r.id)).toEqual([...ids.amaraTraining, ...ids.amaraDbs].reverse());
    expect(byName.every((r) => r.personReference === 'Amara Okafor, ESR 12345678')).toBe(true);
    const byNumber = await listIssuedCredentials(issuer.ctx, issuer.a.org.id, { personReference: '12345678' });
    expect(new Set(byNumber.map((r) => r.id))).toEqual(new Set([...ids.amaraTraining, ...ids.amaraDbs]));
    expect(await listIssuedCredentials(issuer.ctx, issuer.a.org.id, { personReference: 'AMARA OKAFOR, esr' })).toHaveLength(byName.length);
  });

  it('ignores accents and repeated spaces (beyond ASCII, which SQL lower() does not fold)', async () => {
    for (const text of ['zoë ólafsdóttir', 'Zoe Olafsdottir', 'ÓLAFSDÓTTIR']) {
      const found = await listIssuedCredentials(issuer.ctx, issuer.a.org.id, { personReference: text });
      expect(found.map((r) => r.id)).toEqual(ids.zoe);
    }
  });

  it('combines with type, holder and status; never finds another organisation’s', async () => {
    const dbs = await listIssuedCredentials(issuer.ctx, issuer.a.org.id, { personReference: 'okafor', type: 'DbsCheck' });
    expect(dbs.map((r) => r.id)).toEqual(ids.amaraDbs);
    const byHolder = await listIssuedCredentials(issuer.ctx, issuer.a.org.id, { personReference: 'okafor', subject: amaraHolder });
    expect(byHolder.map((r) => r.id)).toEqual(ids.amaraTraining);
    expect(await listIssuedCredentials(issuer.ctx, issuer.a.org.id, { personReference: 'okafor', subjectHash: sha256Hex(randomHolder()) })).toEqual([]);
    expect(await listIssuedCredentials(issuer.ctx, issuer.a.org.id, { personReference: 'okafor', status: 'revoked' })).toEqual([]);
    expect(await listIssuedCredentials(issuer.ctx, issuer.a.org.id, { personReference: 'nobody of that name' })).toEqual([]);
    const inB = await listIssuedCredentials(issuer.ctx, issuer.b.org.id, { personReference: 'okafor' });
    expect(inB.map((r) => r.id)).toEqual(ids.otherOrg);
  });

  it('pages through the matches', async () => {
    const all = await listIssuedCredentials(issuer.ctx, issuer.a.org.id, { personReference: 'okafor' });
    const first = await listIssuedCredentials(issuer.ctx, issuer.a.org.id, { personReference: 'okafor', limit: 1 });
    const rest = await listIssuedCredentials(issuer.ctx, issuer.a.org.id, { personReference: 'okafor', before: first[0]!.id });
    expect([...first, ...rest].map((r) => r.id)).toEqual(all.map((r) => r.id));
  });

  it('refuses a blank or too long search: ERR_REQUEST_INVALID on personReference', async () => {
    for (const personReference of ['', '   ', 'x'.repeat(201)]) {
      await expect(listIssuedCredentials(issuer.ctx, issuer.a.org.id, { personReference })).rejects.toMatchObject({ code: 'ERR_REQUEST_INVALID', field: 'personReference' });
    }
  });

  it('the API answers credential records with it', async () => {
    const res = await call(`${issuer.url}/orgs/${issuer.a.org.id}/credentials/${encodeURIComponent(ids.amaraDbs[0]!)}`, { key: issuer.a.keys.auditor });
    expect(res.status).toBe(200);
    expect(res.body['personReference']).toBe('Amara Okafor, ESR 12345678');
  });
});

describe('the OpenAPI document', () => {
  it('describes personReference on the offer request, the created offer, the offer and the credential record, and the answers fit the schemas', async () => {
    const doc = (await call(`${issuer.url}/openapi.json`)).body as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>>;
      components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }> };
    };
    const body = doc.paths['/orgs/{orgId}/offers']!['post']!.requestBody!.content['application/json']!.schema;
    expect(body.properties['personReference']).toMatchObject({ type: 'string', minLength: 1, maxLength: 200 });
    const schemas = doc.components.schemas;
    for (const name of ['CreatedOffer', 'Offer', 'IssuedCredentialRecord']) expect(schemas[name]!.properties['personReference']).toMatchObject({ type: 'string' });
    // The schemas allow no other properties: every property of a real answer must be described, every required one there.
    const created = await makeOffer({ personReference: 'Dara Byrne' });
    const offer = (await call(`${offersUrl(issuer.a)}/${created.id}`, { key: issuer.a.keys.auditor })).body;
    const record = (await call(`${issuer.url}/orgs/${issuer.a.org.id}/credentials/${encodeURIComponent(ids.amaraDbs[0]!)}`, { key: issuer.a.keys.auditor })).body;
    for (const [name, answer] of [['CreatedOffer', created], ['Offer', offer], ['IssuedCredentialRecord', record]] as const) {
      const schema = schemas[name]!;
      expect(Object.keys(answer).filter((k) => !(k in schema.properties))).toEqual([]);
      expect((schema.required ?? []).filter((k) => !(k in answer))).toEqual([]);
    }
  });
});
