/* eslint-disable @typescript-eslint/no-explicit-any -- the one adapter for the untyped jsonld and rdf-canonize libraries (STYLE.md): `any` stays in this file */
import { createRequire } from 'node:module';
import { PassportError, type FieldIssue } from '../../errors/passport-error.js';
import { TtlCache } from '../../lib/ttl-cache.js';

// jsonld and rdf-canonize are CommonJS without type declarations; loading them through require
// keeps the untyped values inside this file, and everything it exports is typed.
const requireCjs = createRequire(import.meta.url);
const jsonld: any = requireCjs('jsonld');
const ContextResolver: any = requireCjs('jsonld/lib/ContextResolver.js');
const rdfCanonize: any = requireCjs('rdf-canonize');

/** What a JSON-LD document loader returns (JSON-LD 1.1 API, RemoteDocument). */
export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
  /** `static`: the document never changes, so its processed form may be cached. */
  tag?: 'static';
}

/** Loads a JSON-LD context by URL; ours serve bundled documents only (see createDocumentLoader). */
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

// jsonld keeps processed remote contexts in one cache shared by every caller, keyed by URL, so a
// context one loader served could be used later under another loader that would refuse it. Each
// loader gets its own cache instead (bounded: inline contexts are cached too, keyed by their JSON).
const resolverCaches = new WeakMap<DocumentLoader, TtlCache<unknown>>();

function contextResolverFor(loader: DocumentLoader): any {
  let cache = resolverCaches.get(loader);
  if (!cache) {
    cache = new TtlCache<unknown>(500, 24 * 60 * 60_000);
    resolverCaches.set(loader, cache);
  }
  return new ContextResolver({ sharedCache: cache });
}

function processingOptions(loader: DocumentLoader): Record<string, unknown> {
  // Safe mode (jsonld 6+) turns every silently dropped term or relative IRI into an error, so a
  // signature never covers less than the document says; `base: null` keeps IRIs as written.
  return { documentLoader: loader, contextResolver: contextResolverFor(loader), safe: true, base: null };
}

function passportErrorIn(err: unknown): PassportError | undefined {
  let current: any = err;
  for (let depth = 0; current && depth < 8; depth += 1) {
    if (current instanceof PassportError) return current;
    current = current.details?.cause ?? current.cause;
  }
  return undefined;
}

/**
 * Our error for a jsonld failure: the loader's own refusal when that was the cause
 * (`ERR_CONTEXT_NOT_BUNDLED`), otherwise `ERR_JSONLD_INVALID` naming the jsonld error code and,
 * for safe-mode failures, the term that would have been dropped.
 */
function toPassportError(err: unknown, what: string): PassportError {
  const own = passportErrorIn(err);
  if (own) return own;
  const e: any = err;
  const event = e?.details?.event;
  const code: string = event?.code ?? e?.details?.code ?? e?.name ?? 'error';
  const property: unknown = event?.details?.property ?? event?.details?.type ?? event?.details?.id;
  const where = typeof property === 'string' ? ` (${property})` : '';
  const issues: FieldIssue[] = typeof property === 'string' ? [{ path: property, code: code.replaceAll(' ', '_'), message: `${code}${where}` }] : [];
  return new PassportError('ERR_JSONLD_INVALID', `${what}: ${code}${where}`, { cause: err, issues });
}

/**
 * Canonical N-Quads of a JSON-LD document: JSON-LD to RDF in safe mode, then RDF Dataset
 * Canonicalization (RDFC-1.0, the algorithm formerly called URDNA2015).
 *
 * @throws PassportError `ERR_CONTEXT_NOT_BUNDLED` when the loader refuses a context,
 *   `ERR_JSONLD_INVALID` when the document is not valid JSON-LD or a term would be dropped.
 */
export async function canonizeRdfc10(document: object, loader: DocumentLoader): Promise<string> {
  let dataset: unknown;
  try {
    // A language value's @direction becomes an i18n datatype, as Digital Bazaar's eddsa-rdfc-2022
    // cryptosuite canonizes it (in safe mode jsonld refuses @direction without an rdfDirection).
    dataset = await jsonld.toRDF(document, { ...processingOptions(loader), produceGeneralizedRdf: false, rdfDirection: 'i18n-datatype' });
  } catch (err: unknown) {
    throw toPassportError(err, 'the document cannot be converted to RDF');
  }
  try {
    // maxWorkFactor 1 bounds the work a crafted ("poison") graph can demand of the verifier.
    const nquads: unknown = await rdfCanonize.canonize(dataset, { algorithm: 'RDFC-1.0', format: 'application/n-quads', maxWorkFactor: 1 });
    if (typeof nquads !== 'string') throw new Error('rdf-canonize returned no N-Quads');
    return nquads;
  } catch (err: unknown) {
    throw toPassportError(err, 'the document cannot be canonicalized');
  }
}

/** A term or value that JSON-LD processing would drop or leave relative. */
export interface JsonLdDrop {
  /** The jsonld event code, for example `invalid property` or `relative @type reference`. */
  code: string;
  /** The term, type or id as written in the document. */
  term: string;
}

/**
 * Expands a document without safe mode and lists every term or value safe mode would refuse
 * (JSON-LD's warning events), instead of stopping at the first.
 *
 * @throws PassportError `ERR_CONTEXT_NOT_BUNDLED` or `ERR_JSONLD_INVALID` when it cannot be expanded at all.
 */
export async function listJsonLdDrops(document: object, loader: DocumentLoader): Promise<JsonLdDrop[]> {
  const drops: JsonLdDrop[] = [];
  const eventHandler = ({ event, next }: { event: any; next: () => void }): void => {
    if (event?.level === 'warning') {
      const d = event.details ?? {};
      const term = d.property ?? d.type ?? d.id ?? d.value;
      drops.push({ code: String(event.code), term: typeof term === 'string' ? term : JSON.stringify(term) });
    }
    next();
  };
  try {
    await jsonld.expand(document, { documentLoader: loader, contextResolver: contextResolverFor(loader), safe: false, base: null, eventHandler });
  } catch (err: unknown) {
    throw toPassportError(err, 'the document cannot be expanded');
  }
  return drops;
}
