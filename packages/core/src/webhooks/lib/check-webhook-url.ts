import { isIP } from 'node:net';
import { PassportError } from '../../errors/passport-error.js';
import { isNonPublicAddress } from '../../did/address-policy.js';

/** Where webhooks may go: the did:web fetcher's address policy, and http for loopback only when allowed. */
export interface WebhookAddressPolicy {
  /** Let endpoints be on loopback and private addresses (local demos and tests). */
  allowPrivateNetwork: boolean;
  /** Let endpoints on a loopback address use plain http (local demos and tests); https otherwise. */
  allowHttpLoopback: boolean;
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * A webhook endpoint URL checked against the policy: https (http to a loopback host only when
 * allowed), no credentials in it, and an address literal that is public unless private ones are
 * allowed. Host names are checked again when connecting (the guarded DNS lookup).
 *
 * @throws PassportError `ERR_WEBHOOK_URL_FORBIDDEN` (field `url`).
 */
export function checkWebhookUrl(raw: string, policy: WebhookAddressPolicy): URL {
  const refuse = (why: string) => new PassportError('ERR_WEBHOOK_URL_FORBIDDEN', `${why}`, { field: 'url' });
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('the endpoint is not a URL');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttpLoopback && isLoopbackHost(host))) {
    throw refuse('the endpoint must be an https URL');
  }
  if (url.username !== '' || url.password !== '') throw refuse('the endpoint URL must not carry credentials');
  if (url.hash !== '') throw refuse('the endpoint URL must not have a fragment');
  const literal = isIP(host) !== 0;
  if (!policy.allowPrivateNetwork && ((literal && isNonPublicAddress(host)) || host === 'localhost')) {
    throw refuse(`${host} is not a public address`);
  }
  return url;
}
