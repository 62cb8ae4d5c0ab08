/**
 * The verifier's signing key: created once, kept in its SQLite file (AES-256-GCM under the
 * context's secret when it has one), the same kid for every context on that file; its did:web
 * document lists it (OpenID4VP 1.0 section 5.9.3: the wallet takes the key from the DID document).
 */
import { afterAll, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createLogger } from '@staff-passport/core';
import { createVerifierContext } from '../../src/create-verifier-context.js';
import { buildVerifierDidDocument, loadVerifierKey, verifierDid } from '../../src/oid4vp/index.js';

const dir = mkdtempSync(join(tmpdir(), 'sp-vkey-'));
const file = join(dir, 'verifier.sqlite');
const secretKey = randomBytes(32).toString('hex');
const open = (secret?: string) =>
  createVerifierContext({ logger: createLogger({ level: 'silent' }), databaseFile: file, publicUrl: 'http://127.0.0.1:4321', ...(secret === undefined ? {} : { secretKey: secret }) });

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

it('the DID is did:web of the origin, the port %3A-encoded', () => {
  expect(verifierDid('http://127.0.0.1:4321/some/path')).toBe('did:web:127.0.0.1%3A4321');
  expect(verifierDid('https://verify.example.nhs.uk')).toBe('did:web:verify.example.nhs.uk');
});

it('is created once, encrypted under the secret, and read back by another context; a wrong or missing secret is ERR_CONFIG_INVALID', async () => {
  const a = await open(secretKey);
  const first = await loadVerifierKey(a);
  await a.close();
  const b = await open(secretKey);
  const second = await loadVerifierKey(b);
  expect(second.kid).toBe(first.kid);
  expect(second.kid.startsWith('did:web:127.0.0.1%3A4321#')).toBe(true);
  const rows = (await b.db.query('SELECT encrypted, private_key FROM sp_verifier_keys')) as { encrypted: number; private_key: string }[];
  expect(rows).toHaveLength(1);
  expect(rows[0]!.encrypted).toBe(1);
  expect(rows[0]!.private_key.startsWith('v1.')).toBe(true);
  const doc = buildVerifierDidDocument(second) as { id: string; verificationMethod: { id: string; publicKeyJwk: unknown }[]; authentication: string[] };
  expect(doc.id).toBe(second.did);
  expect(doc.verificationMethod[0]).toMatchObject({ id: second.kid, publicKeyJwk: { kty: 'OKP', crv: 'Ed25519' } });
  expect(doc.authentication).toEqual([second.kid]);
  await b.close();

  for (const secret of [randomBytes(32).toString('hex'), undefined, 'short']) {
    const c = await open(secret);
    await expect(loadVerifierKey(c)).rejects.toMatchObject({ code: 'ERR_CONFIG_INVALID' });
    await c.close();
  }
});
