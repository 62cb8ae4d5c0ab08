/**
 * The issuer under bad input and with secrets (issue 2 foundations): every bad request is a 4xx
 * application/problem+json with a stable code and the field; private keys are encrypted at rest;
 * API keys are stored hashed; logs carry no secret, key or whole credential.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '@staff-passport/core';
import { orgPrivateKeys } from '../helpers/org-private-keys.js';
import { postJson, startServices, type Services } from '../helpers/start-services.js';
import { trainingCredential } from '../helpers/training-credential.js';

const logLines: string[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _enc, done) {
    logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});

let services: Services;
const holder = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

beforeAll(async () => {
  services = await startServices({ logger: createLogger({ level: 'debug', destination: logSink }) });
});
afterAll(async () => {
  await services.close();
});

function issueUrl(): string {
  return `${services.issuerUrl}/orgs/${services.org.id}/credentials/issue`;
}

async function raw(body: string, headers: Record<string, string>) {
  const res = await fetch(issueUrl(), { method: 'POST', headers: { authorization: `Bearer ${services.apiKey}`, ...headers }, body });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Record<string, unknown> };
}

describe('bad input gets a 4xx problem with a code and the field', () => {
  it.each([
    ['malformed JSON', '{"credential": ', 400, 'ERR_JSON_MALFORMED', undefined],
    ['a body that is not an object', '[1,2,3]', 400, 'ERR_REQUEST_INVALID', 'body'],
    ['an unknown top-level field', JSON.stringify({ credential: {}, extra: 1 }), 400, 'ERR_REQUEST_INVALID', 'extra'],
    ['credential of the wrong type', JSON.stringify({ credential: 'text' }), 400, 'ERR_REQUEST_INVALID', 'credential'],
    ['an unknown option', JSON.stringify({ credential: {}, options: { proofType: 'x' } }), 400, 'ERR_REQUEST_INVALID', 'options.proofType'],
    ['an unsupported format', JSON.stringify({ credential: {}, options: { format: 'mso_mdoc' } }), 400, 'ERR_FORMAT_UNSUPPORTED', 'options.format'],
    ['a proof the issuer would make (VC Data Model 2.0, 4.12)', JSON.stringify({ credential: { ...trainingCredential(holder), proof: { type: 'DataIntegrityProof' } } }), 400, 'ERR_VCDM_PROOF_PRESENT', 'credential.proof'],
    ['an unknown credential type', JSON.stringify({ credential: { type: ['VerifiableCredential', 'PilotLicence'] } }), 400, 'ERR_TYPE_UNKNOWN', 'credential.type'],
    ['another issuer', JSON.stringify({ credential: { ...trainingCredential(holder), issuer: 'did:web:evil.example' } }), 400, 'ERR_ISSUER_MISMATCH', 'credential.issuer'],
    ['a bad validFrom', JSON.stringify({ credential: { ...trainingCredential(holder), validFrom: 'yesterday' } }), 400, 'ERR_REQUEST_INVALID', 'credential.validFrom'],
    ['a body over the limit', JSON.stringify({ credential: { pad: 'x'.repeat(1_100_000) } }), 413, 'ERR_BODY_TOO_LARGE', undefined],
  ])('%s', async (_name, body, status, code, field) => {
    const res = await raw(body, { 'content-type': 'application/json' });
    expect(res.status).toBe(status);
    expect(res.type).toContain('application/problem+json');
    expect(res.body['code']).toBe(code);
    if (field) expect(res.body['field']).toBe(field);
  });

  it('a body that is not JSON is refused with 415', async () => {
    const res = await raw('credential=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect(res.body['code']).toBe('ERR_UNSUPPORTED_MEDIA_TYPE');
  });

  it('an unknown route is a 404 problem', async () => {
    const res = await fetch(`${services.issuerUrl}/nowhere`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as { code: string }).code).toBe('ERR_NOT_FOUND');
  });

  it('the verifier refuses a verify request without challenge and domain, naming the field', async () => {
    const res = await postJson(`${services.verifierUrl}/presentations/verify`, { verifiablePresentation: 'x.y.z' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'ERR_REQUEST_INVALID', field: 'options' });
    const noVc = await postJson(`${services.verifierUrl}/credentials/verify`, { verifiableCredential: 42 });
    expect(noVc.body).toMatchObject({ code: 'ERR_REQUEST_INVALID', field: 'verifiableCredential' });
  });
});

describe('secrets', () => {
  it('private keys are encrypted at rest: no private key bytes in the SQLite files', async () => {
    // Issue one credential so the key has been used and the WAL holds recent pages too.
    const issued = await postJson(issueUrl(), { credential: trainingCredential(holder) }, { authorization: `Bearer ${services.apiKey}` });
    expect(issued.status).toBe(201);
    const keys = (await orgPrivateKeys(services.issuer)).filter((k) => k.orgId === services.org.id);
    const files = readdirSync(services.dataDir).filter((f) => f.startsWith('issuer.sqlite')).map((f) => readFileSync(join(services.dataDir, f)));
    expect(files.length).toBeGreaterThan(0);
    expect(keys.length).toBeGreaterThan(0);
    for (const { privateKeyHex } of keys) {
      const raw32 = Buffer.from(privateKeyHex, 'hex').subarray(0, 32);
      for (const file of files) {
        expect(file.includes(raw32)).toBe(false);
        expect(file.includes(Buffer.from(privateKeyHex))).toBe(false);
        expect(file.includes(Buffer.from(privateKeyHex.slice(0, 64).toUpperCase()))).toBe(false);
        expect(file.includes(Buffer.from(raw32.toString('base64url')))).toBe(false);
      }
    }
  });

  it('API keys are stored hashed', async () => {
    const rows = (await services.issuer.db.query('SELECT key_hash FROM sp_api_keys')) as { key_hash: string }[];
    expect(rows.length).toBeGreaterThan(0);
    const file = readFileSync(join(services.dataDir, 'issuer.sqlite'));
    const wal = readdirSync(services.dataDir).includes('issuer.sqlite-wal') ? readFileSync(join(services.dataDir, 'issuer.sqlite-wal')) : Buffer.alloc(0);
    expect(file.includes(Buffer.from(services.apiKey))).toBe(false);
    expect(wal.includes(Buffer.from(services.apiKey))).toBe(false);
  });

  it('logs carry request ids, and no API key, secret or credential', async () => {
    const issued = await postJson(issueUrl(), { credential: trainingCredential(holder) }, { authorization: `Bearer ${services.apiKey}`, 'x-request-id': 'req-test-1' });
    const jwt = (issued.body['verifiableCredential'] as { id: string }).id.split(',')[1]!;
    await postJson(`${services.verifierUrl}/credentials/verify`, { verifiableCredential: issued.body['verifiableCredential'] });
    const all = logLines.join('\n');
    expect(logLines.some((l) => (JSON.parse(l) as { reqId?: string }).reqId === 'req-test-1')).toBe(true);
    expect(all).not.toContain(services.apiKey);
    expect(all).not.toContain(services.secretKey);
    expect(all).not.toContain(jwt.split('.')[2]!);
    expect(all).not.toContain(jwt.split('.')[1]!.slice(0, 40));
  });
});
