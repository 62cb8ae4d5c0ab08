import type { Resolvable } from 'did-resolver';
import type { ErrorCode } from '../errors/error-codes.js';
import { PassportError } from '../errors/passport-error.js';
import { VC_JWT_MEDIA_TYPE } from '../jose/vc-jwt-media-type.js';
import { isObject } from '../lib/is-object.js';
import { Bitstring, MAX_STATUS_SIZE } from './bitstring.js';
import type { DecompressStatusList } from './decompress-status-list.js';
import { cacheLifetimeMs } from './lib/cache-lifetime.js';
import { parseStatusListCredential } from './lib/parse-status-list-credential.js';
import { isStatusListTokenType, parseStatusListToken } from './lib/parse-status-list-token.js';
import { tokenStatusListOf } from './lib/read-token-status-list.js';
import { verifyStatusListBody, type VerifyDataIntegrityList } from './lib/verify-status-list-body.js';
import { verifyStatusListJws } from './lib/verify-status-list-jws.js';
import type { StatusListFetcher } from './status-list-fetcher.js';
import { STATUS_LIST_JWT_MEDIA_TYPE } from './status-list-media-types.js';
import { StatusListCache, type CachedStatusList } from './status-list-cache.js';
import { DEFAULT_MAX_STATUS_LIST_BYTES } from './status-limits.js';
import { TOKEN_STATUS, TokenStatusList } from './token-status-list.js';

/** What a status check concluded about one status entry. */
export type CredentialStatusState = 'valid' | 'revoked' | 'suspended' | 'unknown';

/** The outcome of checking one status entry of a credential. */
export interface CredentialStatusResult {
  /** `BitstringStatusList` for a `credentialStatus` entry, `TokenStatusList` for a `status` claim. */
  mechanism: 'BitstringStatusList' | 'TokenStatusList';
  /**
   * The entry's `statusPurpose` (`revocation`, `suspension`, ...); `status` for a Token Status
   * List, whose one value covers both revocation and suspension.
   */
  purpose: string;
  status: CredentialStatusState;
  /** Set unless the status is `valid`: `ERR_STATUS_REVOKED`, `ERR_STATUS_SUSPENDED`, or why it is unknown. */
  code?: ErrorCode;
  message?: string;
  /** The list checked, when the entry named one. */
  listUrl?: string;
  index?: number;
  /** The raw status value read from the list. */
  value?: number;
}

/** Options for {@link checkStatusEntries}: the platform's HTTP and decompression are injected. */
export interface CheckStatusEntriesOptions {
  /** A credential's `credentialStatus`: one entry or an array (Bitstring Status List v1.0, section 2.1). */
  credentialStatus?: unknown;
  /** The `status` claim of an SD-JWT VC or other JWT (draft-ietf-oauth-status-list, section 6.2). */
  statusClaim?: unknown;
  /** The DID that issued the credential: every list must be signed by one of its assertion keys. */
  issuerDid: string;
  resolver: Resolvable;
  /** How lists are fetched (only the URL and an `Accept` value are given). */
  fetchStatusList: StatusListFetcher;
  /** How lists are decompressed: GZIP for Bitstring Status Lists, ZLIB for Token Status Lists. */
  decompress: DecompressStatusList;
  /** Verifies a list secured with a Data Integrity proof; without it such a list's status is unknown. */
  verifyDataIntegrityList?: VerifyDataIntegrityList;
  /** Where verified lists are kept; default a cache for this call only. */
  cache?: StatusListCache;
  /** The clock for list validity (`validUntil`, `exp`), injectable so tests freeze time. */
  now?: Date;
  /** Allowed clock difference, seconds; default 60. */
  clockSkewSeconds?: number;
  /** The most bytes a list may expand to; default {@link DEFAULT_MAX_STATUS_LIST_BYTES}. */
  maxListBytes?: number;
}

interface Context {
  issuerDid: string;
  resolver: Resolvable;
  fetch: StatusListFetcher;
  decompress: DecompressStatusList;
  verifyDataIntegrityList: VerifyDataIntegrityList | undefined;
  cache: StatusListCache;
  nowMs: number;
  skewMs: number;
  maxListBytes: number;
}

