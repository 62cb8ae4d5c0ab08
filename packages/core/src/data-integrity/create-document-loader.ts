import { STAFF_PASSPORT_CONTEXT_V1, buildStaffPassportContext } from '@staff-passport/schemas';
import { PassportError } from '../errors/passport-error.js';
import { BITSTRING_STATUS_LIST_V1_CONTEXT } from './contexts/bitstring-status-list-v1.js';
import { CREDENTIALS_V1_CONTEXT } from './contexts/credentials-v1.js';
import { CREDENTIALS_V2_CONTEXT } from './contexts/credentials-v2.js';
import { DATA_INTEGRITY_V2_CONTEXT } from './contexts/data-integrity-v2.js';
import { DID_V1_CONTEXT } from './contexts/did-v1.js';
import { ED25519_2020_V1_CONTEXT } from './contexts/ed25519-2020-v1.js';
import { JWS_2020_V1_CONTEXT } from './contexts/jws-2020-v1.js';
import { MULTIKEY_V1_CONTEXT } from './contexts/multikey-v1.js';
import type { DocumentLoader, RemoteDocument } from './lib/jsonld-adapter.js';

export type { DocumentLoader, RemoteDocument } from './lib/jsonld-adapter.js';

// The published documents, as text (see contexts/README.md for where each comes from).
const PUBLISHED: Readonly<Record<string, string>> = {
  'https://www.w3.org/ns/credentials/v2': CREDENTIALS_V2_CONTEXT,
  'https://www.w3.org/2018/credentials/v1': CREDENTIALS_V1_CONTEXT,
  'https://w3id.org/security/data-integrity/v2': DATA_INTEGRITY_V2_CONTEXT,
  'https://w3id.org/security/multikey/v1': MULTIKEY_V1_CONTEXT,
  'https://www.w3.org/ns/did/v1': DID_V1_CONTEXT,
  'https://w3id.org/security/suites/jws-2020/v1': JWS_2020_V1_CONTEXT,
  'https://www.w3.org/ns/credentials/status/v1': BITSTRING_STATUS_LIST_V1_CONTEXT,
  'https://w3id.org/security/suites/ed25519-2020/v1': ED25519_2020_V1_CONTEXT,
};

/** Every context URL the strict loader serves. */
export const BUNDLED_CONTEXT_URLS: readonly string[] = Object.freeze([...Object.keys(PUBLISHED), STAFF_PASSPORT_CONTEXT_V1]);

let parsed: ReadonlyMap<string, unknown> | undefined;

function bundledDocuments(): ReadonlyMap<string, unknown> {
  // Parsed (and our context generated) once, on first use, and frozen: jsonld never writes to a
  // loaded document, and nothing else may.
  parsed ??= new Map<string, unknown>([
    ...Object.entries(PUBLISHED).map(([url, text]): [string, unknown] => [url, deepFreeze(JSON.parse(text))]),
    [STAFF_PASSPORT_CONTEXT_V1, deepFreeze(buildStaffPassportContext())],
  ]);
  return parsed;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Options for {@link createDocumentLoader}. */
export interface DocumentLoaderOptions {
  /**
   * More context documents to serve, by URL (for example a partner's context, or a spec's example
   * context in tests). They are served as given; nothing is ever fetched.
   */
  extraContexts?: Readonly<Record<string, object>>;
}

/**
 * A strict JSON-LD document loader: it serves the bundled contexts (VC 1.1 and 2.0, Data
 * Integrity v2, Multikey, DID v1, JWS 2020, Ed25519Signature2020, Bitstring Status List v1, the
 * staff-passport context)
 * and any extra ones given, and refuses every other URL without a network request.
 *
 * @example
 * const documentLoader = createDocumentLoader({ extraContexts: { 'https://partner.example/ctx/v1': partnerContext } });
 * await signDataIntegrity({ document, signer, documentLoader });
 * @throws (from the loader) PassportError `ERR_CONTEXT_NOT_BUNDLED` for any URL it does not hold.
 */
export function createDocumentLoader(options: DocumentLoaderOptions = {}): DocumentLoader {
  const extra = new Map(Object.entries(options.extraContexts ?? {}));
  return async (url: string): Promise<RemoteDocument> => {
    const document = bundledDocuments().get(url) ?? extra.get(url);
    if (document === undefined) {
      throw new PassportError('ERR_CONTEXT_NOT_BUNDLED', `the JSON-LD context ${url} is not bundled, and contexts are never fetched`, { field: '@context' });
    }
    return { contextUrl: null, documentUrl: url, document, tag: 'static' };
  };
}

/** The loader with the bundled contexts only; the default of every Data Integrity function. */
export const BUNDLED_DOCUMENT_LOADER: DocumentLoader = createDocumentLoader();
