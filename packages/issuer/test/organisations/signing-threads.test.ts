/**
 * SigningThreads: JWS signatures made on worker threads, batched per turn of the event loop, that
 * verify with the key's public half (EdDSA and ES256, RFC 7518 section 3.4's IEEE P1363 form);
 * a signer that signs on the main thread unless told the main thread is busy; a close that fails
 * what was not signed and leaves the signer working on the main thread; and threads that keep a
 * process alive while they sign, not once idle.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SigningThreads } from '../../src/organisations/signing-threads.js';

const ed = generateKeyPairSync('ed25519');
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });

function verifies(input: string, signature: string, privateKey: KeyObject, alg: 'EdDSA' | 'ES256'): boolean {
  return verify(alg === 'EdDSA' ? null : 'sha256', Buffer.from(input), { key: createPublicKey(privateKey), dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
}

describe('SigningThreads', () => {
  let threads: SigningThreads | undefined;
  afterEach(async () => {
    await threads?.close();
    threads = undefined;
  });

  it('signs 150 inputs of two keys asked for in one turn, in batches of at most 64, each verifying', async () => {
    threads = new SigningThreads({ threads: 2 });
    const keys = [
      { kid: 'did:web:a#ed', alg: 'EdDSA' as const, privateKey: ed.privateKey },
      { kid: 'did:web:a#p256', alg: 'ES256' as const, privateKey: p256.privateKey },
    ];
    const inputs = Array.from({ length: 150 }, (_, i) => ({ key: keys[i % 2]!, input: `eyJhbGciOiJFZERTQSJ9.${Buffer.from(`payload ${i}`).toString('base64url')}` }));
    const signatures = await Promise.all(inputs.map(({ key, input }) => threads!.sign(key, input)));
    inputs.forEach(({ key, input }, i) => expect(verifies(input, signatures[i]!, key.privateKey, key.alg)).toBe(true));
    // Ed25519 is deterministic: the thread's signature is the one the main thread makes.
    const inline = threads.signer(keys[0]!, () => false);
    expect(await inline.sign(inputs[0]!.input)).toBe(signatures[0]);
  });

  it('signs on the main thread unless the main thread is busy, then on a thread', async () => {
    threads = new SigningThreads({ threads: 1 });
    let busy = false;
    const signer = threads.signer({ kid: 'did:web:a#ed', alg: 'EdDSA', privateKey: ed.privateKey }, () => busy);
    expect(signer).toMatchObject({ alg: 'EdDSA', kid: 'did:web:a#ed' });
    const onMain = signer.sign('a.b');
    busy = true;
    const onThread = signer.sign('a.b');
    expect(await onThread).toBe(await onMain);
    expect(verifies('a.b', await onThread, ed.privateKey, 'EdDSA')).toBe(true);
  });

  it('fails what was not signed when closed (ERR_INTERNAL), and its signers go on on the main thread', async () => {
    threads = new SigningThreads({ threads: 1 });
    const key = { kid: 'did:web:a#ed', alg: 'EdDSA' as const, privateKey: ed.privateKey };
    const pending = threads.sign(key, 'a.b');
    await threads.close();
    await expect(pending).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
    await expect(threads.sign(key, 'a.b')).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
    const signature = await threads.signer(key, () => true).sign('a.b');
    expect(verifies('a.b', signature, ed.privateKey, 'EdDSA')).toBe(true);
  });

  it('keeps a process alive while a signature is being made, and lets it exit once idle, unclosed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sp-threads-'));
    try {
      const source = fileURLToPath(new URL('../../src/organisations/signing-threads.ts', import.meta.url));
      const script = join(dir, 'sign-once.mts');
      writeFileSync(
        script,
        `import { generateKeyPairSync } from 'node:crypto';
import { SigningThreads } from ${JSON.stringify(source)};
const { privateKey } = generateKeyPairSync('ed25519');
const signature = await new SigningThreads().sign({ kid: 'k', alg: 'EdDSA', privateKey }, 'a.b');
process.stdout.write(String(signature.length));
`,
      );
      const run = spawnSync(process.execPath, ['--conditions=@staff-passport/source', '--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
      // 13 would be a top-level await never settled (the thread let go while signing); a timeout, a thread holding on.
      expect({ status: run.status, stdout: run.stdout.trim() }).toEqual({ status: 0, stdout: '86' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
