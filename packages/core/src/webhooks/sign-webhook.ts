import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { PassportError } from '../errors/passport-error.js';

const PREFIX = 'whsec_';

function secretBytes(secret: string): Buffer {
  const raw = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  const key = Buffer.from(raw, 'base64');
  if (key.length < 24 || key.length > 64) {
    throw new PassportError('ERR_REQUEST_INVALID', 'a webhook secret is whsec_ and 24 to 64 bytes in base64', { field: 'secret' });
  }
  return key;
}

/**
 * A new signing secret: `whsec_` and 32 random bytes in base64, as the Standard Webhooks
 * specification says a symmetric secret is written ("Signature scheme", between 24 and 64 bytes).
 *
 * @example
 * const secret = generateWebhookSecret(); // 'whsec_...'
 */
export function generateWebhookSecret(): string {
  return `${PREFIX}${randomBytes(32).toString('base64')}`;
}

/** What is signed: the message id, the attempt's timestamp and the exact body. */
export interface WebhookSignatureInput {
  /** `whsec_` and the key in base64. */
  secret: string;
  /** The `webhook-id` (the same on every attempt: the receiver's idempotency key). */
  id: string;
  /** The `webhook-timestamp`, seconds since 1970. */
  timestamp: number;
  /** The request body exactly as sent. */
  body: string;
}

/**
 * The `webhook-signature` value of the Standard Webhooks specification ("Signature scheme",
 * symmetric): `v1,` and the base64 HMAC-SHA256, keyed by the secret's bytes, of
 * `{id}.{timestamp}.{body}`.
 *
 * @example
 * signWebhook({ secret, id: 'msg_2b7...', timestamp: 1614265330, body }) // 'v1,g0hM9Ss...'
 * @throws PassportError `ERR_REQUEST_INVALID` (a secret that is not `whsec_` and 24 to 64 bytes).
 */
export function signWebhook(input: WebhookSignatureInput): string {
  const mac = createHmac('sha256', secretBytes(input.secret)).update(`${input.id}.${input.timestamp}.${input.body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}

/** The three headers of a signed message. */
export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * The headers a message is sent with (Standard Webhooks, "Webhook headers").
 *
 * @example
 * await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...webhookHeaders(input) } });
 */
export function webhookHeaders(input: WebhookSignatureInput): WebhookHeaders {
  return { 'webhook-id': input.id, 'webhook-timestamp': String(input.timestamp), 'webhook-signature': signWebhook(input) };
}

/** Options for {@link verifyWebhook}. */
export interface VerifyWebhookOptions {
  secret: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The receiver's clock, seconds since 1970 (default now). */
  now?: number;
  /** How far the timestamp may be from `now`, seconds (default 300, the specification's suggestion). */
  toleranceSeconds?: number;
}

/**
 * What a receiver does with a message: true when one of the space-separated `v1` signatures
 * matches (compared in constant time) and the timestamp is within the tolerance. For receivers
 * written with this package, and for our tests.
 *
 * @example
 * if (!verifyWebhook({ secret, headers: req.headers, body: rawBody })) return res.sendStatus(401);
 */
export function verifyWebhook(options: VerifyWebhookOptions): boolean {
  const header = (name: string) => {
    const value = options.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const id = header('webhook-id');
  const timestamp = Number(header('webhook-timestamp'));
  const signatures = header('webhook-signature');
  if (!id || !Number.isInteger(timestamp) || !signatures) return false;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook({ secret: options.secret, id, timestamp, body: options.body }), 'utf8');
  return signatures.split(' ').some((candidate) => {
    const given = Buffer.from(candidate, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