/** Codes that already say why a status is unknown; anything else (network, DID resolution) is ERR_STATUS_UNKNOWN. */
const KEPT_CODES: readonly ErrorCode[] = [
  'ERR_STATUS_LIST_INVALID',
  'ERR_STATUS_LIST_SIGNATURE_INVALID',
  'ERR_STATUS_LIST_TOO_LARGE',
  'ERR_STATUS_INDEX_OUT_OF_RANGE',
  'ERR_STATUS_UNKNOWN',
  'ERR_VC_MALFORMED',
];

function unknownResult(base: Omit<CredentialStatusResult, 'status'>, err: unknown): CredentialStatusResult {
  let code: ErrorCode = 'ERR_STATUS_UNKNOWN';
  if (err instanceof PassportError) {
    if (KEPT_CODES.includes(err.code)) code = err.code;
    else if (err.code === 'ERR_DID_WEB_TOO_LARGE') code = 'ERR_STATUS_LIST_TOO_LARGE';
  }
  const message = err instanceof Error ? err.message : String(err);
  return { ...base, status: 'unknown', code, message };
}

function malformed(message: string): PassportError {
  return new PassportError('ERR_VC_MALFORMED', message);
}

// Status list URLs as written in credentials, normalised: a verifier sees the same few lists over
// and over, and parsing each entry's URL was a few per cent of a cached verification (bench verify-jose).
const listUrls = new Map<string, string>();
const MAX_LIST_URLS = 1_000;

function listUrlOf(value: unknown, field: string): string {
  if (typeof value !== 'string') throw malformed(`${field} must be a URL`);
  const known = listUrls.get(value);
  if (known !== undefined) return known;
  let href: string;
  try {
    // The fragment names the entry, not the list; it is never sent, and lists are cached without it.
    const url = new URL(value);
    url.hash = '';
    href = url.href;
  } catch (cause: unknown) {
    throw new PassportError('ERR_VC_MALFORMED', `${field} is not a URL`, { cause });
  }
  if (listUrls.size >= MAX_LIST_URLS) listUrls.clear();
  listUrls.set(value, href);
  return href;
}

function checkValidity(fromMs: number | undefined, untilMs: number | undefined, ctx: Context): void {
  if (fromMs !== undefined && fromMs - ctx.skewMs > ctx.nowMs) throw new PassportError('ERR_STATUS_LIST_INVALID', 'the status list is not valid yet');
  if (untilMs !== undefined && untilMs + ctx.skewMs < ctx.nowMs) throw new PassportError('ERR_STATUS_LIST_INVALID', 'the status list has expired');
}

function loadBitstringList(listUrl: string, ctx: Context): Promise<CachedStatusList> {
  // The issuer is part of the key: a list is only ever kept as verified for the DID that signed it.
  return ctx.cache.load(`bitstring ${ctx.issuerDid} ${listUrl}`, async () => {
    // VC-JOSE is asked for; a list served with a Data Integrity proof instead is read as well.
    const response = await ctx.fetch(listUrl, { accept: VC_JWT_MEDIA_TYPE });
    const payload = await verifyStatusListBody(response.body, {
      issuerDid: ctx.issuerDid,
      resolver: ctx.resolver,
      now: new Date(ctx.nowMs),
      clockSkewSeconds: ctx.skewMs / 1000,
      ...(ctx.verifyDataIntegrityList === undefined ? {} : { verifyDataIntegrityList: ctx.verifyDataIntegrityList }),
    });
    const parsed = parseStatusListCredential(payload);
    const bytes = await ctx.decompress(parsed.compressed, 'gzip', ctx.maxListBytes);
    if (parsed.issuer !== ctx.issuerDid) {
      throw new PassportError('ERR_STATUS_LIST_SIGNATURE_INVALID', `the status list names ${String(parsed.issuer)} as issuer, not ${ctx.issuerDid}`);
    }
    // A list signed by the right issuer but published for another URL could be swapped in.
    if (parsed.id !== undefined && parsed.id !== listUrl) {
      throw new PassportError('ERR_STATUS_LIST_INVALID', `the list at ${listUrl} says it is ${parsed.id}`);
    }
    const value: CachedStatusList = {
      kind: 'bitstring',
      signerDid: ctx.issuerDid,
      purposes: parsed.purposes,
      bytes,
      ...(parsed.validFromMs === undefined ? {} : { validFromMs: parsed.validFromMs }),
      ...(parsed.validUntilMs === undefined ? {} : { validUntilMs: parsed.validUntilMs }),
    };
    const ttlMs = cacheLifetimeMs({
      listTtlMs: parsed.ttlMs,
      cacheControl: response.cacheControl,
      defaultTtlMs: ctx.cache.defaultTtlMs,
      expiresAtMs: parsed.validUntilMs,
      nowMs: ctx.nowMs,
    });
    return { value, ttlMs };
  });
}

