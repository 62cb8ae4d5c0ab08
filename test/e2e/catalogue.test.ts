/**
 * Every credential type of the catalogue issues through the real issuer's W3C VC API and verifies
 * through the real verifier (issue 3), and the issuer publishes every schema at its `$id` path.
 * The verifier's clock is frozen and each credential's validFrom given, so the run does not
 * depend on today's date.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CATALOGUE, NAMESPACE, buildStaffPassportContext, type CredentialTypeDefinition } from '@staff-passport/schemas';
import { openNodeWallet } from '@staff-passport/wallet-sdk';
import { failedCodes, postJson, startServices, type Services } from '../helpers/start-services.js';

const VALID_FROM = '2026-11-01T09:00:00Z';
const VERIFIER_NOW = new Date('2026-11-21T12:00:00Z');

let services: Services;
let holder: string;
let closeWallet: () => Promise<void>;

// The newest version of each type: what the issuer issues under.
const newest = CATALOGUE.filter((d, i) => CATALOGUE.findIndex((x) => x.type === d.type) === i);

function issueBody(d: CredentialTypeDefinition): Record<string, unknown> {
  const credential = JSON.parse(JSON.stringify(d.example).replaceAll('{holderDid}', holder)) as Record<string, unknown>;
  return { credential: { ...credential, validFrom: VALID_FROM } };
}

function payloadOf(vc: { id: string }): Record<string, unknown> {
  const jwt = vc.id.slice('data:application/vc+jwt,'.length);
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
}

beforeAll(async () => {
  services = await startServices({ now: () => VERIFIER_NOW });
  const opened = await openNodeWallet({ file: join(services.dataDir, 'wallet.sqlite'), secretKey: randomBytes(32).toString('hex') });
  closeWallet = opened.close;
  holder = await opened.wallet.createHolder();
});

afterAll(async () => {
  await closeWallet();
  await services.close();
});

describe('every catalogue type, issued and verified over HTTP', () => {
  it.each(newest.map((d) => [d.type, d] as const))('%s', async (_type, d) => {
    const issued = await postJson(`${services.issuerUrl}/orgs/${services.org.id}/credentials/issue`, issueBody(d), { authorization: `Bearer ${services.apiKey}` });
    expect([issued.status, issued.body['code'], issued.body['issues']]).toEqual([201, undefined, undefined]);
    const vc = issued.body['verifiableCredential'] as { type: string; id: string };
    expect(vc.type).toBe('EnvelopedVerifiableCredential');

    const payload = payloadOf(vc);
    expect(payload).toMatchObject({
      type: ['VerifiableCredential', d.type],
      issuer: { id: services.org.did },
      credentialSchema: { id: d.schemaId, type: 'JsonSchema' },
      credentialSubject: { id: holder },
      validFrom: VALID_FROM,
    });
    // What the type's rules fix, the issuer derived.
    const derived = d.derive?.((issueBody(d)['credential'] as { credentialSubject: Record<string, unknown> }).credentialSubject);
    if (derived) expect([payload['credentialSubject'], payload['validUntil']]).toEqual([derived.credentialSubject, derived.validUntil]);

    const verified = await postJson(`${services.verifierUrl}/credentials/verify`, { verifiableCredential: vc });
    expect([verified.status, verified.body['verified'], failedCodes(verified.body)]).toEqual([200, true, []]);
    const checks = (verified.body['checks'] as { check: string; outcome: string }[]).map((c) => `${c.check}:${c.outcome}`);
    expect(checks).toEqual(expect.arrayContaining(['signature:passed', 'validity:passed', 'schema:passed']));
  });

  it('refuses an invalid example with the field and code, and issues nothing', async () => {
    const d = newest.find((x) => x.type === 'RightToWork')!;
    const body = issueBody(d);
    delete ((body['credential'] as { credentialSubject: { rightToWork: Record<string, unknown> } }).credentialSubject.rightToWork)['permissionExpiresOn'];
    const count = async () => ((await services.issuer.db.query('SELECT COUNT(*) AS n FROM sp_issued_credentials')) as { n: number }[])[0]!.n;
    const before = await count();
    const res = await postJson(`${services.issuerUrl}/orgs/${services.org.id}/credentials/issue`, body, { authorization: `Bearer ${services.apiKey}` });
    expect(res.status).toBe(400);
    expect(res.body['code']).toBe('ERR_SCHEMA_INVALID');
    expect(res.body['issues']).toEqual([expect.objectContaining({ path: 'credential.credentialSubject.rightToWork.permissionExpiresOn', code: 'required' })]);
    expect(await count()).toBe(before);
  });
});

describe('the published catalogue', () => {
  it('GET /schemas lists at least the 13 types, and each id answers with its schema', async () => {
    const res = await fetch(`${services.issuerUrl}/schemas`);
    expect(res.status).toBe(200);
    const list = (await res.json()) as { type: string; version: string; id: string }[];
    expect(new Set(list.map((s) => s.type)).size).toBeGreaterThanOrEqual(13);
    expect(list.map((s) => s.type)).toEqual(expect.arrayContaining(newest.map((d) => d.type)));
    for (const entry of list) {
      expect(entry.id.startsWith(`${NAMESPACE}/schemas/`)).toBe(true);
      const schemaRes = await fetch(`${services.issuerUrl}${entry.id.slice(NAMESPACE.length)}`);
      expect([entry.id, schemaRes.status]).toEqual([entry.id, 200]);
      expect(schemaRes.headers.get('content-type')).toContain('application/schema+json');
      expect(schemaRes.headers.get('cache-control')).toContain('max-age');
      const schema = (await schemaRes.json()) as Record<string, unknown>;
      expect(schema['$id']).toBe(entry.id);
      expect(schema).toEqual(JSON.parse(JSON.stringify(CATALOGUE.find((d) => d.schemaId === entry.id)!.schema)));
    }
  });

  it('GET /contexts/v1 answers with the context covering every type', async () => {
    const res = await fetch(`${services.issuerUrl}/contexts/v1`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(buildStaffPassportContext());
  });
});
