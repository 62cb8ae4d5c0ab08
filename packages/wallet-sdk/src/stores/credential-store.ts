/** The formats a wallet holds (OpenID4VCI credential format identifiers, and VC-JOSE). */
export type WalletCredentialFormat = 'vc+jwt' | 'dc+sd-jwt' | 'jwt_vc_json' | 'ldp_vc';

/** A credential the wallet holds, with what a wallet screen needs without decoding it again. */
export interface StoredCredential {
  /** Wallet-local id (the credential's own `id`, or a hash of it). */
  id: string;
  format: WalletCredentialFormat;
  /** Exactly as issued: the compact JWT or SD-JWT (all disclosures), or the ldp_vc JSON. */
  raw: string | Record<string, unknown>;
  /** Catalogue type names (e.g. `DbsCheckCredential`); empty for a type outside the catalogue. */
  types: string[];
  /** SD-JWT VC type, when the format is dc+sd-jwt. */
  vct?: string;
  /** Issuer DID. */
  issuer: string;
  /** The holder DID the credential is bound to (subject id, or the DID of the `cnf` key). */
  holder: string;
  /** The subject's claims (for SD-JWT, every claim the issuer disclosed to the holder). */
  claims: Record<string, unknown>;
  validFrom?: string;
  validUntil?: string;
  /** The credential's status entries (`credentialStatus`, or the SD-JWT `status` claim), for on-demand checks. */
  status?: unknown;
  /** Where it came from, when received by OpenID4VCI. */
  offer?: { credentialIssuer: string; credentialConfigurationId: string; notificationId?: string };
  /** When the wallet stored it (ISO 8601). */
  storedAt: string;
  /**
   * Set when a renewal of the same record from the same issuer was received (issue 19 item 3):
   * the wallet id of the credential that replaced it, and when. Kept for the history; lists of
   * what the holder has now leave it out.
   */
  supersededBy?: { id: string; at: string };
}

/** A filter for {@link CredentialStore.list}. */
export interface CredentialFilter {
  type?: string;
  format?: WalletCredentialFormat;
  holder?: string;
  /** `false`: only credentials not replaced by a renewal; `true`: only replaced ones; absent: both. */
  superseded?: boolean;
}

/** Where a wallet keeps credentials: memory, SQLite (Node), IndexedDB (browsers). */
export interface CredentialStore {
  put(credential: StoredCredential): Promise<void>;
  get(id: string): Promise<StoredCredential | undefined>;
  list(filter?: CredentialFilter): Promise<StoredCredential[]>;
  delete(id: string): Promise<boolean>;
  clear(): Promise<void>;
}
