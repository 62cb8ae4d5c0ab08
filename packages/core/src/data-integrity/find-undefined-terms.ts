import { BUNDLED_DOCUMENT_LOADER } from './create-document-loader.js';
import { listJsonLdDrops, type DocumentLoader, type JsonLdDrop } from './lib/jsonld-adapter.js';

export type { JsonLdDrop } from './lib/jsonld-adapter.js';

/**
 * Every term of a document that its contexts do not define (JSON-LD would silently drop it, so a
 * Data Integrity proof would not cover it), and every type or id that would stay a relative IRI.
 * Empty for a document that signs in safe mode. Issuers run it before signing to name all
 * offending terms at once; signing itself stops at the first.
 *
 * @example
 * await findUndefinedTerms({ ...credential, nickname: 'Sam' }) // [{ code: 'invalid property', term: 'nickname' }]
 * @throws PassportError `ERR_CONTEXT_NOT_BUNDLED` when a context is not bundled, `ERR_JSONLD_INVALID`
 *   when the document is not JSON-LD at all.
 */
export async function findUndefinedTerms(document: object, options: { documentLoader?: DocumentLoader } = {}): Promise<JsonLdDrop[]> {
  return listJsonLdDrops(document, options.documentLoader ?? BUNDLED_DOCUMENT_LOADER);
}
