/**
 * Signing as the Standard Webhooks specification says (standard-webhooks/standard-webhooks,
 * spec/standard-webhooks.md, "Signature scheme": `v1,` and the base64 HMAC-SHA256 of
 * `{webhook-id}.{webhook-timestamp}.{body}` keyed by the bytes of the `whsec_` secret), checked
 * against the specification's reference libraries' own vector (libraries/javascript/src/webhook.test.ts,
 * "sign function works").
 */
import { describe, expect, it } from '@jest/globals';
import { generateWebhookSecret, signWebhook, verifyWebhook, webhookHeaders } from '../../src/index.js';

const SPEC = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('signWebhook', () => {
  it("gives the specification's signature for its vector", () => {
    expect(signWebhook(SPEC)).toBe(SPEC.signature);
    expect(webhookHeaders(SPEC)).toEqual({ 'webhook-id': SPEC.id, 'webhook-timestamp': '1614265330', 'webhook-signature': SPEC.signature });
  });

  it('makes whsec_ secrets of 32 random bytes', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('refuses a secret that is too short', () => {
    expect(() => signWebhook({ ...SPEC, secret: 'whsec_c2hvcnQ=' })).toThrow(expect.objectContaining({ code: 'ERR_REQUEST_INVALID' }));
  });
});

describe('verifyWebhook', () => {
  const headers = { 'webhook-id': SPEC.id, 'webhook-timestamp': String(SPEC.timestamp), 'webhook-signature': SPEC.signature };
  const at = SPEC.timestamp + 10;

  it('accepts the vector, also among several signatures (space separated)', () => {
    expect(verifyWebhook({ secret: SPEC.secret, headers, body: SPEC.body, now: at })).toBe(true);
    const several = { ...headers, 'webhook-signature': `v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= ${SPEC.signature}` };
    expect(verifyWebhook({ secret: SPEC.secret, headers: several, body: SPEC.body, now: at })).toBe(true);
  });

  it('refuses a changed body, another id, a missing header and an old or future timestamp', () => {
    expect(verifyWebhook({ secret: SPEC.secret, headers, body: '{"test": 2432232315}', now: at })).toBe(false);
    expect(verifyWebhook({ secret: SPEC.secret, headers: { ...headers, 'webhook-id': 'msg_other' }, body: SPEC.body, now: at })).toBe(false);
    expect(verifyWebhook({ secret: SPEC.secret, headers: { ...headers, 'webhook-signature': undefined }, body: SPEC.body, now: at })).toBe(false);
    expect(verifyWebhook({ secret: SPEC.secret, headers, body: SPEC.body, now: SPEC.timestamp + 301 })).toBe(false);
    expect(verifyWebhook({ secret: SPEC.secret, headers, body: SPEC.body, now: SPEC.timestamp - 301 })).toBe(false);
  });
});
