import type { StoredCredential, WalletCredentialFormat } from '../stores/credential-store.js';
import type { WalletOrganisation } from '../wallet-parts.js';

/** One credential configuration on offer, as a wallet screen shows it. */
export interface OfferedCredential {
  /** The credential configuration id (OpenID4VCI 1.0, section 4.1.1). */
  configurationId: string;
  /** Its format identifier (`dc+sd-jwt`, `jwt_vc_json`, `ldp_vc`, or another). */
  format: string;
  /** The SD-JWT VC type, for dc+sd-jwt. */
  vct?: string;
  /** The W3C `type` values (credential_definition.type), for jwt_vc_json and ldp_vc. */
  types: string[];
  /** The catalogue type it is (by vct or W3C type), when it is one of ours. */
  catalogueType?: string;
  /** Display name: the issuer's (en-GB first), else the catalogue title, else the id. */
  name: string;
  description?: string;
  /** Whether this wallet can hold the format. */
  supported: boolean;
}

/** The transaction code the holder must type (OpenID4VCI 1.0, section 4.1.1, `tx_code`). */
export interface TxCodeRequirement {
  inputMode: 'numeric' | 'text';
  length?: number;
  /** The issuer's hint, e.g. where the code was sent. */
  description?: string;
}

/** A credential offer read and resolved, for the holder to accept or reject. */
export interface OfferPreview {
  /** The credential issuer identifier. */
  credentialIssuer: string;
  /** The issuer's display name from its metadata. */
  issuerName?: string;
  /** The organisation behind the issuer in the trust registry; undefined when not listed. */
  organisation?: WalletOrganisation;
  /** The credential types on offer. */
  credentials: OfferedCredential[];
  /** Set when the holder must enter a transaction code. */
  txCode?: TxCodeRequirement;
  /** When the offer stops working, if the issuer said (ISO 8601). */
  expiresAt?: string;
  /** The pre-authorised code the offer carries, when it has that grant (for `acceptCredentialOffer`). */
  preAuthorizedCode?: string;
  /**
   * Set when the offer carries the authorization code grant (section 4.1.1): the person signs in
   * at the organisation to collect (`startCredentialCollection`), with the offer's `issuer_state`.
   */
  authorizationCode?: { issuerState?: string };
  /** The offer, issuer metadata and authorisation server metadata as fetched. */
  offer: Record<string, unknown>;
  issuerMetadata: Record<string, unknown>;
  authorizationServerMetadata: Record<string, unknown>;
}

/** A credential the issuer will deliver later (OpenID4VCI 1.0, section 9): what polling needs. */
export interface PendingCredential {
  credentialIssuer: string;
  issuerName?: string;
  organisation?: WalletOrganisation;
  configurationId: string;
  format: string;
  transactionId: string;
  /** Seconds the issuer asked the wallet to wait between polls. */
  interval: number;
  deferredCredentialEndpoint: string;
  notificationEndpoint?: string;
  accessToken: string;
  tokenType: string;
  /** The holder DIDs the proofs named, in proof order. */
  holders: string[];
}

/** What {@link acceptCredentialOffer} and {@link pollDeferred} return. */
export interface AcceptOfferResult {
  /** The credentials stored. */
  credentials: StoredCredential[];
  /** Credentials the issuer will deliver later: give each to `pollDeferred`. */
  pending: PendingCredential[];
}

/** Formats a wallet can store, in the default order of preference. */
export const DEFAULT_FORMAT_PREFERENCE: readonly WalletCredentialFormat[] = ['dc+sd-jwt', 'jwt_vc_json', 'ldp_vc'];
