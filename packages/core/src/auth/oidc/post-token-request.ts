import { PassportError } from '../../errors/passport-error.js';

/** Options for {@link postTokenRequest}. */
export interface TokenRequestOptions {
  timeoutMs: number;
  /** Largest answer read, in bytes (default 64 KiB: tokens, not documents). */
  maxBytes?: number;
  fetch?: typeof fetch;
}

/** The token endpoint's answer: its status and its JSON body (`undefined` when it is not JSON). */
export interface TokenAnswer {
  status: number;
  body: unknown;
}

async function readLimited(res: Response, maxBytes: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new Error(`the answer is over ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * POSTs a form to an OAuth token endpoint (RFC 6749 section 4.1.3) with a time limit and a size
 * limit on the answer, never following redirects (a token endpoint answers, it does not send
 * the code elsewhere).
 *
 * @throws PassportError `ERR_OIDC_PROVIDER_UNAVAILABLE` when the endpoint cannot be reached, is too
 *   slow, redirects, or answers too much.
 */
export async function postTokenRequest(url: string, form: Record<string, string>, options: TokenRequestOptions): Promise<TokenAnswer> {
  const fetchFn = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const res = await fetchFn(url, {
      method: 'POST',
      redirect: 'error',
      signal,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
    });
    const text = await readLimited(res, options.maxBytes ?? 64 * 1024);
    let body: unknown;
    try {
      body = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      body = undefined;
    }
    return { status: res.status, body };
  } catch (err: unknown) {
    throw new PassportError('ERR_OIDC_PROVIDER_UNAVAILABLE', "the sign-in service's token endpoint could not be reached", { cause: err });
  }
}
