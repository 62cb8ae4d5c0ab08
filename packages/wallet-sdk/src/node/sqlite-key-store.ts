import { createPrivateKey, sign, type JsonWebKey as NodeJwk, type KeyObject } from 'node:crypto';
import { PassportError, base64url, createSecretBox, type JwsSigner, type SecretBox, type Database } from '@staff-passport/core';
import type { JWK } from 'jose';
import type { CreateKeyOptions, ExportedHolderKey, ExportedKeys, HolderKey, KeyStore } from '../keys/key-store.js';
import { exportPrivateJwk, generateHolderKey } from '../keys/lib/web-crypto-keys.js';
import { checkExportedKey } from '../keys/lib/check-exported-key.js';

/** Options for {@link SqliteKeyStore}. */
export interface SqliteKeyStoreOptions {
  /** 32 bytes as 64 hex characters: encrypts the private keys at rest. From configuration, never stored. */
  secretKey: string;
  now?: () => Date;
}

interface Row {
  public_key: string;
  private_key: string;
}

/**
 * A {@link KeyStore} in the wallet's SQLite file (table `sp_wallet_holder_keys`): each private key
 * a JWK encrypted with AES-256-GCM under the wallet's secret (the DID is the additional data, so a
 * ciphertext moved to another row does not decrypt). Signing uses `node:crypto` KeyObjects,
 * decrypted once per process; ECDSA signatures are JOSE's raw r||s (`dsaEncoding: 'ieee-p1363'`).
 *
 * Not Veramo's key manager: its KMS cannot hand a private key back, and the holder's own export
 * needs exactly that; nor does the shared agent name did:jwk holders.
 *
 * @example
 * const keys = new SqliteKeyStore(db, { secretKey });
 * const { did } = await keys.createKey({ alg: 'ES256' });
 * @throws PassportError `ERR_CONFIG_INVALID` (constructor) when the secret is not 64 hex characters.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly box: SecretBox;
  private readonly now: () => Date;
  private readonly keyObjects = new Map<string, KeyObject>();

  constructor(
    private readonly db: Database,
    options: SqliteKeyStoreOptions,
  ) {
    if (!/^[0-9a-f]{64}$/i.test(options.secretKey)) {
      throw new PassportError('ERR_CONFIG_INVALID', 'the key-encryption secret must be 64 hex characters (32 bytes)', { field: 'secretKey' });
    }
    this.box = createSecretBox(options.secretKey, 'staff-passport wallet holder keys');
    this.now = options.now ?? (() => new Date());
  }

  async createKey(options: CreateKeyOptions = {}): Promise<HolderKey> {
    const { key, privateKey } = await generateHolderKey(options, this.now(), true);
    await this.insert(key, await exportPrivateJwk(privateKey));
    return key;
  }

  async listKeys(): Promise<HolderKey[]> {
    const rows = (await this.db.query('SELECT public_key FROM sp_wallet_holder_keys ORDER BY created_at, did')) as Row[];
    return rows.map((r) => JSON.parse(r.public_key) as HolderKey);
  }

  async getKey(did: string): Promise<HolderKey | undefined> {
    const row = await this.row(did);
    return row && (JSON.parse(row.public_key) as HolderKey);
  }

  /** @throws PassportError `ERR_WALLET_KEY_NOT_FOUND` when this store holds no key for the DID. */
  async signerFor(did: string): Promise<JwsSigner> {
    const row = await this.row(did);
    if (!row) throw new PassportError('ERR_WALLET_KEY_NOT_FOUND', `this wallet holds no key for ${did}`, { field: 'holder' });
    const key = JSON.parse(row.public_key) as HolderKey;
    let keyObject = this.keyObjects.get(did);
    if (!keyObject) {
      keyObject = createPrivateKey({ key: this.decrypt(did, row.private_key) as NodeJwk, format: 'jwk' });
      this.keyObjects.set(did, keyObject);
    }
    const privateKey = keyObject;
    return {
      alg: key.alg,
      kid: key.kid,
      sign: (signingInput: string): Promise<string> => {
        const data = Buffer.from(signingInput, 'utf8');
        const signature = key.alg === 'EdDSA' ? sign(null, data, privateKey) : sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
        return Promise.resolve(base64url(signature));
      },
    };
  }

  async deleteKey(did: string): Promise<boolean> {
    this.keyObjects.delete(did);
    // TypeORM runs a DELETE without reporting what it removed: ask first.
    const found = (await this.db.query('SELECT 1 FROM sp_wallet_holder_keys WHERE did = ?', [did])) as unknown[];
    await this.db.query('DELETE FROM sp_wallet_holder_keys WHERE did = ?', [did]);
    return found.length > 0;
  }

  async exportKeys(): Promise<ExportedKeys> {
    const rows = (await this.db.query('SELECT public_key, private_key FROM sp_wallet_holder_keys ORDER BY created_at, did')) as Row[];
    const keys = rows.map((r): ExportedHolderKey => {
      const key = JSON.parse(r.public_key) as HolderKey;
      return { ...key, privateJwk: this.decrypt(key.did, r.private_key) };
    });
    return { keys, withheld: [] };
  }

  /** @throws PassportError `ERR_WALLET_EXPORT_INVALID` when the key does not match its DID. */
  async importKey(exported: ExportedHolderKey): Promise<HolderKey> {
    const existing = await this.getKey(exported.did);
    if (existing) return existing;
    const key = checkExportedKey(exported);
    await this.insert(key, exported.privateJwk);
    return key;
  }

  private async row(did: string): Promise<Row | undefined> {
    const rows = (await this.db.query('SELECT public_key, private_key FROM sp_wallet_holder_keys WHERE did = ?', [did])) as Row[];
    return rows[0];
  }

  private async insert(key: HolderKey, privateJwk: JWK): Promise<void> {
    await this.db.query('INSERT INTO sp_wallet_holder_keys (did, public_key, private_key, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (did) DO NOTHING', [
      key.did,
      JSON.stringify(key),
      this.encrypt(key.did, privateJwk),
      key.createdAt,
    ]);
  }

  private encrypt(did: string, jwk: JWK): string {
    return this.box.seal(JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, d: jwk.d }), did);
  }

  private decrypt(did: string, stored: string): JWK {
    try {
      return JSON.parse(this.box.open(stored, did).toString('utf8')) as JWK;
    } catch (cause: unknown) {
      throw new PassportError('ERR_CONFIG_INVALID', `the private key of ${did} does not decrypt with this secret`, { field: 'secretKey', cause });
    }
  }
}
