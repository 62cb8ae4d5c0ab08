/**
 * What happened: a presentation shared or refused, an offer accepted or rejected, a credential
 * replaced by its renewal (issue 19 item 3).
 */
export type SharingLogAction = 'shared' | 'refused' | 'received' | 'rejected' | 'replaced';

/** One line of the holder's record of who got what, and when. */
export interface SharingLogEntry {
  id: string;
  action: SharingLogAction;
  /** ISO 8601. */
  at: string;
  /** The verifier (for shared/refused) or credential issuer (for received/rejected/replaced). */
  counterparty: {
    /** OpenID4VP client_id, or the credential issuer identifier. */
    id: string;
    /** Its display name, from its metadata. */
    name?: string;
    /** The organisation behind it, from the trust registry (undefined when not listed). */
    organisation?: { name: string; odsCode?: string };
  };
  /** Why the verifier asked (its stated purpose). */
  purpose?: string;
  /** Catalogue types of the credentials concerned. */
  credentialTypes: string[];
  /** Wallet ids of the credentials concerned. */
  credentialIds: string[];
  /** The claims disclosed, as paths (`credentialSubject.familyName`); empty for a refusal. */
  claimsDisclosed: string[];
  /** For `replaced`: the wallet id of the credential that replaced the one in `credentialIds`. */
  replacedBy?: string;
  /** Each credential shared and every claim that left the device with it (entries from before it have none). */
  disclosures?: { credentialId: string; credentialTypes: string[]; claims: string[] }[];
}

/** A filter for {@link SharingLogStore.list}. */
export interface SharingLogFilter {
  action?: SharingLogAction;
  counterpartyId?: string;
}

/** Where the sharing log is kept, beside the credentials. Entries are listed oldest first. */
export interface SharingLogStore {
  append(entry: SharingLogEntry): Promise<void>;
  list(filter?: SharingLogFilter): Promise<SharingLogEntry[]>;
  delete(id: string): Promise<boolean>;
  clear(): Promise<void>;
}
