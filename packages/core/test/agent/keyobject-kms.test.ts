/**
 * KeyObjectKms: keys as node:crypto KeyObjects, stored exactly as @veramo/kms-local stores them
 * (hex, encrypted by SecretBox), signing EdDSA (RFC 8037) and ES256 as r||s (RFC 7518, section 3.4).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgent, type IDIDManager, type IKey, type IKeyManager, type TAgent } from '@veramo/core';
import { DIDStore, KeyStore, PrivateKeyStore } from '@veramo/data-store';
import { DIDManager } from '@veramo/did-manager';
import { KeyDIDProvider } from '@veramo/did-provider-key';
import { KeyManager } from '@veramo/key-manager';
import { KeyManagementSystem, SecretBox } from '@veramo/kms-local';
import { compactVerify, importJWK } from 'jose';
import type { DataSource } from 'typeorm';
import { createAgentSigner, publicJwkOf } from '../../src/agent/agent-signer.js';
import { createPassportAgent, type PassportAgent } from '../../src/agent/create-passport-agent.js';
import { KeyObjectKms } from '../../src/agent/keyobject-kms.js';
import { openDatabase } from '../../src/db/open-database.js';
import { createDidResolver } from '../../src/did/create-did-resolver.js';
import { signCompactJws } from '../../src/jose/compact-jws.js';
import { PassportError } from '../../src/errors/passport-error.js';
import { trainingRecordType } from '@staff-passport/schemas';

const secretKey = randomBytes(32).toString('hex');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sp-kms-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The agent as createPassportAgent built it before KeyObjectKms: Veramo's kms-local. */
function createKmsLocalAgent(db: DataSource): TAgent<IKeyManager & IDIDManager> {
  return createAgent<IKeyManager & IDIDManager>({
    plugins: [
      new KeyManager({ store: new KeyStore(db), kms: { local: new KeyManagementSystem(new PrivateKeyStore(db, new SecretBox(secretKey))) } }),
      new DIDManager({ store: new DIDStore(db), defaultProvider: 'did:key', providers: { 'did:key': new KeyDIDProvider({ defaultKms: 'local' }) } }),
    ],
  });
}

const ALG = { Ed25519: 'EdDSA', Secp256r1: 'ES256' } as const;

/** Signs a JWS with the agent's signer and verifies it with jose against the key's public JWK. */
async function signAndVerify(agent: TAgent<IKeyManager>, key: IKey): Promise<Uint8Array> {
  const signer = createAgentSigner(agent, key, `did:example:1#${key.kid}`);
  const jws = await signCompactJws({ typ: 'JWT' }, { hello: key.type }, signer);
  const alg = ALG[key.type as keyof typeof ALG];
  const { payload, protectedHeader } = await compactVerify(jws, await importJWK(publicJwkOf(key), alg));
  expect(protectedHeader.alg).toBe(alg);
  expect(JSON.parse(Buffer.from(payload).toString())).toEqual({ hello: key.type });
  return Buffer.from(jws.split('.')[2]!, 'base64url');
}

function codeOf(err: unknown): string | undefined {
  return err instanceof PassportError ? err.code : undefined;
}

