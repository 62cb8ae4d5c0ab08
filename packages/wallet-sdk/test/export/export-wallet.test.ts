/** The holder's control of their data: export (encrypted with a passphrase), import, delete. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  MemoryCredentialStore,
  MemoryKeyStore,
  MemorySharingLog,
  Wallet,
  openNodeWallet,
  type KeyStore,
  type SharingLogEntry,
  type StoredCredential,
  type WalletExportFile,
} from '../../src/index.js';

const passphrase = 'correct horse battery staple';
const NOW = new Date('2026-03-01T12:00:00Z');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sp-wallet-export-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function memoryWallet(keys: KeyStore = new MemoryKeyStore()): Wallet {
  return new Wallet({ keys, credentials: new MemoryCredentialStore(), log: new MemorySharingLog(), now: () => NOW });
}

function credential(id: string, holder: string): StoredCredential {
  return { id, format: 'vc+jwt', raw: `jwt-${id}`, types: ['TrainingRecord'], issuer: 'did:web:issuer.example', holder, claims: {}, storedAt: NOW.toISOString() };
}

function logEntry(id: string): SharingLogEntry {
  return { id, action: 'shared', at: NOW.toISOString(), counterparty: { id: 'decentralized_identifier:did:web:verifier.example' }, credentialTypes: ['TrainingRecord'], credentialIds: ['c1'], claimsDisclosed: ['credentialSubject.training'] };
}

async function filled(): Promise<Wallet> {
  const wallet = memoryWallet();
  const holder = await wallet.createHolder({ alg: 'ES256' });
  await wallet.createHolder({ method: 'did:jwk' });
  await wallet.parts.credentials.put(credential('c1', holder));
  await wallet.parts.credentials.put(credential('c2', holder));
  await wallet.parts.log.append(logEntry('l1'));
  return wallet;
}

describe('exportWallet and importWallet', () => {
  let source: Wallet;
  let file: WalletExportFile;
  beforeAll(async () => {
    source = await filled();
    file = await source.exportWallet({ passphrase });
  });

  it('writes one JSON file whose contents are encrypted (PBKDF2-SHA256 600,000 iterations, AES-256-GCM)', () => {
    expect(file).toMatchObject({ format: 'staff-passport-wallet-export', version: 1, exportedAt: NOW.toISOString(), keysWithheld: [], kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 }, cipher: { name: 'AES-GCM' } });
    const text = JSON.stringify(file);
    expect(text).not.toContain('jwt-c1');
    expect(text).not.toContain('"d"');
  });

  it('restores keys, credentials and the log into an empty SQLite wallet, whose keys then sign', async () => {
    const { wallet, close } = await openNodeWallet({ file: join(dir, 'restored.sqlite'), secretKey: randomBytes(32).toString('hex') });
    try {
      const result = await wallet.importWallet(JSON.stringify(file), { passphrase });
      expect(result).toEqual({ keys: 2, credentials: 2, log: 1, keysNotImported: [], keysWithheld: [] });
      expect(await wallet.listHolders()).toEqual(await source.listHolders());
      expect((await wallet.listCredentials()).map((c) => c.id)).toEqual(['c1', 'c2']);
      expect(await wallet.listSharingLog()).toEqual([logEntry('l1')]);
      const [holder] = await wallet.listKeys();
      expect((await wallet.parts.keys.signerFor(holder!.did)).kid).toBe(holder!.kid);
      // A second import adds nothing: no duplicates.
      expect(await wallet.importWallet(file, { passphrase })).toMatchObject({ keys: 0, credentials: 0, log: 0 });
      expect(await wallet.listCredentials()).toHaveLength(2);
    } finally {
      await close();
    }
  });

  it('merges into a wallet that already holds something, keeping what it had', async () => {
    const target = memoryWallet();
    const own = await target.createHolder();
    await target.parts.credentials.put({ ...credential('c1', own), raw: 'mine' });
    const result = await target.importWallet(file, { passphrase });
    expect(result).toMatchObject({ keys: 2, credentials: 1, log: 1 });
    expect((await target.getCredential('c1'))!.raw).toBe('mine');
    expect(await target.listHolders()).toHaveLength(3);
  });

  it('says which keys a store without importKey could not take', async () => {
    const keys = new MemoryKeyStore();
    const limited: KeyStore = { createKey: (o) => keys.createKey(o), listKeys: () => keys.listKeys(), getKey: (d) => keys.getKey(d), signerFor: (d) => keys.signerFor(d), deleteKey: (d) => keys.deleteKey(d) };
    const result = await memoryWallet(limited).importWallet(file, { passphrase });
    expect(result.keysNotImported).toEqual(await source.listHolders());
    // And a store that cannot export its keys lists them as withheld.
    await limited.createKey();
    const withheld = await memoryWallet(limited).exportWallet({ passphrase });
    expect(withheld.keysWithheld).toHaveLength(1);
  });

  it('refuses a wrong passphrase (ERR_WALLET_PASSPHRASE_INVALID) and an altered file', async () => {
    await expect(memoryWallet().importWallet(file, { passphrase: 'not the passphrase' })).rejects.toMatchObject({ code: 'ERR_WALLET_PASSPHRASE_INVALID' });
    const flipped = file.ciphertext.startsWith('A') ? `B${file.ciphertext.slice(1)}` : `A${file.ciphertext.slice(1)}`;
    await expect(memoryWallet().importWallet({ ...file, ciphertext: flipped }, { passphrase })).rejects.toMatchObject({ code: 'ERR_WALLET_PASSPHRASE_INVALID' });
    // The header is bound to the ciphertext too.
    await expect(memoryWallet().importWallet({ ...file, kdf: { ...file.kdf, iterations: 600_001 } }, { passphrase })).rejects.toMatchObject({ code: 'ERR_WALLET_PASSPHRASE_INVALID' });
  });

  it.each([
    ['not JSON', '{nope'],
    ['another format', { format: 'something-else', version: 1 }],
    ['another version', { ...{ format: 'staff-passport-wallet-export' }, version: 2 }],
    ['no encryption header', { format: 'staff-passport-wallet-export', version: 1, ciphertext: 'AAAA' }],
    ['too few iterations', { format: 'staff-passport-wallet-export', version: 1, kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 1000, salt: 'AAAA' }, cipher: { name: 'AES-GCM', iv: 'AAAA' }, ciphertext: 'AAAA' }],
  ])('refuses a malformed file: %s (ERR_WALLET_EXPORT_INVALID)', async (_what, bad) => {
    await expect(memoryWallet().importWallet(bad, { passphrase })).rejects.toMatchObject({ code: 'ERR_WALLET_EXPORT_INVALID' });
  });

  it('refuses a passphrase under 8 characters', async () => {
    await expect(source.exportWallet({ passphrase: 'short' })).rejects.toMatchObject({ code: 'ERR_REQUEST_INVALID' });
  });
});

describe('deleting', () => {
  it('deletes one credential, the log line by line or all at once, and then everything', async () => {
    const wallet = await filled();
    expect(await wallet.deleteCredential('c1')).toBe(true);
    expect(await wallet.deleteCredential('c1')).toBe(false);
    await wallet.parts.log.append(logEntry('l2'));
    expect(await wallet.deleteSharingLogEntry('l1')).toBe(true);
    expect((await wallet.exportSharingLog()).entries.map((e) => e.id)).toEqual(['l2']);
    await wallet.clearSharingLog();
    expect(await wallet.listSharingLog()).toEqual([]);
    await wallet.parts.log.append(logEntry('l3'));
    await wallet.deleteEverything();
    expect([await wallet.listHolders(), await wallet.listCredentials(), await wallet.listSharingLog()]).toEqual([[], [], []]);
  });

  it('deletes everything in a SQLite wallet too, and the file reopens empty', async () => {
    const file = join(dir, 'delete.sqlite');
    const secretKey = randomBytes(32).toString('hex');
    const first = await openNodeWallet({ file, secretKey });
    const holder = await first.wallet.createHolder();
    await first.wallet.parts.credentials.put(credential('c1', holder));
    await first.wallet.parts.log.append(logEntry('l1'));
    await first.wallet.deleteEverything();
    await first.close();
    const again = await openNodeWallet({ file, secretKey });
    expect([await again.wallet.listHolders(), await again.wallet.listCredentials(), await again.wallet.listSharingLog()]).toEqual([[], [], []]);
    await again.close();
  });

  it('opens a file from the earlier wallet version (old credentials table) without error', async () => {
    const file = join(dir, 'old.sqlite');
    const { openDatabase } = await import('@staff-passport/core');
    const db = await openDatabase({ file, schema: ['CREATE TABLE sp_wallet_credentials (id TEXT PRIMARY KEY, jwt TEXT NOT NULL, subject TEXT NOT NULL)'] });
    await db.query("INSERT INTO sp_wallet_credentials VALUES ('old', 'jwt', 'did:key:z6Mk')");
    await db.close();
    const opened = await openNodeWallet({ file, secretKey: randomBytes(32).toString('hex') });
    expect(await opened.wallet.listCredentials()).toEqual([]);
    await opened.close();
  });
});
