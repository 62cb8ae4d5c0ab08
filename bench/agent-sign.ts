/**
 * Signing with keys the Veramo agent holds: raw node:crypto Ed25519, the old path (Veramo's DB key
 * store and @veramo/kms-local, reading and decrypting the key per signature), the agent's
 * `keyManagerSign` over KeyObjectKms, our agent signer, and a whole VC-JOSE credential with it.
 * Run: node --conditions=@staff-passport/source --import tsx bench/agent-sign.ts [durationMs]
 * `pnpm bench` calls {@link benchAgentSign} itself.
 */
import { createPublicKey, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAgentSigner, createDidResolver, createPassportAgent, openDatabase, publicJwkOf, signVcJose, verificationMethodIdFor } from '@staff-passport/core';
import { trainingRecordType } from '@staff-passport/schemas';
import { KeyStore, PrivateKeyStore } from '@veramo/data-store';
import { KeyManagementSystem, SecretBox } from '@veramo/kms-local';
import { compare, measure, type PathResult } from './measure.js';

const HOLDER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

/**
 * Measures each signing path for about `durationMs` and compares it with the raw node:crypto
 * Ed25519 rate (`rawSign`, or measured here when not given) and the new paths with the old one.
 *
 * @example
 * const results = await benchAgentSign(2000);
 * @throws Error when a path's signature does not verify (the figure would mean nothing).
 */
export async function benchAgentSign(durationMs: number, rawSign?: PathResult): Promise<PathResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sp-bench-sign-'));
  const db = (await openDatabase({ file: join(dir, 'agent.sqlite') })).dataSource;
  try {
    const secretKey = randomBytes(32).toString('hex');
    const agent = createPassportAgent({ dataSource: db, secretKey, resolver: createDidResolver() });
    const identifier = await agent.didManagerCreate({ provider: 'did:key', options: { keyType: 'Ed25519' } });
    const key = identifier.keys[0]!;
    const signer = createAgentSigner(agent, key, verificationMethodIdFor(identifier.did, key.kid));
    const credential = {
      ...(JSON.parse(JSON.stringify(trainingRecordType.example).replaceAll('{holderDid}', HOLDER)) as Record<string, unknown>),
      issuer: identifier.did,
      validFrom: '2026-09-14T09:00:00Z',
    };
    // Every path signs the same bytes: the signing input of the bench credential.
    const jwt = await signVcJose({ credential, signer });
    const signingInput = jwt.slice(0, jwt.lastIndexOf('.'));
    const data = new TextEncoder().encode(signingInput);

    let raw = rawSign;
    if (!raw) {
      const { privateKey } = generateKeyPairSync('ed25519');
      raw = await measure('raw-ed25519-sign', durationMs, () => sign(null, data, privateKey));
    }

    // The old path, as createPassportAgent was built before: what Veramo's keyManagerSign does per
    // call (agent dispatch aside): read the key row, read and decrypt the private key, sign with noble.
    const keyStore = new KeyStore(db);
    const kmsLocal = new KeyManagementSystem(new PrivateKeyStore(db, new SecretBox(secretKey)));
    const oldKey = await kmsLocal.createKey({ type: 'Ed25519' });
    await keyStore.importKey({ ...oldKey, kms: 'local' });
    const old = await measure('agent-sign-kms-local', durationMs, async () => {
      const keyRef = await keyStore.getKey({ kid: oldKey.kid });
      return kmsLocal.sign({ keyRef, algorithm: 'EdDSA', data });
    });
    compare(old, raw);

    const viaKeyManager = await measure('agent-keymanager-sign', durationMs, () =>
      agent.keyManagerSign({ keyRef: key.kid, algorithm: 'EdDSA', data: signingInput, encoding: 'utf-8' }),
    );
    compare(viaKeyManager, raw);
    compare(viaKeyManager, old);

    const fast = await measure('agent-sign', durationMs, () => signer.sign(signingInput));
    compare(fast, raw);
    compare(fast, old);

    const vc = await measure('sign-vc-jose-agent', durationMs, () => signVcJose({ credential, signer }));
    compare(vc, raw);

    const verifies = (publicKeyHex: string, signature: string): boolean =>
      verify(null, data, createPublicKey({ key: publicJwkOf({ type: 'Ed25519', publicKeyHex }), format: 'jwk' }), Buffer.from(signature, 'base64url'));
    const checks = [
      verifies(oldKey.publicKeyHex, await kmsLocal.sign({ keyRef: oldKey, algorithm: 'EdDSA', data })),
      verifies(key.publicKeyHex, await agent.keyManagerSign({ keyRef: key.kid, algorithm: 'EdDSA', data: signingInput, encoding: 'utf-8' })),
      verifies(key.publicKeyHex, await signer.sign(signingInput)),
    ];
    if (checks.includes(false)) throw new Error(`a bench signature did not verify: ${JSON.stringify(checks)}`);
    return [old, viaKeyManager, fast, vc, ...(rawSign ? [] : [raw])];
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await benchAgentSign(Number(process.argv[2] ?? 3000));
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  out(`${'path'.padEnd(26)}${'ops/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'rss MB'.padStart(8)}  vs`);
  for (const r of results) {
    const vs = r.vs.map((v) => `${v.ratio}x ${v.name} (${v.opsPerSec}/s)`).join('; ');
    out(`${r.path.padEnd(26)}${String(r.opsPerSec).padStart(10)}${String(r.p50Ms).padStart(10)}${String(r.p99Ms).padStart(10)}${String(r.rssMb).padStart(8)}  ${vs}`);
  }
}
