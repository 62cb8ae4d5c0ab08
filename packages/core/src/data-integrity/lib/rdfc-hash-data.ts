import { createHash } from 'node:crypto';
import { canonizeRdfc10, type DocumentLoader } from './jsonld-adapter.js';

/** Every intermediate value of the `eddsa-rdfc-2022` hashing, for tests and interop debugging. */
export interface EddsaRdfc2022HashData {
  /** The document's canonical N-Quads (section 3.2.3, Transformation). */
  canonicalDocument: string;
  /** The proof configuration's canonical N-Quads (section 3.2.5, Proof Configuration). */
  canonicalProofConfig: string;
  proofConfigHash: Uint8Array;
  documentHash: Uint8Array;
  /** `proofConfigHash` followed by `documentHash` (section 3.2.4, Hashing): what is signed. */
  hashData: Uint8Array;
}

function sha256(text: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(text, 'utf8').digest());
}

/**
 * What an Ed25519 proof over RDF Dataset Canonicalization signs, the same for `eddsa-rdfc-2022`
 * (Data Integrity EdDSA Cryptosuites v1.0, sections 3.2.3 to 3.2.5) and the older
 * `Ed25519Signature2020` (Ed25519Signature2020 suite, section 4, as jsonld-signatures makes it):
 * the SHA-256 of the canonical proof configuration (the proof options with the document's
 * `@context`), then the SHA-256 of the canonical document. The caller checks the options first.
 */
export async function rdfcHashData(document: Record<string, unknown>, proofOptions: Record<string, unknown>, loader: DocumentLoader): Promise<EddsaRdfc2022HashData> {
  const canonicalDocument = await canonizeRdfc10(document, loader);
  // Section 3.2.5, step 4: the proof configuration takes the document's @context.
  const proofConfig = { ...proofOptions, '@context': document['@context'] };
  const canonicalProofConfig = await canonizeRdfc10(proofConfig, loader);
  const proofConfigHash = sha256(canonicalProofConfig);
  const documentHash = sha256(canonicalDocument);
  const hashData = new Uint8Array(64);
  hashData.set(proofConfigHash, 0);
  hashData.set(documentHash, 32);
  return { canonicalDocument, canonicalProofConfig, proofConfigHash, documentHash, hashData };
}
