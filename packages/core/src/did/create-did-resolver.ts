import { getDidKeyResolver } from '@veramo/did-provider-key';
import { Resolver, type DIDResolutionResult, type DIDResolver, type ParsedDID } from 'did-resolver';
import { PassportError } from '../errors/passport-error.js';
import { TtlCache } from '../lib/ttl-cache.js';
import { didWebToUrl } from './did-web-url.js';
import { DEFAULT_GUARDED_FETCH, guardedFetchJson, type GuardedFetchOptions } from './guarded-fetch.js';
import { resolveDidJwk } from './resolve-did-jwk.js';
import { codeOf, messageOf } from '../errors/read-error.js';

/** Options for {@link createDidResolver}. */
export interface DidResolverOptions {
  /** did:web fetching limits; private addresses and plain http are refused by default. */
  web?: Partial<GuardedFetchOptions>;
  /** How long a resolved document is kept, and how many are kept. */
  cacheTtlMs?: number;
  cacheMaxEntries?: number;
  now?: () => number;
}

const LOOPBACK_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

function errorResult(err: unknown): DIDResolutionResult {
  const code = codeOf(err, 'ERR_DID_UNRESOLVABLE');
  const message = messageOf(err);
  return {
    didResolutionMetadata: { error: code === 'ERR_DID_NOT_FOUND' ? 'notFound' : 'invalidDid', code, message },
    didDocument: null,
    didDocumentMetadata: {},
  };
}

function webResolver(options: GuardedFetchOptions): DIDResolver {
  return async (did: string, parsed: ParsedDID): Promise<DIDResolutionResult> => {
    try {
      const bare = `did:web:${parsed.id}`;
      const host = decodeURIComponent(parsed.id.split(':')[0] ?? '');
      // Plain http only for loopback hosts, and only when configured (local demos and tests).
      const protocol = options.allowHttp && LOOPBACK_HOST.test(host) ? 'http:' : 'https:';
      const document = await guardedFetchJson(didWebToUrl(bare, protocol), options);
      if (!document || typeof document !== 'object' || (document as { id?: unknown }).id !== bare) {
        throw new PassportError('ERR_DID_UNRESOLVABLE', `the document at ${did} does not name ${bare} as its id`);
      }
      return { didResolutionMetadata: { contentType: 'application/did+json' }, didDocument: document as DIDResolutionResult['didDocument'], didDocumentMetadata: {} };
    } catch (err: unknown) {
      return errorResult(err);
    }
  };
}

/**
 * A DID resolver for did:key, did:jwk and did:web: did:web behind the SSRF guard (no loopback,
 * private or link-local addresses unless configured, redirects checked, a timeout and a size
 * limit), with successful results cached for a time and in a bounded number.
 *
 * @example
 * const resolver = createDidResolver({ web: { allowPrivateNetwork: true, allowHttp: true } });
 * const { didDocument } = await resolver.resolve('did:web:127.0.0.1%3A4100:orgs:abc');
 */
export function createDidResolver(options: DidResolverOptions = {}): Resolver {
  const web = { ...DEFAULT_GUARDED_FETCH, ...options.web };
  const cache = new TtlCache<DIDResolutionResult>(options.cacheMaxEntries ?? 1000, options.cacheTtlMs ?? 5 * 60_000, options.now);
  return new Resolver(
    { ...getDidKeyResolver(), jwk: resolveDidJwk, web: webResolver(web) },
    {
      cache: async (parsed, resolve) => {
        if (parsed.params?.['no-cache'] === 'true') return resolve();
        const hit = cache.get(parsed.did);
        if (hit) return hit;
        const result = await resolve();
        if (result.didDocument) cache.set(parsed.did, result);
        return result;
      },
    },
  );
}
