import type { StoredCredential } from '../stores/credential-store.js';
import type { WalletOrganisation } from '../wallet-parts.js';
import type { HolderKeyOptions } from './lib/request-credentials.js';
import type { OfferedCredential, PendingCredential } from './offer-preview.js';

/** Options for `startCredentialCollection`. */
export interface StartCredentialCollectionOptions {
  /** The wallet's OAuth client id (a public client: no secret). */
  clientId: string;
  /** Where the organisation sends the browser back with the code (the wallet's page or app link). */
  redirectUri: string;
  /**
   * How to ask for the credentials (OpenID4VCI 1.0, section 5.1): `authorization_details` of type
   * `openid_credential` (5.1.1, the default: the token response then names each credential
   * waiting) or `scope` (5.1.2).
   */
  by?: 'authorization_details' | 'scope';
  /** Formats to take, most preferred first (default dc+sd-jwt, then jwt_vc_json, then ldp_vc). */
  formats?: readonly string[];
  /** Ask only for these configuration ids (default every one offered, or, wallet-initiated, every one the issuer supports). */
  configurationIds?: readonly string[];
}

/**
 * A collection under way, between sending the person to sign in and their return: kept by the app
 * (it is plain JSON, so a web wallet can keep it across the page load of the redirect back).
 * It holds the PKCE code verifier: keep it on the device, and only until the return.
 */
export interface CollectionRequest {
  /** Open this in the browser: the person signs in at the organisation's provider there. */
  authorizationUrl: string;
  /** The `state` sent (RFC 6749, 10.12): the answer must carry it back. */
  state: string;
  /** RFC 7636: the secret whose S256 hash went in the request. */
  codeVerifier: string;
  clientId: string;
  redirectUri: string;
  credentialIssuer: string;
  issuerName?: string;
  organisation?: WalletOrganisation;
  /** What was asked for, as a screen shows it. */
  credentials: OfferedCredential[];
  by: 'authorization_details' | 'scope';
  issuerMetadata: Record<string, unknown>;
  authorizationServerMetadata: Record<string, unknown>;
  /** When the request was made (ISO 8601). */
  startedAt: string;
}

/** Options for `finishCredentialCollection`: which holder key the credentials are bound to. */
export type FinishCredentialCollectionOptions = HolderKeyOptions;

/**
 * What a collection came to: the credentials stored (and any the issuer deferred), or nothing
 * waiting: the organisation found nothing for the person who signed in (nothing held for them, or
 * they are not one of its staff), or the person declined at the sign-in. Neither is an error.
 */
export type CollectionResult =
  | { outcome: 'collected'; credentials: StoredCredential[]; pending: PendingCredential[] }
  | { outcome: 'nothing-waiting'; credentialIssuer: string; issuerName?: string; organisation?: WalletOrganisation; /** The organisation's words, if it gave any. */ message?: string };
