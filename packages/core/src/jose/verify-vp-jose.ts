import type { Resolvable } from 'did-resolver';
import { PassportError } from '../errors/passport-error.js';
import { CheckList, type CredentialVerification, type VerificationCheck } from '../verification/verification-result.js';
import { decodeCompactJws, isObject, type DecodedJws } from './compact-jws.js';
import { checkVpJwtProof } from './lib/check-vp-jwt-proof.js';
import { isSupportedAlg, type SupportedAlg } from './jws-signer.js';
import { envelopedCredentialJwt } from './lib/enveloped-credential-jwt.js';
import { verifyVcJose } from './verify-vc-jose.js';
import { addHolderBindingCheck } from '../verification/add-holder-binding-check.js';
import { presentationRulesOf, type PresentationRules } from '../verification/presentation-rules.js';
import { messageOf } from '../errors/read-error.js';

/** Options for {@link verifyVpJose}. */
export interface VerifyVpJoseOptions {
  jwt: string;
  /**
   * `jwt` already decoded (`decodeCompactJws(jwt, 'ERR_VP_MALFORMED')`) by a caller that had to
   * look inside it first, so a presentation of many credentials is parsed once. It must be the
   * decoding of `jwt`: the signature is checked over `jwt`.
   */
  decoded?: DecodedJws;
  /** The nonce the verifier issued (VC API `options.challenge`). */
  challenge: string;
  /** The audience the presentation must name (VC API `options.domain`). */
  domain: string;
  resolver: Resolvable;
  now?: Date;
  clockSkewSeconds?: number;
  /**
   * What the presentation must be beyond the data model (OpenID4VP rules by default). A VP JWT
   * always names its holder, whose key signs it; `credentialsRequired` and `holderBinding` apply.
   */
  rules?: PresentationRules;
  /** The index of the first credential, when presentations before this one hold others: every check is stamped with its place in the whole answer. */
  firstCredentialIndex?: number;
}

/** The outcome of verifying a presentation: its own checks, then each credential's. */
export interface PresentationVerification {
  verified: boolean;
  checks: VerificationCheck[];
  holder?: string;
  credentials: CredentialVerification[];
}

/**
 * Verifies a VP JWT: its format, the holder's signature, nonce, audience and freshness, then every
 * credential in it, and that each credential was issued to the holder who presents it.
 * Never throws for a bad presentation: every check is reported.
 *
 * @example
 * const r = await verifyVpJose({ jwt, challenge: nonce, domain: 'https://verifier.example', resolver });
 */
export async function verifyVpJose(options: VerifyVpJoseOptions): Promise<PresentationVerification> {
  const list = new CheckList();
  const now = options.now ?? new Date();
  const skew = options.clockSkewSeconds ?? 60;
  let header: Record<string, unknown>;
  let vp: Record<string, unknown>;
  try {
    ({ header, payload: vp } = options.decoded ?? decodeCompactJws(options.jwt, 'ERR_VP_MALFORMED'));
  } catch (err: unknown) {
    list.fail('presentation.format', 'ERR_VP_MALFORMED', messageOf(err));
    return { verified: false, checks: list.checks, credentials: [] };
  }
  const types = Array.isArray(vp['type']) ? vp['type'] : [vp['type']];
  const holder = typeof vp['holder'] === 'string' ? vp['holder'] : isObject(vp['holder']) && typeof vp['holder']['id'] === 'string' ? vp['holder']['id'] : undefined;
  if (!isSupportedAlg(header['alg'])) {
    list.fail('presentation.format', 'ERR_VP_ALG_UNSUPPORTED', `alg ${String(header['alg'])} is not accepted (EdDSA, ES256)`);
    return { verified: false, checks: list.checks, credentials: [] };
  }
  const alg: SupportedAlg = header['alg'];
  if ((header['typ'] !== undefined && header['typ'] !== 'vp+jwt') || !types.includes('VerifiablePresentation') || !holder?.startsWith('did:')) {
    list.fail('presentation.format', 'ERR_VP_MALFORMED', 'not a VP JWT with a holder DID');
  } else {
    list.pass('presentation.format');
  }

  await checkVpJwtProof(list, { jwt: options.jwt, header, payload: vp, alg, holder }, {
    resolver: options.resolver,
    challenge: options.challenge,
    domain: options.domain,
    now,
    skewSeconds: skew,
  });

  // Every credential, and that it was issued to the presenting holder.
  const entries = Array.isArray(vp['verifiableCredential']) ? vp['verifiableCredential'] : vp['verifiableCredential'] === undefined ? [] : [vp['verifiableCredential']];
  const rules = presentationRulesOf(options.rules);
  if (entries.length === 0 && rules.credentialsRequired) list.fail('presentation.credentials', 'ERR_VP_EMPTY', 'the presentation carries no credential');
  const credentials: CredentialVerification[] = [];
  for (const [position, entry] of entries.entries()) {
    const credentialIndex = (options.firstCredentialIndex ?? 0) + position;
    let jwt: string | undefined;
    let refused: PassportError | undefined;
    try {
      jwt = envelopedCredentialJwt(entry);
    } catch (err: unknown) {
      if (!(err instanceof PassportError)) throw err;
      refused = err;
    }
    if (jwt === undefined) {
      const failed = new CheckList();
      failed.fail('format', refused?.code ?? 'ERR_VC_MALFORMED', refused?.message ?? 'not an enveloped VC-JOSE credential', { credentialIndex });
      credentials.push({ verified: false, checks: failed.checks });
      continue;
    }
    const result = await verifyVcJose({ jwt, resolver: options.resolver, now, clockSkewSeconds: skew, credentialIndex });
    if (rules.holderBinding) addHolderBindingCheck(result, holder, credentialIndex);
    credentials.push(result);
  }

  return {
    verified: list.ok && credentials.every((c) => c.verified),
    checks: list.checks,
    ...(holder ? { holder } : {}),
    credentials,
  };
}
