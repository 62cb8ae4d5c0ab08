import { PassportError, type ErrorCode } from '@staff-passport/core/browser';

/** What {@link httpRequest} sends: a JSON body, a form body, or nothing (GET). */
export interface HttpRequestOptions {
  method?: 'GET' | 'POST';
  json?: unknown;
  form?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  /** The code thrown when the network fails (the server's answer, good or bad, is returned). */
  errorCode: ErrorCode;
  /** Names the request in error messages ("the token endpoint"). */
  what: string;
}

/** A server's answer: status, headers, the text and the JSON body when it parses as JSON. */
export interface HttpAnswer {
  status: number;
  ok: boolean;
  headers: Headers;
  text: string;
  /** The parsed JSON body; undefined when the body is not JSON. */
  body: unknown;
}

/**
 * One HTTP exchange through the injected fetch. A network failure throws; any answer (2xx or not)
 * is returned for the caller to read, since the protocols put their errors in the body.
 *
 * @throws PassportError `options.errorCode` when the request cannot be made or the URL is not http(s).
 */
export async function httpRequest(fetch: typeof globalThis.fetch, url: string, options: HttpRequestOptions): Promise<HttpAnswer> {
  if (!/^https?:\/\//.test(url)) throw new PassportError(options.errorCode, `${options.what} is not an http(s) URL: ${url}`, { field: 'url' });
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(options.form)) if (value !== undefined) form.set(name, value);
    body = form.toString();
  }
  let response: Response;
  try {
    response = await fetch(url, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, ...(body === undefined ? {} : { body }) });
  } catch (err: unknown) {
    throw new PassportError(options.errorCode, `${options.what} could not be reached`, { field: 'url', cause: err });
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, ok: response.ok, headers: response.headers, text, body: parsed };
}
