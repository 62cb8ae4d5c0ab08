import type { JWK } from 'jose';

// The parts of a DID document (DID Core, section 5) the wallet reads. Declared here rather than
// taken from did-resolver, which the wallet SDK does not depend on.

/** A verification method (DID Core, section 5.2). */
export interface DidVerificationMethod {
  id: string;
  type: string;
  controller: string;
  publicKeyJwk?: JWK;
  publicKeyMultibase?: string;
}

/** A DID document, as far as the wallet reads it. */
export interface DidDocument {
  id: string;
  verificationMethod?: DidVerificationMethod[];
  authentication?: (string | DidVerificationMethod)[];
  assertionMethod?: (string | DidVerificationMethod)[];
}
