/** A credential the wallet holds. */
export interface StoredCredential {
  /** The credential's `id` (or a hash of it when it has none). */
  id: string;
  /** The VC-JOSE JWT, exactly as issued. */
  jwt: string;
  format: 'vc+jwt';
  types: string[];
  issuer: string;
  /** The holder DID it was issued to. */
  subject: string;
  validUntil?: string;
  storedAt: string;
}

/** Where a wallet keeps credentials: SQLite in Node, IndexedDB in browsers, memory in tests. */
export interface CredentialStore {
  put(credential: StoredCredential): Promise<void>;
  get(id: string): Promise<StoredCredential | undefined>;
  list(filter?: { type?: string }): Promise<StoredCredential[]>;
  delete(id: string): Promise<boolean>;
}
