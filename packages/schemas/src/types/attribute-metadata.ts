import type { AttributePedigree, AttributeVerifier } from '../reference/attribute-metadata.js';

/** Where an attribute came from and how it was checked (NIST IR 8112). */
export interface AttributeMetadata {
  origin: string;
  provider: string;
  assurancePolicy?: string;
  assuranceOutcome?: string;
  verifier: AttributeVerifier;
  verificationMethod?: string;
  pedigree: AttributePedigree;
  /** YYYY-MM-DD. */
  lastRefresh: string;
}
