import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { PassportError } from '../../errors/passport-error.js';
import { guardedLookup } from '../../did/guarded-fetch.js';
import type { WebhookHeaders } from '../sign-webhook.js';
import { checkWebhookUrl, type WebhookAddressPolicy } from './check-webhook-url.js';

/** What one POST came to: the HTTP status, or why there was none. */
export interface PostOutcome {
  status: number | null;
  error: string | null;
  durationMs: number;
}

// What is kept of a failing receiver's answer in the delivery log.
const MAX_ERROR_TEXT = 200;

/**
 * POSTs one signed message, behind the same address guard as the did:web fetcher (the URL checked
 * again, the address connected to checked by the DNS lookup), within a time limit. Redirects are
 * not followed: a 3xx is a failed attempt, as any answer but 2xx.
 */
export async function postWebhook(rawUrl: string, body: string, headers: WebhookHeaders, policy: WebhookAddressPolicy, timeoutMs: number): Promise<PostOutcome> {
  const started = performance.now();
  const done = (status: number | null, error: string | null): PostOutcome => ({ status, error, durationMs: Math.round(performance.now() - started) });
  let url: URL;
  try {
    url = checkWebhookUrl(rawUrl, policy);
  } catch (err: unknown) {
    return done(null, err instanceof PassportError ? `${err.code}: ${err.message}` : 'the endpoint URL is not allowed');
  }
  const requestFn = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = requestFn(
        url,
        {
          method: 'POST',
          signal,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'staff-passport-webhooks', ...headers },
          lookup: guardedLookup(url.href, policy.allowPrivateNetwork),
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            if (size < MAX_ERROR_TEXT) chunks.push(chunk);
            size += chunk.length;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8').slice(0, MAX_ERROR_TEXT) }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    if (status >= 200 && status < 300) return done(status, null);
    return done(status, `the endpoint answered ${status}${text ? `: ${text}` : ''}`);
  } catch (err: unknown) {
    if (signal.aborted) return done(null, `no answer within ${timeoutMs} ms`);
    const inner = (err as { cause?: unknown } | null)?.cause ?? err;
    if (inner instanceof PassportError) return done(null, `ERR_WEBHOOK_URL_FORBIDDEN: ${inner.message}`);
    return done(null, err instanceof Error ? err.message : 'the request failed');
  }
}
