import { PassportError, isObject, type ErrorCode } from '@staff-passport/core/browser';
import { decodeProtectedHeader } from 'jose';
import { verifyDidJwt } from '../lib/verify-did-jwt.js';
import type { StoredCredential } from '../stores/credential-store.js';
import type { WalletParts } from '../wallet-parts.js';
import { decodeListBase64url, decompress, readBitstringValue, readTokenStatusValue } from './lib/read-status-bits.js';

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
type StatusParts = Pick<WalletParts, 'fetch' | 'now'> & Partial<Pick<WalletParts, 'allowHttpLoopback'>>;

// The request carries nothing that tells the issuer who asks or for which credential: no cookies,
// no referrer, no query string or fragment, only an Accept header. The whole list is fetched, and
// the bit read here (Bitstring Status List v1.0, section 6.2 "Herd privacy"; IETF Token Status
// List, section 12 "Privacy Considerations").
const PRIVATE_REQUEST: RequestInit = { credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'follow' };
const TIMEOUT_MS = 10_000;

/**
 * Checks a stored credential's status on demand: fetches the whole status list each entry points
 * to (a W3C Bitstring Status List credential secured as VC-JOSE, or an IETF Status List Token for
 * an SD-JWT VC), verifies the list is signed by the credential's issuer (its DID resolved through
 * the injected fetch), and reads the entry. Runs in browsers (GZIP and ZLIB through
 * `DecompressionStream`). Never throws for an unreachable or bad list: that entry is `unknown`
 * with a code.
 *
 * @example
 * const { status } = await checkCredentialStatus(stored, parts); // 'valid' | 'revoked' | ...
 */
export async function checkCredentialStatus(stored: StoredCredential, parts: StatusParts): Promise<CredentialStatusCheck> {
  const checkedAt = parts.now().toISOString();
  const entries: Entry[] = [];
  if (stored.format === 'dc+sd-jwt') {
    if (stored.status !== undefined) entries.push(await checkTokenStatus(stored.status, stored.issuer, parts));
  } else if (stored.status !== undefined) {
    for (const entry of Array.isArray(stored.status) ? stored.status : [stored.status]) entries.push(await checkBitstringEntry(entry, stored.issuer, parts));
  }
  return { status: overall(entries), checkedAt, entries };
}

function overall(entries: readonly Entry[]): WalletCredentialStatus {
  for (const s of ['revoked', 'suspended', 'unknown'] as const) if (entries.some((e) => e.status === s)) return s;
  return 'valid';
}

function unknown(base: Omit<Entry, 'status'>, err: unknown): Entry {
  const code = err instanceof PassportError && err.code.startsWith('ERR_STATUS') ? err.code : 'ERR_STATUS_UNKNOWN';
  return { ...base, status: 'unknown', code };
}

function listUrlOf(value: unknown): string {
  try {
    if (typeof value !== 'string') throw new TypeError('not a string');
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('not http(s)');
    // The fragment names an entry, not the list: it is never sent.
    url.hash = '';
    return url.href;
  } catch (cause: unknown) {
    throw new PassportError('ERR_STATUS_LIST_INVALID', 'the status entry does not name a list URL', { cause });
  }
}

