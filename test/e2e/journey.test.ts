/**
 * One credential's whole journey over real HTTP with real keys (issue 2): HR issues a CSTF
 * training record through the issuer's W3C VC API; the organisation's did:web is served by the
 * issuer; the holder's wallet (SQLite) stores it and answers a presentation request; the verifier
 * resolves the did:web over HTTP and checks signature, holder binding, nonce, audience, validity
 * and schema. Then each failure, with its own code.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { trainingRecordType } from '@staff-passport/schemas';
import { openNodeWallet, type Wallet } from '@staff-passport/wallet-sdk';
import { failedCodes, getChallenge, postJson, startServices, type Services } from '../helpers/start-services.js';
import { trainingCredential } from '../helpers/training-credential.js';

let services: Services;
let wallet: Wallet;
let closeWallet: () => Promise<void>;
let holder: string;

function issueUrl(orgId = services.org.id): string {
  return `${services.issuerUrl}/orgs/${orgId}/credentials/issue`;
}

async function issue(credential: Record<string, unknown>, apiKey = services.apiKey) {
  return postJson(issueUrl(), { credential }, { authorization: `Bearer ${apiKey}` });
}

beforeAll(async () => {
  services = await startServices();
  ({ wallet, close: closeWallet } = await openNodeWallet({ file: join(services.dataDir, 'wallet.sqlite'), secretKey: randomBytes(32).toString('hex') }));
  holder = await wallet.createHolder();
});

afterAll(async () => {
  await closeWallet();
  await services.close();
});

describe('the journey', () => {
  it('issues, serves the did:web, stores in the wallet, presents and verifies', async () => {
    // 1. HR issues a CSTF training record (W3C VC API shape).
    const issued = await issue(trainingCredential(holder));
    expect(issued.status).toBe(201);
    const vc = issued.body['verifiableCredential'] as { type: string; id: string };
    expect(vc.type).toBe('EnvelopedVerifiableCredential');
    expect(vc.id.startsWith('data:application/vc+jwt,')).toBe(true);
    const jwt = vc.id.slice('data:application/vc+jwt,'.length);
    const [header, payload] = jwt.split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>);
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt' });
    expect(String(header!['kid']).startsWith(`${services.org.did}#`)).toBe(true);
    expect(payload).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/staff-passport/contexts/v1'],
      type: ['VerifiableCredential', 'TrainingRecord'],
      issuer: { id: services.org.did },
      // Issued under the newest version the catalogue keeps (TrainingRecord 1.1.0).
      credentialSchema: { id: trainingRecordType.schemaId, type: 'JsonSchema' },
      // Fire safety level 1 has a 2-year refresher: the issuer derives expiry and validUntil.
      credentialSubject: { id: holder, training: { completedOn: '2026-09-14', expiresOn: '2028-09-14' } },
      validUntil: '2028-09-14T23:59:59Z',
    });

    // 2. The organisation's DID document is where did:web puts it.
    const didRes = await fetch(`${services.issuerUrl}/orgs/${services.org.id}/did.json`);
    expect(didRes.status).toBe(200);
    const didDoc = (await didRes.json()) as { id: string; alsoKnownAs: string[]; assertionMethod: string[] };
    expect(didDoc.id).toBe(services.org.did);
    expect(didDoc.alsoKnownAs[0]).toMatch(/RZY$/);
    expect(didDoc.assertionMethod).toContain(header!['kid']);

    // 3. The wallet stores it and answers a presentation request.
    const stored = await wallet.storeCredential(vc);
    expect((await wallet.listCredentials({ type: 'TrainingRecord' })).map((c) => c.id)).toEqual([stored.id]);
    const { challenge, domain } = await getChallenge(services.verifierUrl);
    const vp = await wallet.createPresentation({ credentialIds: [stored.id], challenge, domain });

    // 4. The verifier checks everything.
    const verified = await postJson(`${services.verifierUrl}/presentations/verify`, { verifiablePresentation: vp, options: { challenge, domain } });
    expect(verified.status).toBe(200);
    expect(verified.body['verified']).toBe(true);
    const checks = (verified.body['checks'] as { check: string; outcome: string }[]).map((c) => `${c.check}:${c.outcome}`);
    expect(checks).toEqual(
      expect.arrayContaining([
        'presentation.challenge:passed',
        'presentation.signature:passed',
        'presentation.nonce:passed',
        'presentation.audience:passed',
        'signature:passed',
        'holder-binding:passed',
        'validity:passed',
        'schema:passed',
      ]),
    );

    const single = await postJson(`${services.verifierUrl}/credentials/verify`, { verifiableCredential: vc });
    expect(single.status).toBe(200);
    expect(single.body['verified']).toBe(true);
  });
});

describe('failures, each with its own code', () => {
  let vc: { id: string };
  let storedId: string;

  beforeAll(async () => {
    vc = (await issue(trainingCredential(holder))).body['verifiableCredential'] as { id: string };
    storedId = (await wallet.storeCredential(vc)).id;
  });

  it('a tampered payload fails the signature check (ERR_VC_SIGNATURE_INVALID)', async () => {
    const [h, p, s] = vc.id.slice('data:application/vc+jwt,'.length).split('.');
    // A schema-valid change, so only the signature can catch it.
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as { credentialSubject: { training: { issuerAligned: boolean } } };
    claims.credentialSubject.training.issuerAligned = false;
    const tampered = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    const res = await postJson(`${services.verifierUrl}/credentials/verify`, { verifiableCredential: `data:application/vc+jwt,${tampered}` });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body['verified']).toBe(false);
    expect(failedCodes(res.body)).toEqual(['ERR_VC_SIGNATURE_INVALID']);
  });

  it('one character of the signature changed fails (ERR_VC_SIGNATURE_INVALID)', async () => {
    const jwt = vc.id.slice('data:application/vc+jwt,'.length);
    const at = jwt.lastIndexOf('.') + 10;
    const changed = `${jwt.slice(0, at)}${jwt[at] === 'A' ? 'B' : 'A'}${jwt.slice(at + 1)}`;
    const res = await postJson(`${services.verifierUrl}/credentials/verify`, { verifiableCredential: { ...vc, id: `data:application/vc+jwt,${changed}` } });
    expect(res.status).toBe(400);
    expect(failedCodes(res.body)).toEqual(['ERR_VC_SIGNATURE_INVALID']);
  });

  it('a presentation for another nonce fails (ERR_VP_NONCE_MISMATCH)', async () => {
    const { challenge, domain } = await getChallenge(services.verifierUrl);
    const vp = await wallet.createPresentation({ credentialIds: [storedId], challenge: 'nonce-the-holder-was-given', domain });
    const res = await postJson(`${services.verifierUrl}/presentations/verify`, { verifiablePresentation: vp, options: { challenge, domain } });
    expect(res.status).toBe(400);
    expect(failedCodes(res.body)).toEqual(['ERR_VP_NONCE_MISMATCH']);
  });

  it('a challenge the verifier never gave fails (ERR_NONCE_UNKNOWN); a replayed presentation fails (ERR_NONCE_REPLAYED)', async () => {
    const domain = services.verifierUrl;
    const made = await wallet.createPresentation({ credentialIds: [storedId], challenge: 'made-up-nonce-123', domain });
    const unknown = await postJson(`${services.verifierUrl}/presentations/verify`, { verifiablePresentation: made, options: { challenge: 'made-up-nonce-123', domain } });
    expect(failedCodes(unknown.body)).toEqual(['ERR_NONCE_UNKNOWN']);
    const { challenge } = await getChallenge(services.verifierUrl);
    const vp = await wallet.createPresentation({ credentialIds: [storedId], challenge, domain });
    const first = await postJson(`${services.verifierUrl}/presentations/verify`, { verifiablePresentation: vp, options: { challenge, domain } });
    expect(first.status).toBe(200);
    const replay = await postJson(`${services.verifierUrl}/presentations/verify`, { verifiablePresentation: vp, options: { challenge, domain } });
    expect(replay.status).toBe(400);
    expect(failedCodes(replay.body)).toEqual(['ERR_NONCE_REPLAYED']);
  });

  it('a presentation for another audience fails (ERR_VP_AUDIENCE_MISMATCH)', async () => {
    const { challenge } = await getChallenge(services.verifierUrl);
    const vp = await wallet.createPresentation({ credentialIds: [storedId], challenge, domain: 'https://another-verifier.example' });
    const res = await postJson(`${services.verifierUrl}/presentations/verify`, { verifiablePresentation: vp, options: { challenge, domain: services.verifierUrl } });
    expect(res.status).toBe(400);
    expect(failedCodes(res.body)).toEqual(['ERR_VP_AUDIENCE_MISMATCH']);
  });

  it('an expired credential fails (ERR_VC_EXPIRED)', async () => {
    // Fire safety completed in 2020 expired in 2022: the issuer records history as it was.
    const old = await issue({ ...trainingCredential(holder, { completedOn: '2020-01-06' }), validFrom: '2020-01-06T09:00:00Z' });
    expect(old.status).toBe(201);
    const res = await postJson(`${services.verifierUrl}/credentials/verify`, { verifiableCredential: old.body['verifiableCredential'] });
    expect(res.status).toBe(400);
    expect(failedCodes(res.body)).toEqual(['ERR_VC_EXPIRED']);
  });

  it('a missing API key is refused (ERR_AUTH_MISSING)', async () => {
    const res = await postJson(issueUrl(), { credential: trainingCredential(holder) });
    expect(res.status).toBe(401);
    expect(res.type).toContain('application/problem+json');
    expect(res.body['code']).toBe('ERR_AUTH_MISSING');
  });

  it('a wrong API key is refused (ERR_AUTH_INVALID)', async () => {
    const res = await issue(trainingCredential(holder), `sp_${randomBytes(32).toString('base64url')}`);
    expect(res.status).toBe(401);
    expect(res.body['code']).toBe('ERR_AUTH_INVALID');
  });

  it('an unknown organisation is refused (ERR_ORG_NOT_FOUND)', async () => {
    const res = await postJson(issueUrl('org_0000000000000000'), { credential: trainingCredential(holder) }, { authorization: `Bearer ${services.apiKey}` });
    expect(res.status).toBe(404);
    expect(res.body['code']).toBe('ERR_ORG_NOT_FOUND');
    expect(res.body['field']).toBe('orgId');
  });

  it('schema-invalid claims are refused naming the field (ERR_SCHEMA_INVALID)', async () => {
    const res = await issue(trainingCredential(holder, { level: 7, completedOn: '14/09/2026' }));
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body['code']).toBe('ERR_SCHEMA_INVALID');
    const issues = res.body['issues'] as { path: string; code: string }[];
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'credential.credentialSubject.training.level', code: 'enum' }),
        expect.objectContaining({ path: 'credential.credentialSubject.training.completedOn', code: 'format' }),
      ]),
    );
    expect(['credential.credentialSubject.training.level', 'credential.credentialSubject.training.completedOn']).toContain(res.body['field']);
  });

  it('a level the subject does not have is refused by the catalogue rules', async () => {
    const res = await issue(trainingCredential(holder, { subject: 'fire_safety', level: 2 }));
    expect(res.status).toBe(400);
    expect(res.body['issues']).toEqual([expect.objectContaining({ path: 'credential.credentialSubject.training.level', code: 'level_not_in_framework' })]);
  });

  it('nothing half-written: a refused issue leaves no record', async () => {
    const count = async () => ((await services.issuer.db.query('SELECT COUNT(*) AS n FROM sp_issued_credentials')) as { n: number }[])[0]!.n;
    const before = await count();
    await issue(trainingCredential(holder, { level: 9 }));
    expect(await count()).toBe(before);
  });
});
