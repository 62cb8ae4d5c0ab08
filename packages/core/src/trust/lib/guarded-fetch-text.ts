// Node only. A text variant of did/guarded-fetch.ts (which answers JSON) for signed registries;
// the same SSRF rules: https only, every address checked as connected to (also after redirects),
// a time limit and a size limit. Replace with a shared text variant once core has one.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isNonPublicAddress } from '../../did/address-policy.js';
import { DEFAULT_GUARDED_FETCH, type GuardedFetchOptions } from '../../did/guarded-fetch.js';
import { PassportError } from '../../errors/passport-error.js';

function forbidden(url: string, address: string): PassportError {
  return new PassportError('ERR_DID_WEB_FORBIDDEN_ADDRESS', `${url} resolves to ${address}, which is not a public address`);
}

function unavailable(message: string, cause?: unknown): PassportError {
  return new PassportError('ERR_TRUST_REGISTRY_UNAVAILABLE', message, cause === undefined ? {} : { cause });
}

function guardedLookup(url: string, allowPrivate: boolean): LookupFunction {
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
    throw unavailable(`${raw} is not a URL`, cause);
  }
  if (url.protocol !== 'https:' && !(opts.allowHttp && url.protocol === 'http:')) {
    throw new PassportError('ERR_DID_WEB_FORBIDDEN_ADDRESS', `${url.protocol} is not allowed (https only)`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !opts.allowPrivateNetwork && isNonPublicAddress(host)) throw forbidden(raw, host);
  return url;
}

function getOnce(url: URL, opts: GuardedFetchOptions, accept: string, signal: AbortSignal): Promise<IncomingMessage> {
  const requestFn = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = requestFn(url, { method: 'GET', signal, headers: { accept }, lookup: guardedLookup(url.href, opts.allowPrivateNetwork) }, resolve);
    req.on('error', reject);
    req.end();
  });
}

async function readLimited(res: IncomingMessage, maxBytes: number, url: string): Promise<string> {
  const declared = Number(res.headers['content-length'] ?? '0');
  if (declared > maxBytes) {
    res.destroy();
    throw unavailable(`${url} declares ${declared} bytes, over the ${maxBytes} byte limit`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      res.destroy();
      throw unavailable(`${url} is over the ${maxBytes} byte limit`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * GETs a text document over https, refusing non-public addresses (also after redirects and DNS),
 * with a time limit and a size limit.
 *
 * @throws PassportError `ERR_DID_WEB_FORBIDDEN_ADDRESS` (the SSRF guard), `ERR_TRUST_REGISTRY_UNAVAILABLE`
 *   (not a URL, timeout, too large, an HTTP status other than 200, a network failure).
 */
export async function guardedFetchText(raw: string, options: Partial<GuardedFetchOptions> = {}, accept = 'text/plain'): Promise<string> {
  const opts = { ...DEFAULT_GUARDED_FETCH, ...options };
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let url = checkUrl(raw, opts);
  try {
    for (let redirects = 0; ; redirects++) {
      const res = await getOnce(url, opts, accept, signal);
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (redirects >= opts.maxRedirects) throw unavailable(`${raw}: too many redirects`);
        url = checkUrl(new URL(res.headers.location, url).href, opts);
        continue;
      }
      if (status !== 200) {
        res.resume();
        throw unavailable(`${url.href} answered ${status}`);
      }
      return await readLimited(res, opts.maxBytes, url.href);
    }
  } catch (err: unknown) {
    if (err instanceof PassportError) throw err;
    if (signal.aborted) throw unavailable(`${raw} did not answer within ${opts.timeoutMs} ms`, err);
    const inner = (err as { cause?: unknown } | null)?.cause;
    if (inner instanceof PassportError) throw inner;
    throw unavailable(`${raw} could not be fetched`, err);
  }
}
