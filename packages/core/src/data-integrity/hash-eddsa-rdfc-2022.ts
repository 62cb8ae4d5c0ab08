import { PassportError } from '../errors/passport-error.js';
import { BUNDLED_DOCUMENT_LOADER } from './create-document-loader.js';
import { EDDSA_RDFC_2022 } from './data-integrity-proof.js';
import { isDateTimeStamp } from './lib/date-time-stamp.js';
import type { DocumentLoader } from './lib/jsonld-adapter.js';
import { rdfcHashData, type EddsaRdfc2022HashData } from './lib/rdfc-hash-data.js';

/** Options for {@link hashEddsaRdfc2022}. */
export interface HashEddsaRdfc2022Options {
  /** The unsecured document (no `proof`). */
  document: Record<string, unknown>;
  /** The proof options: the proof without `proofValue` (and without `@context`). */
  proofOptions: Record<string, unknown>;
  documentLoader?: DocumentLoader;
}

export type { EddsaRdfc2022HashData } from './lib/rdfc-hash-data.js';

/**
 * The data an `eddsa-rdfc-2022` proof signs (Data Integrity EdDSA Cryptosuites v1.0, sections
 * 3.2.3 to 3.2.5): the document canonicalized with RDFC-1.0, the proof configuration (the proof
 * options with the document's `@context`) canonicalized the same way, and the SHA-256 of each,
 * proof configuration first.
 *
 * @example
 * const { hashData } = await hashEddsaRdfc2022({ document, proofOptions });
 * @throws PassportError `ERR_DI_CRYPTOSUITE_UNSUPPORTED` when the options are not a
 *   `DataIntegrityProof` with `eddsa-rdfc-2022`; `ERR_DI_PROOF_INVALID` when `created` is not a
 *   dateTime; `ERR_CONTEXT_NOT_BUNDLED` or `ERR_JSONLD_INVALID` when a document cannot be canonicalized.
 */
export async function hashEddsaRdfc2022(options: HashEddsaRdfc2022Options): Promise<EddsaRdfc2022HashData> {
  const { document, proofOptions } = options;
  const loader = options.documentLoader ?? BUNDLED_DOCUMENT_LOADER;
  // Sections 3.2.3 and 3.2.5, step 2: the options must name this cryptosuite.
  if (proofOptions['type'] !== 'DataIntegrityProof' || proofOptions['cryptosuite'] !== EDDSA_RDFC_2022) {
    throw new PassportError('ERR_DI_CRYPTOSUITE_UNSUPPORTED', `not a DataIntegrityProof with ${EDDSA_RDFC_2022}`);
  }
  // Section 3.2.5, step 3.
  if (proofOptions['created'] !== undefined && !isDateTimeStamp(proofOptions['created'])) {
    throw new PassportError('ERR_DI_PROOF_INVALID', 'proof created is not an XML Schema dateTime', { field: 'proof.created' });
  }
  return rdfcHashData(document, proofOptions, loader);
}
