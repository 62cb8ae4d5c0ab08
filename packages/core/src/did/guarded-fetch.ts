import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { PassportError } from '../errors/passport-error.js';
import { isNonPublicAddress } from './address-policy.js';

/** Limits for fetching documents named by strangers (did:web, later status lists). */
export interface GuardedFetchOptions {
  /** Allow loopback, private and link-local addresses (tests and local demos only). */
  allowPrivateNetwork: boolean;
  /** Allow plain http (tests and local demos only); did:web otherwise means https. */
  allowHttp: boolean;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export const DEFAULT_GUARDED_FETCH: GuardedFetchOptions = {
  allowPrivateNetwork: false,
  allowHttp: false,
  timeoutMs: 5000,
  maxBytes: 256 * 1024,
  maxRedirects: 3,
};

function forbidden(url: string, address: string): PassportError {
  return new PassportError('ERR_DID_WEB_FORBIDDEN_ADDRESS', `${url} resolves to ${address}, which is not a public address`);
}

/** A DNS lookup that refuses non-public addresses unless allowed (the address checked is the one connected to). */
export function guardedLookup(url: string, allowPrivate: boolean): LookupFunction {
  // The address checked is the address connected to: no window for DNS rebinding.
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as LookupAddress[];
      const bad = allowPrivate ? undefined : list.find((a) => isNonPublicAddress(a.address));
      if (bad) return callback(forbidden(url, bad.address) as unknown as NodeJS.ErrnoException, '', 0);
      if (options.all) return callback(null, list as unknown as string, 0);
      const first = list[0];
      if (!first) return callback(new Error(`no address for ${hostname}`) as NodeJS.ErrnoException, '', 0);
      return callback(null, first.address, first.family);
    });
  };
}

function checkUrl(raw: string, opts: GuardedFetchOptions): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause: unknown) {
    throw new PassportError('ERR_DID_INVALID', `${raw} is not a URL`, { cause });
  }
  if (url.protocol !== 'https:' && !(opts.allowHttp && url.protocol === 'http:')) {
    throw new PassportError('ERR_DID_WEB_FORBIDDEN_ADDRESS', `${url.protocol} is not allowed (https only)`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !opts.allowPrivateNetwork && isNonPublicAddress(host)) throw forbidden(raw, host);
  return url;
}

async function readLimited(res: IncomingMessage, maxBytes: number, url: string): Promise<Buffer> {
  const declared = Number(res.headers['content-length'] ?? '0');
  if (declared > maxBytes) {
    res.destroy();
    throw new PassportError('ERR_DID_WEB_TOO_LARGE', `${url} declares ${declared} bytes, over the ${maxBytes} byte limit`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      res.destroy();
      throw new PassportError('ERR_DID_WEB_TOO_LARGE', `${url} is over the ${maxBytes} byte limit`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * GETs a JSON document from a URL a stranger named, refusing non-public addresses (also after
 * redirects and DNS), with a time limit and a size limit.
 *
 * @throws PassportError `ERR_DID_WEB_FORBIDDEN_ADDRESS`, `ERR_DID_WEB_TIMEOUT`, `ERR_DID_WEB_TOO_LARGE`,
 *   `ERR_DID_NOT_FOUND` (HTTP 404/410), `ERR_DID_UNRESOLVABLE` (anything else).
 */
export async function guardedFetchJson(raw: string, options: Partial<GuardedFetchOptions> = {}): Promise<unknown> {
  const { url, body } = await guardedFetchBytes(raw, { ...options, accept: 'application/did+json, application/json' });
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (cause: unknown) {
    throw new PassportError('ERR_DID_UNRESOLVABLE', `${url} did not answer JSON`, { cause });
  }
}

/** What {@link guardedFetchBytes} answers: the raw body and the headers a caller may need. */
export interface GuardedResponse {
  /** The URL that answered, after any redirects. */
  url: string;
  body: Buffer;
  contentType: string | undefined;
  cacheControl: string | undefined;
}

/** Options for {@link guardedFetchBytes}: the guard's limits, and the media types to ask for. */
export interface GuardedFetchBytesOptions extends Partial<GuardedFetchOptions> {
  /** The `Accept` header sent (the only header we add: no cookies, no referrer, no user agent). */
  accept?: string;
}

function getOnce(url: URL, opts: GuardedFetchOptions, signal: AbortSignal, accept: string): Promise<IncomingMessage> {
  const requestFn = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = requestFn(url, { method: 'GET', signal, headers: { accept }, lookup: guardedLookup(url.href, opts.allowPrivateNetwork) }, resolve);
    req.on('error', reject);
    req.end();
  });
}

/**
 * GETs any document (a status list JWT, for example) from a URL a stranger named, behind the same
 * guard as {@link guardedFetchJson}: non-public addresses refused (also after redirects and DNS),
 * a time limit and a size limit. The body is returned as bytes, unparsed.
 *
 * @throws PassportError `ERR_DID_WEB_FORBIDDEN_ADDRESS`, `ERR_DID_WEB_TIMEOUT`, `ERR_DID_WEB_TOO_LARGE`,
 *   `ERR_DID_NOT_FOUND` (HTTP 404/410), `ERR_DID_UNRESOLVABLE` (anything else); the codes of the guard,
 *   whatever the document is.
 * @example
 * const { body } = await guardedFetchBytes(listUrl, { accept: 'application/statuslist+jwt' });
 */
export async function guardedFetchBytes(raw: string, options: GuardedFetchBytesOptions = {}): Promise<GuardedResponse> {
  const { accept = '*/*', ...limits } = options;
  const opts = { ...DEFAULT_GUARDED_FETCH, ...limits };
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let url = checkUrl(raw, opts);
  try {
    for (let redirects = 0; ; redirects++) {
      const res = await getOnce(url, opts, signal, accept);
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (redirects >= opts.maxRedirects) throw new PassportError('ERR_DID_UNRESOLVABLE', `${raw}: too many redirects`);
        url = checkUrl(new URL(res.headers.location, url).href, opts);
        continue;
      }
      if (status === 404 || status === 410) {
        res.resume();
        throw new PassportError('ERR_DID_NOT_FOUND', `${url.href} answered ${status}`);
      }
      if (status !== 200) {
        res.resume();
        throw new PassportError('ERR_DID_UNRESOLVABLE', `${url.href} answered ${status}`);
      }
      const body = await readLimited(res, opts.maxBytes, url.href);
      return { url: url.href, body, contentType: res.headers['content-type'], cacheControl: res.headers['cache-control'] };
    }
  } catch (err: unknown) {
    if (err instanceof PassportError) throw err;
    if (signal.aborted) throw new PassportError('ERR_DID_WEB_TIMEOUT', `${raw} did not answer within ${opts.timeoutMs} ms`, { cause: err });
    const inner = (err as { cause?: unknown } | null)?.cause;
    if (inner instanceof PassportError) throw inner;
    throw new PassportError('ERR_DID_UNRESOLVABLE', `${raw} could not be fetched`, { cause: err });
  }
}
