import type { Resolvable } from 'did-resolver';
import type { CheckList } from '../../verification/verification-result.js';
import { findVerificationKey } from '../find-verification-key.js';
import type { SupportedAlg } from '../jws-signer.js';
import { verifyJwsSignature } from './verify-jws-signature.js';
import { codeOf, messageOf } from '../../errors/read-error.js';

/**
 * The checks every presentation JWT shares (VP JWT and VC Data Model 1.1 `vp` JWT): the holder's
 * signature with a key its DID document lists for authentication, the nonce and audience this
 * verifier gave, and freshness (`exp`; `nbf`, else `iat`). Adds one check each to `list`.
 */
export async function checkVpJwtProof(
  list: CheckList,
  jws: { jwt: string; header: Record<string, unknown>; payload: Record<string, unknown>; alg: SupportedAlg; holder: string | undefined },
  options: { resolver: Resolvable; challenge: string; domain: string; now: Date; skewSeconds: number },
): Promise<void> {
  const { header, payload, alg, holder } = jws;
  const kid = typeof header['kid'] === 'string' ? header['kid'] : undefined;
  // Without `kid` (as Veramo and did-jwt-vc sign), the only authentication key of the holder.
  if (holder?.startsWith('did:')) {
    try {
      const { key } = await findVerificationKey(options.resolver, holder, kid, alg, 'authentication', 'ERR_VP_KEY_NOT_FOUND');
      await verifyJwsSignature(jws.jwt, header, key, alg).then(
        () => list.pass('presentation.signature'),
        (cause: unknown) => list.fail('presentation.signature', 'ERR_VP_SIGNATURE_INVALID', `the holder's signature does not verify (${messageOf(cause)})`),
      );
    } catch (err: unknown) {
      list.fail('presentation.signature', codeOf(err, 'ERR_DID_UNRESOLVABLE'), messageOf(err));
    }
  } else {
    list.fail('presentation.signature', 'ERR_VP_KEY_NOT_FOUND', 'the presentation names no holder DID');
  }

  if (payload['nonce'] === options.challenge) list.pass('presentation.nonce');
  else list.fail('presentation.nonce', 'ERR_VP_NONCE_MISMATCH', 'the presentation is not bound to this challenge');
  const aud = Array.isArray(payload['aud']) ? payload['aud'] : [payload['aud']];
  if (aud.includes(options.domain)) list.pass('presentation.audience');
  else list.fail('presentation.audience', 'ERR_VP_AUDIENCE_MISMATCH', 'the presentation is for another audience');

  const nowSec = options.now.getTime() / 1000;
  const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
  const exp = num(payload['exp']);
  const notBefore = num(payload['nbf']) ?? num(payload['iat']);
  if (exp !== undefined && exp + options.skewSeconds < nowSec) list.fail('presentation.validity', 'ERR_VP_EXPIRED', 'the presentation has expired');
  else if (notBefore !== undefined && notBefore - options.skewSeconds > nowSec) list.fail('presentation.validity', 'ERR_VP_MALFORMED', 'the presentation is not valid yet');
  else list.pass('presentation.validity');
}