function loadTokenStatusList(uri: string, ctx: Context): Promise<CachedStatusList> {
  return ctx.cache.load(`token ${ctx.issuerDid} ${uri}`, async () => {
    const response = await ctx.fetch(uri, { accept: STATUS_LIST_JWT_MEDIA_TYPE });
    const { payload } = await verifyStatusListJws(response.body.trim(), {
      issuerDid: ctx.issuerDid,
      resolver: ctx.resolver,
      acceptsType: isStatusListTokenType,
    });
    const { claims, list: compressed } = parseStatusListToken(payload);
    const list = tokenStatusListOf(compressed.bits, await ctx.decompress(compressed.compressed, 'deflate', ctx.maxListBytes));
    // Section 8.3, step 4a: the token must be the list the referenced token points at.
    if (claims.sub !== uri) throw new PassportError('ERR_STATUS_LIST_INVALID', `the Status List Token is for ${claims.sub}, not ${uri}`);
    if (claims.iss !== undefined && claims.iss !== ctx.issuerDid) {
      throw new PassportError('ERR_STATUS_LIST_SIGNATURE_INVALID', `the Status List Token names ${claims.iss} as issuer, not ${ctx.issuerDid}`);
    }
    const expMs = claims.exp === undefined ? undefined : claims.exp * 1000;
    const value: CachedStatusList = { kind: 'token', signerDid: ctx.issuerDid, bits: list.bits, bytes: list.bytes, ...(expMs === undefined ? {} : { expMs }) };
    const ttlMs = cacheLifetimeMs({
      listTtlMs: claims.ttl === undefined ? undefined : claims.ttl * 1000,
      cacheControl: response.cacheControl,
      defaultTtlMs: ctx.cache.defaultTtlMs,
      expiresAtMs: expMs,
      nowMs: ctx.nowMs,
    });
    return { value, ttlMs };
  });
}

// The message an entry's `statusMessage` gives for a status value ({status: "0x1", message}), if any.
function statusMessageOf(statusMessage: unknown, value: number): string | undefined {
  if (!Array.isArray(statusMessage)) return undefined;
  for (const item of statusMessage) {
    if (isObject(item) && typeof item['status'] === 'string' && /^0x[0-9a-f]+$/i.test(item['status']) && Number.parseInt(item['status'].slice(2), 16) === value && typeof item['message'] === 'string') {
      return item['message'];
    }
  }
  return undefined;
}

