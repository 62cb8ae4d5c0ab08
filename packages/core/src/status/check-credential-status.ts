import { createStatusListFetcher } from './create-status-list-fetcher.js';
import { checkStatusEntries, type CheckStatusEntriesOptions, type CredentialStatusResult } from './check-status-entries.js';
import { decompressWithZlib } from './lib/decompress-limited.js';
import { verifyDataIntegrityList } from './lib/verify-data-integrity-list.js';
import type { StatusListFetcher } from './status-list-fetcher.js';
import { StatusListCache } from './status-list-cache.js';

export type { CredentialStatusResult, CredentialStatusState } from './check-status-entries.js';

/** Options for {@link checkCredentialStatus}: those of `checkStatusEntries`, with Node's defaults. */
export interface CheckCredentialStatusOptions extends Omit<CheckStatusEntriesOptions, 'fetchStatusList' | 'decompress' | 'verifyDataIntegrityList'> {
  /** How lists are fetched; default {@link createStatusListFetcher} (guarded HTTPS GET). */
  fetchStatusList?: StatusListFetcher;
  /** Where verified lists are kept; default one cache shared by the process. */
  cache?: StatusListCache;
}

const sharedCache = new StatusListCache();
let defaultFetcher: StatusListFetcher | undefined;

/**
 * Checks a credential's status entries against their lists, in Node: `checkStatusEntries` (the one
 * status check, shared with the browser wallet) with Node's zlib, the guarded HTTPS fetch unless
 * another is given, Data Integrity lists read, and one list cache for the process unless another is
 * given. Returns one result per entry and never throws for a bad or unreachable list (see
 * `checkStatusEntries` for the codes).
 *
 * @example
 * const results = await checkCredentialStatus({ credentialStatus: vc.credentialStatus, issuerDid: vc.issuer, resolver });
 * const bad = results.filter((r) => r.status !== 'valid'); // each with r.code
 */
export function checkCredentialStatus(options: CheckCredentialStatusOptions): Promise<CredentialStatusResult[]> {
  return checkStatusEntries({
    ...options,
    fetchStatusList: options.fetchStatusList ?? (defaultFetcher ??= createStatusListFetcher()),
    decompress: decompressWithZlib,
    verifyDataIntegrityList,
    cache: options.cache ?? sharedCache,
  });
}
