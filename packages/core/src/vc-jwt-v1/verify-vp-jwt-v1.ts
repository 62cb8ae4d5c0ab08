import type { Resolvable } from 'did-resolver';
import { VC_CONTEXT_V1 } from '@staff-passport/schemas';
import { decodeCompactJws, isObject } from '../jose/compact-jws.js';
import { checkVpJwtProof } from '../jose/lib/check-vp-jwt-proof.js';
import { isSupportedAlg, type SupportedAlg } from '../jose/jws-signer.js';
import { verifyVcJose } from '../jose/verify-vc-jose.js';
import type { PresentationVerification } from '../jose/verify-vp-jose.js';
import { CheckList, type CredentialVerification } from '../verification/verification-result.js';
import { verifyVcJwtV1 } from './verify-vc-jwt-v1.js';
import { addHolderBindingCheck } from '../verification/add-holder-binding-check.js';
import { messageOf } from '../errors/read-error.js';

/** Options for {@link verifyVpJwtV1}. */
export interface VerifyVpJwtV1Options {
  jwt: string;
  /** The nonce the verifier issued. */
  challenge: string;
  /** The audience the presentation must name. */
  domain: string;
  resolver: Resolvable;
  now?: Date;
  clockSkewSeconds?: number;
  /** The index of the first credential, when presentations before this one hold others: every check is stamped with its place in the whole answer. */
  firstCredentialIndex?: number;
}

function isVcJoseJwt(jwt: string): boolean {
  try {
    return decodeCompactJws(jwt, 'ERR_VC_MALFORMED').header['typ'] === 'vc+jwt';
  } catch {
    return false;
  }
}

/**
 * Verifies a VC Data Model 1.1 presentation JWT (`vp` claim, section 6.3.1) with the same checks
 * as `verifyVpJose`: its format, the holder's (`iss`) signature with a key listed for
 * authentication, `nonce` and `aud` bound to this verifier, freshness (`nbf`, `iat`, `exp`), then
 * every credential (VC 1.1 JWTs, or VC-JOSE JWTs) and that each was issued to the holder.
 * Never throws for a bad presentation.
 *
 * @example
 * const r = await verifyVpJwtV1({ jwt, challenge: nonce, domain: 'https://verifier.example', resolver });
 */
export async function verifyVpJwtV1(options: VerifyVpJwtV1Options): Promise<PresentationVerification> {
  const list = new CheckList();
  const now = options.now ?? new Date();
  const skew = options.clockSkewSeconds ?? 60;
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    ({ header, payload } = decodeCompactJws(options.jwt, 'ERR_VP_MALFORMED'));
  } catch (err: unknown) {
    list.fail('presentation.format', 'ERR_VP_MALFORMED', messageOf(err));
    return { verified: false, checks: list.checks, credentials: [] };
  }
  if (!isSupportedAlg(header['alg'])) {
    list.fail('presentation.format', 'ERR_VP_ALG_UNSUPPORTED', `alg ${String(header['alg'])} is not accepted (EdDSA, ES256)`);
    return { verified: false, checks: list.checks, credentials: [] };
  }
  const alg: SupportedAlg = header['alg'];
  const vp = isObject(payload['vp']) ? payload['vp'] : undefined;
  const types = Array.isArray(vp?.['type']) ? vp['type'] : [vp?.['type']];
  const context = vp?.['@context'];
  const holder = typeof payload['iss'] === 'string' ? payload['iss'] : typeof vp?.['holder'] === 'string' ? vp['holder'] : undefined;
  const holderConflict = typeof payload['iss'] === 'string' && vp?.['holder'] !== undefined && vp['holder'] !== payload['iss'];
  if ((header['typ'] !== undefined && header['typ'] !== 'JWT') || !Array.isArray(context) || context[0] !== VC_CONTEXT_V1 || !types.includes('VerifiablePresentation') || !holder?.startsWith('did:') || holderConflict) {
    list.fail('presentation.format', 'ERR_VP_MALFORMED', 'not a VC Data Model 1.1 presentation JWT with a holder DID (iss)');
  } else {
    list.pass('presentation.format');
  }

  await checkVpJwtProof(list, { jwt: options.jwt, header, payload, alg, holder }, {
    resolver: options.resolver,
    challenge: options.challenge,
    domain: options.domain,
    now,
    skewSeconds: skew,
  });

  // Every credential, and that it was issued to the presenting holder.
  const raw = vp?.['verifiableCredential'];
  const entries = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  if (entries.length === 0) list.fail('presentation.credentials', 'ERR_VP_EMPTY', 'the presentation carries no credential');
  const credentials: CredentialVerification[] = [];
  for (const [position, entry] of entries.entries()) {
    const credentialIndex = (options.firstCredentialIndex ?? 0) + position;
    if (typeof entry !== 'string') {
      const failed = new CheckList();
      failed.fail('format', 'ERR_VC_MALFORMED', 'not a credential JWT', { credentialIndex });
      credentials.push({ verified: false, checks: failed.checks });
      continue;
    }
    const args = { jwt: entry, resolver: options.resolver, now, clockSkewSeconds: skew, credentialIndex };
    const result = isVcJoseJwt(entry) ? await verifyVcJose(args) : await verifyVcJwtV1(args);
    addHolderBindingCheck(result, holder, credentialIndex);
    credentials.push(result);
  }

  return {
    verified: list.ok && credentials.every((c) => c.verified),
    checks: list.checks,
    ...(holder ? { holder } : {}),
    credentials,
  };
}