async function fetchList(url: string, accept: string, parts: StatusParts): Promise<string> {
  let response: Response;
  try {
    response = await parts.fetch(url, { ...PRIVATE_REQUEST, headers: { accept }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (cause: unknown) {
    throw new PassportError('ERR_STATUS_UNKNOWN', `the status list ${url} could not be fetched`, { cause });
  }
  if (!response.ok) throw new PassportError('ERR_STATUS_UNKNOWN', `the status list ${url} answered ${response.status}`);
  return (await response.text()).trim();
}

async function verifyList(jwt: string, issuer: string, parts: StatusParts): Promise<Record<string, unknown>> {
  const { payload } = await verifyDidJwt(jwt, {
    did: issuer,
    fetch: parts.fetch,
    allowHttpLoopback: parts.allowHttpLoopback ?? false,
    errorCode: 'ERR_STATUS_LIST_SIGNATURE_INVALID',
  });
  return payload;
}

function typOf(jwt: string): unknown {
  try {
    return decodeProtectedHeader(jwt).typ;
  } catch (cause: unknown) {
    throw new PassportError('ERR_STATUS_LIST_INVALID', 'the status list is not a JWT', { cause });
  }
}

/** Bitstring Status List v1.0, section 3.2 (validate algorithm), for a list secured as VC-JOSE. */
async function checkBitstringEntry(entry: unknown, issuer: string, parts: StatusParts): Promise<Entry> {
  const purpose = isObject(entry) && typeof entry['statusPurpose'] === 'string' ? entry['statusPurpose'] : 'unknown';
  const base: Omit<Entry, 'status'> = { purpose };
  try {
    if (!isObject(entry) || entry['type'] !== 'BitstringStatusListEntry') throw new PassportError('ERR_STATUS_UNKNOWN', 'not a BitstringStatusListEntry');
    const rawIndex = entry['statusListIndex'];
    if (typeof rawIndex !== 'string' || !/^\d+$/.test(rawIndex)) throw new PassportError('ERR_STATUS_LIST_INVALID', 'statusListIndex is not an integer string');
    base.index = Number(rawIndex);
    const listUrl = listUrlOf(entry['statusListCredential']);
    base.listUrl = listUrl;
    const size = entry['statusSize'] ?? 1;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > 8) throw new PassportError('ERR_STATUS_UNKNOWN', 'statusSize is not supported');

    let body = await fetchList(listUrl, 'application/vc+jwt', parts);
    if (body.startsWith('{')) body = envelopedJwt(body);
    const typ = typOf(body);
    if (typ !== undefined && typ !== 'vc+jwt' && typ !== 'application/vc+jwt') throw new PassportError('ERR_STATUS_LIST_INVALID', `typ ${String(typ)} is not a VC-JOSE credential`);
    const list = await verifyList(body, issuer, parts);
    const types = Array.isArray(list['type']) ? list['type'] : [list['type']];
    const subject = list['credentialSubject'];
    if (!types.includes('BitstringStatusListCredential') || !isObject(subject)) throw new PassportError('ERR_STATUS_LIST_INVALID', 'not a BitstringStatusListCredential');
    const listIssuer = isObject(list['issuer']) ? list['issuer']['id'] : list['issuer'];
    if (listIssuer !== issuer) throw new PassportError('ERR_STATUS_LIST_SIGNATURE_INVALID', 'the list was issued by another issuer');
    if (typeof list['id'] === 'string' && list['id'] !== listUrl) throw new PassportError('ERR_STATUS_LIST_INVALID', `the list at ${listUrl} says it is ${list['id']}`);
    const purposes = Array.isArray(subject['statusPurpose']) ? subject['statusPurpose'] : [subject['statusPurpose']];
    if (!purposes.includes(purpose)) throw new PassportError('ERR_STATUS_LIST_INVALID', `the list is not for ${purpose}`);
    checkWindow(parts.now().getTime(), time(list['validFrom']), time(list['validUntil']));
    const encoded = subject['encodedList'];
    // Multibase base64url ('u' prefix) of the GZIP-compressed bitstring (section 2.2).
    if (typeof encoded !== 'string' || !encoded.startsWith('u')) throw new PassportError('ERR_STATUS_LIST_INVALID', 'encodedList is not multibase base64url');
    const bytes = await decompress(decodeListBase64url(encoded.slice(1), 'encodedList'), 'gzip');
    const value = readBitstringValue(bytes, base.index, size);
    if (value === undefined) throw new PassportError('ERR_STATUS_INDEX_OUT_OF_RANGE', `index ${rawIndex} is outside the list`);
    if (value === 0 || (purpose !== 'revocation' && purpose !== 'suspension')) return { ...base, status: 'valid' };
    return purpose === 'revocation' ? { ...base, status: 'revoked', code: 'ERR_STATUS_REVOKED' } : { ...base, status: 'suspended', code: 'ERR_STATUS_SUSPENDED' };
  } catch (err: unknown) {
    return unknown(base, err);
  }
}

/** IETF Token Status List, section 8.3 (validation), for an SD-JWT VC's `status` claim. */
async function checkTokenStatus(claim: unknown, issuer: string, parts: StatusParts): Promise<Entry> {
  const base: Omit<Entry, 'status'> = { purpose: 'status' };
  try {
    const reference = isObject(claim) ? claim['status_list'] : undefined;
    if (!isObject(reference)) throw new PassportError('ERR_STATUS_LIST_INVALID', 'the status claim has no status_list');
    const idx = reference['idx'];
    if (typeof idx !== 'number' || !Number.isSafeInteger(idx) || idx < 0) throw new PassportError('ERR_STATUS_LIST_INVALID', 'status_list.idx is not a non-negative integer');
    base.index = idx;
    const uri = typeof reference['uri'] === 'string' ? reference['uri'] : '';
    const listUrl = listUrlOf(uri);
    base.listUrl = listUrl;

    const jwt = await fetchList(listUrl, 'application/statuslist+jwt', parts);
    const typ = typOf(jwt);
    if (typeof typ !== 'string' || !['statuslist+jwt', 'application/statuslist+jwt'].includes(typ.toLowerCase())) {
      throw new PassportError('ERR_STATUS_LIST_INVALID', `typ ${String(typ)} is not a Status List Token`);
    }
    const token = await verifyList(jwt, issuer, parts);
    if (token['sub'] !== uri) throw new PassportError('ERR_STATUS_LIST_INVALID', `the Status List Token is for ${String(token['sub'])}, not ${uri}`);
    if (token['iss'] !== undefined && token['iss'] !== issuer) throw new PassportError('ERR_STATUS_LIST_SIGNATURE_INVALID', 'the Status List Token names another issuer');
    checkWindow(parts.now().getTime(), undefined, typeof token['exp'] === 'number' ? token['exp'] * 1000 : undefined);
    const list = token['status_list'];
    const bits = isObject(list) ? list['bits'] : undefined;
    if (!isObject(list) || (bits !== 1 && bits !== 2 && bits !== 4 && bits !== 8)) throw new PassportError('ERR_STATUS_LIST_INVALID', 'status_list.bits is not 1, 2, 4 or 8');
    const bytes = await decompress(decodeListBase64url(list['lst'], 'status_list.lst'), 'deflate');
    const value = readTokenStatusValue(bytes, idx, bits);
    if (value === undefined) throw new PassportError('ERR_STATUS_INDEX_OUT_OF_RANGE', `idx ${idx} is outside the list`);
    // Section 7.1: 0 VALID, 1 INVALID, 2 SUSPENDED; anything else we do not understand.
    if (value === 0) return { ...base, status: 'valid' };
    if (value === 1) return { ...base, status: 'revoked', code: 'ERR_STATUS_REVOKED' };
    if (value === 2) return { ...base, status: 'suspended', code: 'ERR_STATUS_SUSPENDED' };
    return { ...base, status: 'unknown', code: 'ERR_STATUS_UNKNOWN' };
  } catch (err: unknown) {
    return unknown(base, err);
  }
}

function envelopedJwt(body: string): string {
  const prefix = 'data:application/vc+jwt,';
  try {
    const parsed: unknown = JSON.parse(body);
    if (isObject(parsed) && typeof parsed['id'] === 'string' && parsed['id'].startsWith(prefix)) return parsed['id'].slice(prefix.length);
  } catch {
    // fall through: not JSON
  }
  throw new PassportError('ERR_STATUS_LIST_INVALID', 'only status lists secured as VC-JOSE JWTs are read');
}

function time(value: unknown): number | undefined {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

function checkWindow(nowMs: number, fromMs: number | undefined, untilMs: number | undefined): void {
  const skew = 60_000;
  if (fromMs !== undefined && fromMs - skew > nowMs) throw new PassportError('ERR_STATUS_LIST_INVALID', 'the status list is not valid yet');
  if (untilMs !== undefined && untilMs + skew < nowMs) throw new PassportError('ERR_STATUS_LIST_INVALID', 'the status list has expired');
}
