import { guardedFetchBytes, type GuardedFetchOptions } from '../did/guarded-fetch.js';

/** What a status list fetch sends: the list URL and the media types accepted, nothing else. */
export interface StatusListRequest {
  accept: string;
}

/** What a status list fetch answers. */
export interface StatusListResponse {
  /** The body as text: a compact JWT, or JSON carrying one. */
  body: string;
  /** The HTTP `Cache-Control` header, when there was one. */
  cacheControl?: string;
}

/**
 * Fetches a status list. Injected so tests and offline verifiers can supply lists; it receives
 * only the list URL and an `Accept` value, so nothing about the credential or its holder can be
 * sent to the issuer (Bitstring Status List v1.0, section 6; draft-ietf-oauth-status-list, section 12.2).
 */
export type StatusListFetcher = (url: string, request: StatusListRequest) => Promise<StatusListResponse>;

/** The guard's limits for status lists: a 1,000,000-entry list with many revocations is about 170 KB. */
export const DEFAULT_STATUS_LIST_FETCH: Partial<GuardedFetchOptions> = { maxBytes: 1024 * 1024, timeoutMs: 5000 };

/**
 * The default status list fetcher: an HTTP GET behind the SSRF guard (https only, public
 * addresses only, redirects checked, a timeout and a size limit), sending only `Accept`.
 *
 * @throws PassportError the guard's codes (`ERR_DID_WEB_*`, `ERR_DID_NOT_FOUND`, `ERR_DID_UNRESOLVABLE`);
 *   `checkCredentialStatus` reports them as an unknown status.
 * @example
 * const fetchStatusList = createStatusListFetcher({ allowHttp: true, allowPrivateNetwork: true }); // local demo
 */
export function createStatusListFetcher(options: Partial<GuardedFetchOptions> = {}): StatusListFetcher {
  const limits = { ...DEFAULT_STATUS_LIST_FETCH, ...options };
  return async (url, request) => {
    const response = await guardedFetchBytes(url, { ...limits, accept: request.accept });
    return { body: response.body.toString('utf8'), ...(response.cacheControl === undefined ? {} : { cacheControl: response.cacheControl }) };
  };
}
