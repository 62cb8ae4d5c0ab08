/**
 * VC-JOSE through our Veramo plugin (VC-JOSE-COSE section 3.1.1: typ vc+jwt, the payload is the
 * credential), with keys in Veramo's key manager over an in-memory SQLite store; and did:jwk.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import type { DataSource } from 'typeorm';
import { createDidResolver, createPassportAgent, openDatabase, signVcJose, verifyVcJose, type JwsSigner, type PassportAgent } from '@staff-passport/core';
import { trainingRecordType } from '@staff-passport/schemas';

let db: DataSource;
let agent: PassportAgent;

beforeAll(async () => {
  db = (await openDatabase({ file: ':memory:' })).dataSource;
  agent = createPassportAgent({ dataSource: db, secretKey: randomBytes(32).toString('hex'), resolver: createDidResolver() });
});
afterAll(async () => {
  await db.destroy();
});

function credentialFor(issuer: string, holder: string): Record<string, unknown> {
  const body = JSON.parse(JSON.stringify(trainingRecordType.example).replaceAll('{holderDid}', holder)) as Record<string, unknown>;
  return { ...body, issuer, validFrom: '2026-09-14T09:00:00Z', credentialSchema: { id: trainingRecordType.schemaId, type: 'JsonSchema' } };
}

describe('VcJosePlugin', () => {
  it('signs with a did:key issuer held by Veramo and verifies through the agent', async () => {
    const issuer = await agent.didManagerCreate({ provider: 'did:key', options: { keyType: 'Ed25519' } });
    const jwt = await agent.createVcJose({ credential: credentialFor(issuer.did, issuer.did), issuerDid: issuer.did });
    const header = JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()) as Record<string, string>;
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt' });
    const result = await agent.verifyVcJose({ jwt, now: new Date('2026-10-01T00:00:00Z') });
    expect(result.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.checks.map((c) => c.check)).toEqual(['format', 'issuer', 'signature', 'validity', 'schema']);
  });

  it('refuses a credential signed by a key the issuer DID does not list (ERR_VC_KEY_NOT_FOUND)', async () => {
    const issuer = await agent.didManagerCreate({ provider: 'did:key', options: { keyType: 'Ed25519' } });
    const other = await agent.didManagerCreate({ provider: 'did:key', options: { keyType: 'Ed25519' } });
    // Signed with `other`'s key but claiming `issuer`: the kid names a key outside issuer's DID.
    const jwt = await agent.createVcJose({ credential: credentialFor(issuer.did, issuer.did), issuerDid: other.did });
    const result = await agent.verifyVcJose({ jwt, now: new Date('2026-10-01T00:00:00Z') });
    expect(result.verified).toBe(false);
    expect(result.checks.find((c) => c.check === 'signature')?.code).toBe('ERR_VC_KEY_NOT_FOUND');
  });

  it('refuses alg none (ERR_VC_ALG_UNSUPPORTED)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'vc+jwt' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(credentialFor('did:key:z6Mkx', 'did:key:z6Mkx'))).toString('base64url');
    const result = await verifyVcJose({ jwt: `${header}.${payload}.`, resolver: createDidResolver() });
    expect(result.checks[0]).toMatchObject({ check: 'format', outcome: 'failed', code: 'ERR_VC_ALG_UNSUPPORTED' });
  });
});

describe('did:jwk issuers (P-256, ES256)', () => {
  it('verify through the default resolver', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    const did = `did:jwk:${Buffer.from(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y })).toString('base64url')}`;
    const { SignJWT } = await import('jose');
    const signer: JwsSigner = {
      alg: 'ES256',
      kid: `${did}#0`,
      // jose signs the same input; we only need its signature part.
      sign: async (input) => {
        const [h, p] = input.split('.');
        const jws = await new SignJWT(JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>)
          .setProtectedHeader(JSON.parse(Buffer.from(h!, 'base64url').toString()) as { alg: string })
          .sign(privateKey);
        return jws.split('.')[2]!;
      },
    };
    const jwt = await signVcJose({ credential: credentialFor(did, did), signer });
    const result = await verifyVcJose({ jwt, resolver: createDidResolver(), now: new Date('2026-10-01T00:00:00Z') });
    expect(result.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(result.verified).toBe(true);
  });
});
