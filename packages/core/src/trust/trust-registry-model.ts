import type { JWK } from 'jose';

/** The `type` of a trust registry document. */
export const TRUST_REGISTRY_TYPE = 'StaffPassportTrustRegistry';

/** The JWS `typ` of a signed trust registry (explicit typing, RFC 8725, section 3.11). */
export const TRUST_REGISTRY_JWT_TYP = 'trust-registry+jwt';

/** The media type a registry is published with. */
export const TRUST_REGISTRY_MEDIA_TYPE = 'application/trust-registry+jwt';

/** Who runs the registry and signs it. */
export interface TrustRegistryOperator {
  name: string;
  did?: string;
}

/** One credential type a verifier may ask for, and which of its claims. */
export interface RegisteredCredentialAsk {
  /** A catalogue type name, for example `DbsCheck`. */
  type: string;
  /**
   * Dotted claim paths under `credentialSubject` (`dbs.level`, `person.givenName`), as check
   * profiles name them. A path covers the claims beneath it (`history` covers `history.employments`).
   */
  claims: string[];
}

/** What a verifier may ask for, for some purposes (the kinds of move a check is for). */
export interface RegisteredAsk {
  /** Codes of the kinds of move (`new_employer`, `rotation`... as in `MOVE_KINDS`) these asks serve. */
  purposes: string[];
  credentials: RegisteredCredentialAsk[];
}

/**
 * One period in which a DID is a named ODS organisation allowed to issue some credential types
 * and, as a verifier, to ask for some credential types and claims.
 * A DID may have several entries with periods that do not overlap.
 */
export interface TrustRegistryEntry {
  did: string;
  odsCode: string;
  name: string;
  /**
   * Catalogue type names it may issue (`TrainingRecord`...), or `['*']` for every type; empty for
   * an entry that only asks (a verifier that issues nothing), which must then have `asks`.
   */
  credentialTypes: string[];
  /**
   * As a verifier: what it may ask for, per purpose. An entry without `asks` may ask for nothing
   * (a verifier must be registered for what it asks). Added compatibly: older entries have none.
   */
  asks?: RegisteredAsk[];
  /** ISO 8601 date-time; the entry applies from this instant. */
  validFrom: string;
  /** ISO 8601 date-time; the entry applies until just before this instant. Open-ended when absent. */
  validUntil?: string;
  /** The DID that took over when this organisation merged into another (needs `validUntil`). */
  successor?: string;
}

/** A signed-ready trust registry: which DID is which organisation, allowed what, and when. */
export interface TrustRegistry {
  type: typeof TRUST_REGISTRY_TYPE;
  /** A URI naming this registry (the URL it is published at, or a `urn:uuid:`). */
  id: string;
  name: string;
  /** Increases with every signed edition, so a verifier can refuse an older one. */
  version: number;
  issuedAt: string;
  validUntil: string;
  operator: TrustRegistryOperator;
  entries: TrustRegistryEntry[];
}

/** A registry being edited: not yet signed, so it may have no `issuedAt` or `validUntil` yet. */
export type TrustRegistryDraft = Omit<TrustRegistry, 'issuedAt' | 'validUntil'> & Partial<Pick<TrustRegistry, 'issuedAt' | 'validUntil'>>;

/** An organisation as the trust registry names it, for display. */
export interface TrustedOrganisation {
  did: string;
  name: string;
  odsCode: string;
  /** Catalogue type names it may issue, or `['*']`. */
  credentialTypes: string[];
  /** As a verifier, what it is registered to ask for (absent: nothing). */
  asks?: RegisteredAsk[];
}

/** One thing a verifier asks for: a credential type and the claims of it. */
export interface VerifierCredentialAsk {
  type: string;
  claims: readonly string[];
}

/** Something asked that the verifier's entry does not register, for one purpose. */
export interface UnregisteredAsk {
  purpose: string;
  /** The credential type, when the purpose is registered but not this type (or a claim of it). */
  type?: string;
  /** The claim, when the type is registered for the purpose but not this claim. */
  claim?: string;
}

/** A JSON Web Key (RFC 7517): a registry operator's key, private or public. */
export type RegistryJwk = JWK;