async function checkBitstringEntry(entry: unknown, ctx: Context): Promise<CredentialStatusResult> {
  const purpose = isObject(entry) && typeof entry['statusPurpose'] === 'string' ? entry['statusPurpose'] : 'unknown';
  const base: Omit<CredentialStatusResult, 'status'> = { mechanism: 'BitstringStatusList', purpose };
  try {
    if (!isObject(entry)) throw malformed('a credentialStatus entry must be an object');
    if (entry['type'] !== 'BitstringStatusListEntry') {
      throw new PassportError('ERR_STATUS_UNKNOWN', `credentialStatus type ${String(entry['type'])} is not supported`);
    }
    if (purpose === 'unknown') throw malformed('the entry has no statusPurpose');
    const rawIndex = entry['statusListIndex'];
    // Section 2.1: an integer of any size, as a base-10 string.
    if (typeof rawIndex !== 'string' || !/^\d+$/.test(rawIndex)) throw malformed('statusListIndex must be a base-10 integer string');
    const index = Number(rawIndex);
    base.index = index;
    const listUrl = listUrlOf(entry['statusListCredential'], 'statusListCredential');
    base.listUrl = listUrl;
    const statusSize = entry['statusSize'] ?? 1;
    if (typeof statusSize !== 'number' || !Number.isInteger(statusSize) || statusSize < 1) throw malformed('statusSize must be a positive integer');
    if (statusSize > MAX_STATUS_SIZE) throw new PassportError('ERR_STATUS_UNKNOWN', `statusSize ${statusSize} is not supported`);

    const list = await loadBitstringList(listUrl, ctx);
    if (list.kind !== 'bitstring' || list.signerDid !== ctx.issuerDid) {
      throw new PassportError('ERR_STATUS_LIST_SIGNATURE_INVALID', 'the status list was not signed by the credential issuer');
    }
    // Section 3.2, step 5.
    if (!list.purposes.includes(purpose)) throw new PassportError('ERR_STATUS_LIST_INVALID', `the status list is not for ${purpose}`);
    checkValidity(list.validFromMs, list.validUntilMs, ctx);
    // Section 3.2, steps 9 and 10: at least 131,072 entries, and the index inside them.
    const bitstring = new Bitstring({ bytes: list.bytes, statusSize });
    if (!Number.isSafeInteger(index) || index >= bitstring.size) {
      throw new PassportError('ERR_STATUS_INDEX_OUT_OF_RANGE', `index ${rawIndex} is outside the list (${bitstring.size} entries)`);
    }
    const value = bitstring.get(index);
    // A message list's 0 may have a message of its own (section 2.1, statusMessage).
    if (value === 0 && (purpose === 'revocation' || purpose === 'suspension' || entry['statusMessage'] === undefined)) return { ...base, status: 'valid', value };
    if (purpose === 'revocation') return { ...base, status: 'revoked', code: 'ERR_STATUS_REVOKED', message: 'the credential has been revoked', value };
    if (purpose === 'suspension') return { ...base, status: 'suspended', code: 'ERR_STATUS_SUSPENDED', message: 'the credential is suspended', value };
    // refresh and message statuses do not invalidate a credential (section 2.1): report the value,
    // with its statusMessage when the entry gives one (section 2.1, statusMessage; 3.2 step 13).
    const described = statusMessageOf(entry['statusMessage'], value);
    return { ...base, status: 'valid', value, message: described === undefined ? `${purpose} status ${value}` : `${purpose} status 0x${value.toString(16)}: ${described}` };
  } catch (err: unknown) {
    return unknownResult(base, err);
  }
}

