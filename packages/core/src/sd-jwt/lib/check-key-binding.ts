import { isObject } from '../../lib/is-object.js';
import { isSupportedAlg } from '../../jose/jws-signer.js';
import type { CheckList, VerificationCheck } from '../../verification/verification-result.js';
import type { Hasher, KeyBindingPolicy, SignatureVerifier } from '../types.js';
import { decodeBase64url } from './base64url.js';
import { digestOf } from './disclosures.js';
import { jwkFitsAlg } from './public-jwk.js';
import { decodeJwt } from './split-sd-jwt.js';

/** What checking a KB-JWT needs. */
export interface KeyBindingInput {
  kbJwt: string | undefined;
  /** The presented SD-JWT without the KB-JWT (the `sd_hash` input, RFC 9901, section 4.3.1). */
  sdJwt: string;
  /** The processed SD-JWT claims, for `cnf`. */
  claims: Record<string, unknown> | undefined;
  policy: KeyBindingPolicy | undefined;
  nowSeconds: number;
  skewSeconds: number;
  hasher: Hasher;
  verifySignature: SignatureVerifier;
  at: Partial<VerificationCheck>;
}

/** The checks of Key Binding, in the order they are reported. */
export const KEY_BINDING_CHECKS = ['key-binding', 'key-binding.sd-hash', 'key-binding.nonce', 'key-binding.audience', 'key-binding.freshness'] as const;

/**
 * Checks a KB-JWT as RFC 9901, section 7.3, step 5 says, reporting each part as its own check:
 * `key-binding` (there when required; `typ: kb+jwt`; EdDSA or ES256; signed with the `cnf.jwk`
 * key), `key-binding.sd-hash`, `key-binding.nonce`, `key-binding.audience` and
 * `key-binding.freshness` (`iat` not in the future nor older than the policy allows, `exp` if any).
 */
export async function checkKeyBinding(input: KeyBindingInput, list: CheckList): Promise<{ header: Record<string, unknown>; payload: Record<string, unknown> } | undefined> {
  const { at, policy } = input;
  const skipRest = (from: number, why: string): void => {
    for (const check of KEY_BINDING_CHECKS.slice(from)) list.skip(check, why, at);
  };
  if (input.kbJwt === undefined) {
    if (policy && policy.required !== false) list.fail('key-binding', 'ERR_SDJWT_KB_MISSING', 'Key Binding is required but the presentation has no KB-JWT', at);
    else list.skip('key-binding', 'Key Binding is not required and the presentation has none', at);
    skipRest(1, 'no KB-JWT');
    return undefined;
  }
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    ({ header, payload } = decodeJwt(input.kbJwt, 'ERR_SDJWT_KB_INVALID'));
  } catch {
    list.fail('key-binding', 'ERR_SDJWT_KB_INVALID', 'the KB-JWT is not a compact JWS of JSON objects', at);
    skipRest(1, 'the KB-JWT could not be decoded');
    return undefined;
  }

  // Start the digest now: with an asynchronous hasher it runs while the signature is checked.
  const sdHash = digestOf(input.sdJwt, input.hasher);
  const problems: string[] = [];
  const alg = header['alg'];
  const cnf = input.claims?.['cnf'];
  const jwk = isObject(cnf) ? cnf['jwk'] : undefined;
  if (header['typ'] !== 'kb+jwt') problems.push(`typ ${String(header['typ'])} is not kb+jwt`);
  if (header['crit'] !== undefined) problems.push('no critical header parameters are understood');
  // With a policy, the nonce and audience checks below say what is wrong with them.
  if (!policy && (typeof payload['nonce'] !== 'string' || payload['aud'] === undefined)) problems.push('the KB-JWT has no nonce or aud (RFC 9901, section 4.3)');
  if (!isSupportedAlg(alg)) {
    problems.push(`alg ${String(alg)} is not accepted (EdDSA, ES256)`);
  } else if (!jwkFitsAlg(jwk, alg)) {
    problems.push(`the SD-JWT names no ${alg} holder key (cnf.jwk) to check the KB-JWT with`);
  } else {
    const dot = input.kbJwt.lastIndexOf('.');
    let valid: boolean;
    try {
      decodeBase64url(input.kbJwt.slice(dot + 1));
      valid = await input.verifySignature(alg, jwk, input.kbJwt.slice(0, dot), input.kbJwt.slice(dot + 1));
    } catch {
      valid = false;
    }
    if (!valid) problems.push('the KB-JWT is not signed with the holder key of the SD-JWT (cnf.jwk)');
  }
  if (problems.length === 0) list.pass('key-binding', at);
  else list.fail('key-binding', 'ERR_SDJWT_KB_INVALID', problems.join('; '), at);

  const expectedHash = typeof sdHash === 'string' ? sdHash : await sdHash;
  if (payload['sd_hash'] === expectedHash) list.pass('key-binding.sd-hash', at);
  else list.fail('key-binding.sd-hash', 'ERR_SDJWT_KB_SD_HASH_MISMATCH', 'sd_hash is not the hash of the presented SD-JWT (RFC 9901, section 4.3.1)', at);

  if (!policy) {
    list.skip('key-binding.nonce', 'no nonce expected', at);
    list.skip('key-binding.audience', 'no audience expected', at);
  } else {
    if (payload['nonce'] === policy.nonce) list.pass('key-binding.nonce', at);
    else list.fail('key-binding.nonce', 'ERR_SDJWT_KB_NONCE_MISMATCH', 'the KB-JWT nonce is not the one issued for this transaction', at);
    const aud = payload['aud'];
    if (aud === policy.aud || (Array.isArray(aud) && aud.includes(policy.aud))) list.pass('key-binding.audience', at);
    else list.fail('key-binding.audience', 'ERR_SDJWT_KB_AUDIENCE_MISMATCH', `the KB-JWT is for ${JSON.stringify(aud)}, not ${policy.aud}`, at);
  }

  const iat = payload['iat'];
  const exp = payload['exp'];
  const maxAge = policy?.maxAgeSeconds ?? 300;
  if (typeof iat !== 'number' || !Number.isFinite(iat)) {
    list.fail('key-binding.freshness', 'ERR_SDJWT_KB_INVALID', 'the KB-JWT has no iat', at);
  } else if (iat > input.nowSeconds + input.skewSeconds) {
    list.fail('key-binding.freshness', 'ERR_SDJWT_KB_INVALID', 'the KB-JWT was issued in the future', at);
  } else if (iat < input.nowSeconds - maxAge - input.skewSeconds) {
    list.fail('key-binding.freshness', 'ERR_SDJWT_KB_EXPIRED', `the KB-JWT is older than ${maxAge} seconds`, at);
  } else if (exp !== undefined && (typeof exp !== 'number' || exp + input.skewSeconds < input.nowSeconds)) {
    list.fail('key-binding.freshness', 'ERR_SDJWT_KB_EXPIRED', 'the KB-JWT has expired', at);
  } else {
    list.pass('key-binding.freshness', at);
  }
  return { header, payload };
}