describe('KeyObjectKms with an existing kms-local database', () => {
  it('signs with Ed25519 and P-256 keys kms-local created in an existing SQLite file, verified with jose', async () => {
    const file = join(dir, 'old.sqlite');
    const before = (await openDatabase({ file })).dataSource;
    const old = createKmsLocalAgent(before);
    const created = [await old.keyManagerCreate({ kms: 'local', type: 'Ed25519' }), await old.keyManagerCreate({ kms: 'local', type: 'Secp256r1' })];
    const issuer = await old.didManagerCreate({ provider: 'did:key', options: { keyType: 'Ed25519' } });
    await before.destroy();

    const db = (await openDatabase({ file })).dataSource;
    try {
      const agent = createPassportAgent({ dataSource: db, secretKey, resolver: createDidResolver() });
      // An identifier kms-local made issues and verifies through the agent (VC-JOSE-COSE section 3.1.1).
      const body = JSON.parse(JSON.stringify(trainingRecordType.example).replaceAll('{holderDid}', issuer.did)) as Record<string, unknown>;
      const jwt = await agent.createVcJose({ credential: { ...body, issuer: issuer.did, validFrom: '2026-09-14T09:00:00Z', credentialSchema: { id: trainingRecordType.schemaId, type: 'JsonSchema' } }, issuerDid: issuer.did });
      const verification = await agent.verifyVcJose({ jwt, now: new Date('2026-10-01T00:00:00Z') });
      expect(verification.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
      expect(verification.verified).toBe(true);
      for (const { kid } of created) {
        const key = await agent.keyManagerGet({ kid });
        const signature = await signAndVerify(agent, key);
        expect(signature).toHaveLength(64);
        // Veramo's own entry point goes through the same KMS.
        const viaKeyManager = await agent.keyManagerSign({ keyRef: kid, algorithm: ALG[key.type as keyof typeof ALG], data: 'abc', encoding: 'utf-8' });
        expect(Buffer.from(viaKeyManager, 'base64url')).toHaveLength(64);
      }
    } finally {
      await db.destroy();
    }
  });

  it('writes keys kms-local can still read (a rollback keeps working)', async () => {
    const file = join(dir, 'new.sqlite');
    const before = (await openDatabase({ file })).dataSource;
    const agent = createPassportAgent({ dataSource: before, secretKey, resolver: createDidResolver() });
    const created = [await agent.keyManagerCreate({ kms: 'local', type: 'Ed25519' }), await agent.keyManagerCreate({ kms: 'local', type: 'Secp256r1' })];
    await before.destroy();

    const db = (await openDatabase({ file })).dataSource;
    try {
      const old = createKmsLocalAgent(db);
      for (const key of created) await signAndVerify(old, key);
    } finally {
      await db.destroy();
    }
  });

  it('reports the same public key and kid as kms-local for the same private key (P-256 compressed)', async () => {
    const db = (await openDatabase({ file: ':memory:' })).dataSource;
    try {
      const store = new PrivateKeyStore(db, new SecretBox(secretKey));
      const ours = new KeyObjectKms(store);
      const theirs = new KeyManagementSystem(store);
      for (const [type, privateKeyHex] of [
        ['Ed25519', randomBytes(32).toString('hex')],
        ['Secp256r1', randomBytes(32).toString('hex')],
      ] as const) {
        const a = await theirs.importKey({ type, privateKeyHex });
        await theirs.deleteKey({ kid: a.kid });
        const b = await ours.importKey({ type, privateKeyHex });
        expect({ kid: b.kid, publicKeyHex: b.publicKeyHex, type: b.type }).toEqual({ kid: a.kid, publicKeyHex: a.publicKeyHex, type: a.type });
        expect(b.meta?.algorithms).toEqual(a.meta?.algorithms);
      }
    } finally {
      await db.destroy();
    }
  });
});

describe('KeyObjectKms signatures', () => {
  let db: DataSource;
  let agent: PassportAgent;
  beforeAll(async () => {
    db = (await openDatabase({ file: ':memory:' })).dataSource;
    agent = createPassportAgent({ dataSource: db, secretKey, resolver: createDidResolver() });
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('Ed25519 (EdDSA) and P-256 (ES256, r||s) verify with jose compactVerify against publicJwkOf', async () => {
    for (const type of ['Ed25519', 'Secp256r1'] as const) {
      const key = await agent.keyManagerCreate({ kms: 'local', type });
      // Several signatures from the one cached KeyObject, all valid.
      for (let i = 0; i < 3; i++) expect(await signAndVerify(agent, key)).toHaveLength(64);
    }
  });

  it('refuses an algorithm the key does not sign with (ERR_REQUEST_INVALID)', async () => {
    const key = await agent.keyManagerCreate({ kms: 'local', type: 'Ed25519' });
    const err = await agent.keyManagerSign({ keyRef: key.kid, algorithm: 'ES256', data: 'abc' }).catch((e: unknown) => e);
    expect(codeOf(err)).toBe('ERR_REQUEST_INVALID');
  });

  it('refuses key types it does not hold, and shared secrets (ERR_REQUEST_INVALID)', async () => {
    const kms = new KeyObjectKms(new PrivateKeyStore(db, new SecretBox(secretKey)));
    expect(codeOf(await kms.createKey({ type: 'X25519' }).catch((e: unknown) => e))).toBe('ERR_REQUEST_INVALID');
    expect(codeOf(await kms.importKey({ type: 'Secp256r1', privateKeyHex: '00'.repeat(32) }).catch((e: unknown) => e))).toBe('ERR_REQUEST_INVALID');
    expect(codeOf(await kms.importKey({ type: 'Ed25519', privateKeyHex: 'zz' }).catch((e: unknown) => e))).toBe('ERR_REQUEST_INVALID');
    expect(codeOf(await kms.sharedSecret().catch((e: unknown) => e))).toBe('ERR_REQUEST_INVALID');
  });

  it('reports a key that does not decrypt with the secret as ERR_CONFIG_INVALID, a missing key as ERR_KEY_NOT_FOUND', async () => {
    const key = await agent.keyManagerCreate({ kms: 'local', type: 'Ed25519' });
    const wrongSecret = new KeyObjectKms(new PrivateKeyStore(db, new SecretBox(randomBytes(32).toString('hex'))));
    expect(codeOf(await wrongSecret.sign({ keyRef: key, data: new Uint8Array(1) }).catch((e: unknown) => e))).toBe('ERR_CONFIG_INVALID');
    expect(codeOf(await wrongSecret.sign({ keyRef: { kid: 'no-such-key' }, data: new Uint8Array(1) }).catch((e: unknown) => e))).toBe('ERR_KEY_NOT_FOUND');
  });
});

describe('KeyObjectKms at rest', () => {
  it('keeps private keys encrypted: their bytes appear nowhere in the SQLite files', async () => {
    const file = join(dir, 'at-rest', 'keys.sqlite');
    const db = (await openDatabase({ file })).dataSource;
    const agent = createPassportAgent({ dataSource: db, secretKey, resolver: createDidResolver() });
    const keys = [await agent.keyManagerCreate({ kms: 'local', type: 'Ed25519' }), await agent.keyManagerCreate({ kms: 'local', type: 'Secp256r1' })];
    const imported = randomBytes(32).toString('hex');
    keys.push(await agent.keyManagerImport({ kms: 'local', type: 'Ed25519', privateKeyHex: imported }));
    const store = new PrivateKeyStore(db, new SecretBox(secretKey));
    const secrets = await Promise.all(keys.map(async (k) => (await store.getKey({ alias: k.kid })).privateKeyHex));
    for (const key of keys) await signAndVerify(agent, key);
    await db.destroy();

    const bytes = Buffer.concat(readdirSync(join(dir, 'at-rest')).map((name) => readFileSync(join(dir, 'at-rest', name))));
    // The search works: public keys are stored in the clear.
    for (const key of keys) expect(bytes.includes(Buffer.from(key.publicKeyHex, 'latin1'))).toBe(true);
    expect(secrets).toContain(imported);
    for (const hex of secrets) {
      const raw = Buffer.from(hex, 'hex').subarray(0, 32);
      expect(bytes.includes(raw)).toBe(false);
      expect(bytes.includes(Buffer.from(raw.toString('hex'), 'latin1'))).toBe(false);
      expect(bytes.includes(Buffer.from(raw.toString('hex').toUpperCase(), 'latin1'))).toBe(false);
      expect(bytes.includes(Buffer.from(raw.toString('base64url'), 'latin1'))).toBe(false);
    }
  });
});

describe('KeyObjectKms cache', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = (await openDatabase({ file: ':memory:' })).dataSource;
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('evicts a deleted key: its signers stop and signing reports ERR_KEY_NOT_FOUND', async () => {
    const kms = new KeyObjectKms(new PrivateKeyStore(db, new SecretBox(secretKey)));
    const key = await kms.createKey({ type: 'Ed25519' });
    const signer = await kms.getSigner(key.kid, 'EdDSA');
    expect(signer.signSync('abc')).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(kms.cachedKeyCount).toBe(1);
    await kms.deleteKey({ kid: key.kid });
    expect(kms.cachedKeyCount).toBe(0);
    expect(signer.deleted).toBe(true);
    expect(codeOf(captureSync(() => signer.signSync('abc')))).toBe('ERR_KEY_NOT_FOUND');
    expect(codeOf(await kms.sign({ keyRef: key, data: new Uint8Array(1) }).catch((e: unknown) => e))).toBe('ERR_KEY_NOT_FOUND');
  });

  it('a key deleted through the agent no longer signs through an agent signer made before', async () => {
    const agent = createPassportAgent({ dataSource: db, secretKey, resolver: createDidResolver() });
    const identifier = await agent.didManagerCreate({ provider: 'did:key', options: { keyType: 'Ed25519' } });
    const key = identifier.keys[0]!;
    const signer = createAgentSigner(agent, key, `${identifier.did}#${key.kid}`);
    await signer.sign('abc');
    await agent.didManagerDelete({ did: identifier.did });
    await expect(signer.sign('abc')).rejects.toThrow();
    await expect(agent.keyManagerGet({ kid: key.kid })).rejects.toThrow();
    await expect(agent.keyManagerSign({ keyRef: key.kid, data: 'abc' })).rejects.toThrow();
  });

  it('stays within its bound and reloads evicted keys from the store', async () => {
    const kms = new KeyObjectKms(new PrivateKeyStore(db, new SecretBox(secretKey)), { maxCachedKeys: 2 });
    const agent = createAgent<IKeyManager>({ plugins: [new KeyManager({ store: new KeyStore(db), kms: { local: kms } })] });
    const keys = await Promise.all(['Ed25519', 'Secp256r1', 'Ed25519', 'Secp256r1'].map((type) => agent.keyManagerCreate({ kms: 'local', type: type as IKey['type'] })));
    for (let round = 0; round < 2; round++) {
      for (const key of keys) {
        await signAndVerify(agent, key);
        expect(kms.cachedKeyCount).toBeLessThanOrEqual(2);
      }
    }
  });
});

function captureSync(fn: () => unknown): unknown {
  try {
    fn();
    return undefined;
  } catch (err: unknown) {
    return err;
  }
}
