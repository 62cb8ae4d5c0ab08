import {
  PassportError,
  StatusListCache,
  checkStatusEntries,
  decompressWithStreams,
  type CheckStatusEntriesOptions,
  type CredentialStatusResult,
  type ErrorCode,
  type StatusListFetcher,
} from '@staff-passport/core/browser';
import { resolveDid } from '../lib/resolve-did.js';
import type { StoredCredential } from '../stores/credential-store.js';
import type { WalletParts } from '../wallet-parts.js';

/** A credential's status, as the holder sees it. */
export type WalletCredentialStatus = 'valid' | 'revoked' | 'suspended' | 'unknown';

/** What {@link checkCredentialStatus} found. */
export interface CredentialStatusCheck {
  /** Revoked or suspended when any entry says so; unknown when any list could not be read; else valid. */
  status: WalletCredentialStatus;
  /** When the lists were read (ISO 8601). */
  checkedAt: string;
  /** One line per status entry (none when the credential carries no status). */
  entries: { listUrl?: string; index?: number; purpose: string; status: WalletCredentialStatus; code?: ErrorCode }[];
}

type Entry = CredentialStatusCheck['entries'][number];
type Resolver = CheckStatusEntriesOptions['resolver'];
type Resolution = Awaited<ReturnType<Resolver['resolve']>>;
type StatusParts = Pick<WalletParts, 'fetch' | 'now'> & Partial<Pick<WalletParts, 'allowHttpLoopback'>>;

// The request carries nothing that tells the issuer who asks or for which credential: no cookies,
// no referrer, no query string or fragment, only an Accept header. The whole list is fetched, and
// the bit read here (Bitstring Status List v1.0, section 6.2 "Herd privacy"; IETF Token Status
// List, section 12 "Privacy Considerations").
const PRIVATE_REQUEST: RequestInit = { credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'follow' };
const TIMEOUT_MS = 10_000;

/**
 * Checks a stored credential's status on demand with core's status check (`checkStatusEntries`):
 * fetches the whole status list each entry points to (a W3C Bitstring Status List credential
 * secured as VC-JOSE, or an IETF Status List Token for an SD-JWT VC) through the injected fetch,
 * verifies the list is signed by the credential's issuer (its DID resolved through the same fetch),
 * and reads the entry. Runs in browsers (GZIP and ZLIB through `DecompressionStream`). Never throws
 * for an unreachable or bad list: that entry is `unknown` with a code.
 *
 * @example
 * const { status } = await checkCredentialStatus(stored, parts); // 'valid' | 'revoked' | ...
 */
export async function checkCredentialStatus(stored: StoredCredential, parts: StatusParts): Promise<CredentialStatusCheck> {
  const checkedAt = parts.now().toISOString();
  const sdJwt = stored.format === 'dc+sd-jwt';
  const results = await checkStatusEntries({
    ...(sdJwt ? { statusClaim: stored.status } : { credentialStatus: stored.status }),
    issuerDid: stored.issuer,
    resolver: walletResolver(parts),
    fetchStatusList: privateFetcher(parts),
    decompress: decompressWithStreams,
    // A check on demand reads the lists afresh.
    cache: new StatusListCache(),
    now: parts.now(),
  });
  const entries = results.map(toEntry);
  return { status: overall(entries), checkedAt, entries };
}

function toEntry(result: CredentialStatusResult): Entry {
  return {
    ...(result.listUrl === undefined ? {} : { listUrl: result.listUrl }),
    ...(result.index === undefined ? {} : { index: result.index }),
    purpose: result.purpose,
    status: result.status,
    ...(result.code === undefined ? {} : { code: result.code }),
  };
}

function overall(entries: readonly Entry[]): WalletCredentialStatus {
  for (const s of ['revoked', 'suspended', 'unknown'] as const) if (entries.some((e) => e.status === s)) return s;
  return 'valid';
}

function privateFetcher(parts: StatusParts): StatusListFetcher {
  return async (url, request) => {
    let response: Response;
    try {
      response = await parts.fetch(url, { ...PRIVATE_REQUEST, headers: { accept: request.accept }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (cause: unknown) {
      throw new PassportError('ERR_STATUS_UNKNOWN', `the status list ${url} could not be fetched`, { cause });
    }
    if (!response.ok) throw new PassportError('ERR_STATUS_UNKNOWN', `the status list ${url} answered ${response.status}`);
    const cacheControl = response.headers.get('cache-control');
    return { body: (await response.text()).trim(), ...(cacheControl === null ? {} : { cacheControl }) };
  };
}

// The wallet's DID resolution (did:key, did:jwk, did:web through the injected fetch) as the
// resolver core's check asks for keys.
function walletResolver(parts: StatusParts): Resolver {
  const options = { fetch: parts.fetch, allowHttpLoopback: parts.allowHttpLoopback ?? false };
  return {
    async resolve(did) {
      try {
        // The wallet's DidDocument is the part core reads (its keys typed as jose's JWK).
        const didDocument = (await resolveDid(did, options)) as Resolution['didDocument'];
        return { didDocument, didResolutionMetadata: {}, didDocumentMetadata: {} };
      } catch (err: unknown) {
        const code = err instanceof PassportError ? err.code : 'ERR_DID_UNRESOLVABLE';
        const message = err instanceof Error ? err.message : String(err);
        return { didDocument: null, didResolutionMetadata: { error: 'notFound', code, message }, didDocumentMetadata: {} };
      }
    },
  };
}