async function checkTokenStatus(claim: unknown, ctx: Context): Promise<CredentialStatusResult> {
  const base: Omit<CredentialStatusResult, 'status'> = { mechanism: 'TokenStatusList', purpose: 'status' };
  try {
    // Section 8.3, step 1.
    const reference = isObject(claim) ? claim['status_list'] : undefined;
    if (!isObject(reference)) throw malformed('the status claim has no status_list');
    const idx = reference['idx'];
    if (typeof idx !== 'number' || !Number.isSafeInteger(idx) || idx < 0) throw malformed('status_list.idx must be a non-negative integer');
    base.index = idx;
    if (typeof reference['uri'] !== 'string') throw malformed('status_list.uri must be a URI');
    const uri = reference['uri'];
    listUrlOf(uri, 'status_list.uri');
    base.listUrl = uri;

    const list = await loadTokenStatusList(uri, ctx);
    if (list.kind !== 'token' || list.signerDid !== ctx.issuerDid) {
      throw new PassportError('ERR_STATUS_LIST_SIGNATURE_INVALID', 'the Status List Token was not signed by the credential issuer');
    }
    // Section 8.3, step 4c.
    checkValidity(undefined, list.expMs, ctx);
    const statuses = new TokenStatusList({ bits: list.bits, bytes: list.bytes });
    // Section 8.3, step 6.
    if (idx >= statuses.size) throw new PassportError('ERR_STATUS_INDEX_OUT_OF_RANGE', `idx ${idx} is outside the list (${statuses.size} statuses)`);
    const value = statuses.get(idx);
    // Section 7.1.
    if (value === TOKEN_STATUS.VALID) return { ...base, status: 'valid', value };
    if (value === TOKEN_STATUS.INVALID) return { ...base, status: 'revoked', code: 'ERR_STATUS_REVOKED', message: 'the credential has been revoked', value };
    if (value === TOKEN_STATUS.SUSPENDED) return { ...base, status: 'suspended', code: 'ERR_STATUS_SUSPENDED', message: 'the credential is suspended', value };
    return { ...base, status: 'unknown', code: 'ERR_STATUS_UNKNOWN', message: `status value ${value} is not one we understand`, value };
  } catch (err: unknown) {
    return unknownResult(base, err);
  }
}

/**
 * Checks a credential's status entries against their lists: W3C Bitstring Status List entries
 * (`credentialStatus`, validated as in Bitstring Status List v1.0, section 3.2) and an IETF Token
 * Status List reference (`status` claim, draft-ietf-oauth-status-list, section 8.3).
 *
 * Each list is fetched (only its URL is requested) with the injected `fetchStatusList`,
 * decompressed with the injected `decompress`, its signature verified against a key the credential
 * issuer's DID lists for assertions, and kept in the cache for its time to live. Runs in browsers
 * (`@staff-passport/core/browser`); in Node, {@link checkCredentialStatus} injects zlib and the
 * guarded HTTPS fetch.
 * Returns one result per entry and never throws for a bad or unreachable list: such a status is
 * `unknown` with a code (`ERR_STATUS_UNKNOWN` for network and DID failures,
 * `ERR_STATUS_LIST_SIGNATURE_INVALID`, `ERR_STATUS_LIST_INVALID`, `ERR_STATUS_LIST_TOO_LARGE`,
 * `ERR_STATUS_INDEX_OUT_OF_RANGE`, `ERR_VC_MALFORMED` for a malformed entry). A revoked entry has
 * code `ERR_STATUS_REVOKED`, a suspended one `ERR_STATUS_SUSPENDED`. What to accept is the caller's
 * policy; an empty array means the credential has no status to check.
 *
 * @example
 * const results = await checkStatusEntries({ credentialStatus: vc.credentialStatus, issuerDid: vc.issuer, resolver, fetchStatusList, decompress: decompressWithStreams });
 * const bad = results.filter((r) => r.status !== 'valid'); // each with r.code
 */
export async function checkStatusEntries(options: CheckStatusEntriesOptions): Promise<CredentialStatusResult[]> {
  const ctx: Context = {
    issuerDid: options.issuerDid,
    resolver: options.resolver,
    fetch: options.fetchStatusList,
    decompress: options.decompress,
    verifyDataIntegrityList: options.verifyDataIntegrityList,
    cache: options.cache ?? new StatusListCache(),
    nowMs: (options.now ?? new Date()).getTime(),
    skewMs: (options.clockSkewSeconds ?? 60) * 1000,
    maxListBytes: options.maxListBytes ?? DEFAULT_MAX_STATUS_LIST_BYTES,
  };
  const checks: Promise<CredentialStatusResult>[] = [];
  if (options.credentialStatus !== undefined && options.credentialStatus !== null) {
    const entries = Array.isArray(options.credentialStatus) ? options.credentialStatus : [options.credentialStatus];
    for (const entry of entries) checks.push(checkBitstringEntry(entry, ctx));
  }
  if (options.statusClaim !== undefined && options.statusClaim !== null) checks.push(checkTokenStatus(options.statusClaim, ctx));
  return Promise.all(checks);
}
