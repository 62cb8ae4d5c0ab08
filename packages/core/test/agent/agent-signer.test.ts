/** createAgentSigner: the KeyObject fast path for agents from createPassportAgent, keyManagerSign otherwise. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createAgent, type IKeyManager } from '@veramo/core';
import { KeyStore, PrivateKeyStore } from '@veramo/data-store';
import { KeyManager } from '@veramo/key-manager';
import { KeyManagementSystem, SecretBox } from '@veramo/kms-local';
import { compactVerify, importJWK } from 'jose';
import type { DataSource } from 'typeorm';
import { createAgentSigner, publicJwkOf } from '../../src/agent/agent-signer.js';
import { createPassportAgent, type PassportAgent } from '../../src/agent/create-passport-agent.js';
import { openDatabase } from '../../src/db/open-database.js';
import { createDidResolver } from '../../src/did/create-did-resolver.js';
import { PassportError } from '../../src/errors/passport-error.js';
import { signCompactJws } from '../../src/jose/compact-jws.js';

const secretKey = randomBytes(32).toString('hex');
let db: DataSource;
let agent: PassportAgent;

beforeAll(async () => {
  db = (await openDatabase({ file: ':memory:' })).dataSource;
  agent = createPassportAgent({ dataSource: db, secretKey, resolver: createDidResolver() });
});
afterAll(async () => {
  await db.destroy();
});

describe('createAgentSigner', () => {
  it('signs on the fast path with the very key keyManagerSign uses (Ed25519 is deterministic, RFC 8032)', async () => {
    const key = await agent.keyManagerCreate({ kms: 'local', type: 'Ed25519' });
    const signer = createAgentSigner(agent, key, `did:example:1#${key.kid}`);
    const input = 'eyJhbGciOiJFZERTQSJ9.eyJoZWxsbyI6IndvcmxkIn0';
    expect(await signer.sign(input)).toBe(await agent.keyManagerSign({ keyRef: key.kid, algorithm: 'EdDSA', data: input, encoding: 'utf-8' }));
  });

  it('signs through keyManagerSign for an agent not built by createPassportAgent', async () => {
    const other = createAgent<IKeyManager>({
      plugins: [new KeyManager({ store: new KeyStore(db), kms: { local: new KeyManagementSystem(new PrivateKeyStore(db, new SecretBox(secretKey))) } })],
    });
    const key = await other.keyManagerCreate({ kms: 'local', type: 'Secp256r1' });
    const jws = await signCompactJws({ typ: 'JWT' }, { a: 1 }, createAgentSigner(other, key, `did:example:1#${key.kid}`));
    await expect(compactVerify(jws, await importJWK(publicJwkOf(key), 'ES256'))).resolves.toBeDefined();
  });

  it('refuses key types that do not sign VC-JOSE credentials (ERR_REQUEST_INVALID)', () => {
    let err: unknown;
    try {
      createAgentSigner(agent, { kid: 'x', type: 'X25519' }, 'did:example:1#x');
    } catch (e: unknown) {
      err = e;
    }
    expect(err instanceof PassportError && err.code).toBe('ERR_REQUEST_INVALID');
  });
});
