/** The cryptosuite we sign and verify (Data Integrity EdDSA Cryptosuites v1.0, section 3.2). */
export const EDDSA_RDFC_2022 = 'eddsa-rdfc-2022';

/**
 * The older Ed25519 suite (W3C CCG Ed25519Signature2020), verified for issuers that still use it;
 * its proofs name no cryptosuite, and its context is https://w3id.org/security/suites/ed25519-2020/v1.
 */
export const ED25519_SIGNATURE_2020 = 'Ed25519Signature2020';

/** The relationships a proof can claim (Controlled Identifiers 1.0, section 2.3). */
export type ProofPurpose = 'assertionMethod' | 'authentication';

/** A `DataIntegrityProof` (VC Data Integrity 1.0, section 2.1) made with `eddsa-rdfc-2022`. */
export interface DataIntegrityProof {
  type: 'DataIntegrityProof';
  cryptosuite: typeof EDDSA_RDFC_2022;
  /** XML Schema dateTime, UTC, whole seconds. */
  created: string;
  verificationMethod: string;
  proofPurpose: ProofPurpose;
  expires?: string;
  /** The verifier's challenge, for a presentation. */
  challenge?: string;
  /** The verifier (a domain or client id), for a presentation. */
  domain?: string | string[];
  /** Multibase base58-btc (`z...`) of the 64-byte Ed25519 signature. */
  proofValue: string;
}

/** The proof options a proof is built from: the proof without its value. */
export type DataIntegrityProofOptions = Omit<DataIntegrityProof, 'proofValue'>;
