import { guardedFetchBytes, type GuardedFetchOptions } from '../did/guarded-fetch.js';
import type { StatusListFetcher } from './status-list-fetcher.js';

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
