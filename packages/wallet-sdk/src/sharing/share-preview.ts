import type { UnregisteredAsk } from '@staff-passport/core/browser';
import type { StoredCredential } from '../stores/credential-store.js';
import type { WalletOrganisation } from '../wallet-parts.js';

/** A claim a verifier asks for, in a candidate credential. */
export interface PreviewClaim {
  /** The claim path as the query gives it, dotted (`given_name`, `credentialSubject.role`; `*` for "every element"). */
  path: string;
  /** The path as the sharing log records it, from the credential root (`credentialSubject.given_name`). */
  logPath: string;
  /** The candidate's value, when it has one. */
  value?: unknown;
  /** Must be shared: leaving it out means not answering the query. */
  required: boolean;
  /** Shared unless the holder leaves it out (optional claims outside the preferred claim set are not). */
  sharedByDefault: boolean;
  /**
   * Shown by every presentation of this credential, whatever is chosen: its issuer did not make it
   * selectively disclosable (or the credential has no selective disclosure). It cannot be left out.
   */
  alwaysShared: boolean;
  /**
   * Whether the verifier's trust registry entry registers this claim for the request's purpose
   * (set when the wallet has a trust registry lookup). The screen warns before sharing one that
   * is not; the holder may still choose to.
   */
  registered?: boolean;
}

/** A stored credential that answers a credential query, and what sharing it would disclose. */
export interface CandidateCredential {
  credential: StoredCredential;
  claims: PreviewClaim[];
  /** Whether claims can be left out (SD-JWT); otherwise the whole credential is disclosed. */
  selective: boolean;
  /**
   * Every claim a presentation of this credential discloses whatever the holder chooses, asked
   * for or not: dotted paths in the form of {@link PreviewClaim.path} (from the SD-JWT's claims,
   * `identity.confidenceLevel`; from the W3C credential, `credentialSubject.role`). SD-JWT: the
   * claims its issuer did not make selectively disclosable (plain in the signed payload; leaves,
   * arrays whole), without the SD-JWT VC envelope (iss, vct, cnf, status...). A credential without
   * selective disclosure goes whole: every claim of its subject. A claim asked for that is listed
   * here (or lies under one) has {@link PreviewClaim.alwaysShared} set.
   *
   * @example
   * const notAsked = candidate.alwaysShared.filter((path) => !candidate.claims.some((c) => c.path === path));
   */
  alwaysShared: string[];
}

/** One credential the verifier asks for (a DCQL credential query, or a PE input descriptor). */
export interface CredentialQueryPreview {
  /** The DCQL credential query id, or the input descriptor id. */
  queryId: string;
  /** The format asked for (dc+sd-jwt, jwt_vc_json...), when the query names one. */
  format?: string;
  /** Whether the request can only be answered with it. */
  required: boolean;
  /** The descriptor's name or purpose (PE), for the screen. */
  purpose?: string;
  /** The stored credentials that match, best first. */
  candidates: CandidateCredential[];
  /** Whether everything the query asks is registered for the verifier (set with a trust registry lookup). */
  registered?: boolean;
  /** What the query asks that is not registered: its type (`type` only) or claims of it. */
  notRegistered?: UnregisteredAsk[];
}

/** How a request stands against the verifier's trust registry entry (its registered asks). */
export interface VerifierRegistration {
  /**
   * `registered`: everything asked is registered for the purpose; `beyond_registration`: the
   * verifier is registered, but for less than it asks; `not_registered`: it has no entry to ask.
   */
  status: 'registered' | 'beyond_registration' | 'not_registered';
  /** The purpose the request names (`client_metadata.purpose_code`: a kind of move such as `new_employer`). */
  purpose?: string;
  /** The purposes the entry registers asks for (absent when not registered). */
  purposes?: string[];
  /** Each purpose, type or claim asked that the entry does not register. */
  notRegistered: UnregisteredAsk[];
}

/** A presentation request read and checked, with the wallet's credentials matched to it. */
export interface SharePreview {
  /** The verifier's client_id (with its prefix). */
  clientId: string;
  /** `client_metadata.client_name`. */
  clientName?: string;
  /** The verifier's DID, for a `decentralized_identifier:` client id. */
  verifierDid?: string;
  /** The organisation behind the verifier in the trust registry; undefined when not listed. */
  organisation?: WalletOrganisation;
  /**
   * The request against the verifier's registered asks (only when the wallet has a trust
   * registry lookup): warn before sharing anything not registered.
   */
  registration?: VerifierRegistration;
  /** Why it asks (PE `purpose`, or the request's `purpose` / client_metadata extension). */
  purpose?: string;
  /** `dcql` (OpenID4VP 1.0, section 6) or `presentation_definition` (PE 2.0). */
  queryLanguage: 'dcql' | 'presentation_definition';
  queries: CredentialQueryPreview[];
  /** Required queries (or credential sets) this wallet cannot answer: sharing would fail. */
  unsatisfied: string[];
  /** The request object's parameters, as received and checked. */
  request: Record<string, unknown>;
  responseUri: string;
  nonce: string;
  state?: string;
}

/** The holder's choice for one credential query. */
export interface ShareChoice {
  /** The stored credential to present (one of the query's candidates). */
  credentialId: string;
  /** Optional claims to leave out, by their preview `path`. */
  omit?: readonly string[];
}
