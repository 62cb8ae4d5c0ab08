import type { Resolvable } from 'did-resolver';
import { getCredentialTypeByVct } from '@staff-passport/schemas';
import { PassportError } from '../errors/passport-error.js';
import { findVerificationKey } from '../jose/find-verification-key.js';
import type { VerificationCheck } from '../verification/verification-result.js';
import { SD_JWT_VC_TYP, SD_JWT_VC_UNDISCLOSABLE_CLAIMS } from './issue-sd-jwt-vc.js';
import type { IssuerKeyResolver } from './types.js';
import { verifySdJwt, type SdJwtVerification, type VerifySdJwtOptions } from './verify-sd-jwt.js';

/** Options for {@link verifySdJwtVc}: `verifySdJwt`'s, with the issuer key from a DID. */
export interface VerifySdJwtVcOptions extends Omit<VerifySdJwtOptions, 'resolveIssuerKey' | 'typ' | 'undisclosableClaims'> {
  /**
   * Resolves the DID in `iss`: the header `kid` must name a key its DID document lists under
   * `assertionMethod`. Give this or `resolveIssuerKey`.
   */
  resolver?: Resolvable;
  /** Finds the issuer key by other means (issuer metadata, a test key). */
  resolveIssuerKey?: IssuerKeyResolver;
  /** The credential types accepted (`vct`); any by default. */
  expectedVct?: string | readonly string[];
}

/** The outcome of verifying an SD-JWT VC. */
export interface SdJwtVcVerification extends SdJwtVerification {
  /** `iss`, when it is a string. */
  issuer?: string;
  /** `vct`, when it is a string. */
  vct?: string;
  /** The catalogue type names for the `vct` (empty for a type the catalogue does not know). */
  types: string[];
}

/**
 * The header `typ` values accepted: `dc+sd-jwt`, and `vc+sd-jwt`, which SD-JWT VC, section 3.2.1
 * recommends accepting for a transitional period.
 */
export const SD_JWT_VC_TYPS: readonly string[] = [SD_JWT_VC_TYP, 'vc+sd-jwt'];

/**
 * Verifies an SD-JWT VC (SD-JWT VC, section 3.4): everything `verifySdJwt` checks (format,
 * signature, Disclosures, validity, Key Binding), with `typ: dc+sd-jwt`, a `vct` (the `vct` check,
 * reported after `format`), none of `iss`, `nbf`, `exp`, `cnf`, `vct`, `vct#integrity`, `status`
 * disclosed, and with a `resolver` the issuer key found from the DID in `iss` and the header `kid`
 * (`assertionMethod`). Every check is reported; a bad credential never throws. Status is not
 * checked here (`claims.status` says where to look).
 *
 * @example
 * const r = await verifySdJwtVc({
 *   compact: presentation,
 *   resolver,
 *   expectedVct: trainingRecordType.vct,
 *   kb: { required: true, aud: clientId, nonce, maxAgeSeconds: 300 },
 *   ...nodeSdJwtCrypto,
 * });
 * if (r.verified) fromSdJwtVcClaims(r.claims!)
 * @throws PassportError `ERR_REQUEST_INVALID` when neither or both of `resolver` and `resolveIssuerKey` are given.
 */
export async function verifySdJwtVc(options: VerifySdJwtVcOptions): Promise<SdJwtVcVerification> {
  const { resolver, resolveIssuerKey, expectedVct, ...rest } = options;
  if ((resolver === undefined) === (resolveIssuerKey === undefined)) {
    throw new PassportError('ERR_REQUEST_INVALID', 'give exactly one of resolver and resolveIssuerKey');
  }
  const result = await verifySdJwt({
    ...rest,
    resolveIssuerKey: resolveIssuerKey ?? issuerKeyFromDid(resolver!),
    typ: SD_JWT_VC_TYPS,
    undisclosableClaims: SD_JWT_VC_UNDISCLOSABLE_CLAIMS,
  });

  const at: Partial<VerificationCheck> = options.credentialIndex === undefined ? {} : { credentialIndex: options.credentialIndex };
  const vct = result.payload?.['vct'];
  const expected = typeof expectedVct === 'string' ? [expectedVct] : expectedVct;
  let vctCheck: VerificationCheck;
  if (!result.payload) vctCheck = { check: 'vct', outcome: 'skipped', message: 'the SD-JWT could not be decoded', ...at };
  else if (typeof vct !== 'string' || vct === '') vctCheck = { check: 'vct', outcome: 'failed', code: 'ERR_SDJWT_MALFORMED', message: 'an SD-JWT VC must have a vct claim (SD-JWT VC, section 3.2.2.2)', ...at };
  else if (expected && !expected.includes(vct)) vctCheck = { check: 'vct', outcome: 'failed', code: 'ERR_SDJWT_VCT_MISMATCH', message: `vct ${vct} is not one of ${expected.join(', ')}`, ...at };
  else vctCheck = { check: 'vct', outcome: 'passed', ...at };
  const checks = [...result.checks];
  checks.splice(checks.findIndex((c) => c.check === 'format') + 1, 0, vctCheck);

  const iss = result.payload?.['iss'];
  const definition = typeof vct === 'string' ? getCredentialTypeByVct(vct) : undefined;
  return {
    ...result,
    verified: result.verified && vctCheck.outcome !== 'failed',
    checks,
    ...(typeof iss === 'string' ? { issuer: iss } : {}),
    ...(typeof vct === 'string' ? { vct } : {}),
    types: definition ? [definition.type] : [],
  };
}

/** The issuer key named by `iss` (a DID) and the header `kid`, listed for `assertionMethod`. */
function issuerKeyFromDid(resolver: Resolvable): IssuerKeyResolver {
  return async ({ iss, kid, alg }) => {
    if (!iss?.startsWith('did:')) throw new PassportError('ERR_VC_ISSUER_INVALID', 'iss must be a DID');
    if (!kid) throw new PassportError('ERR_VC_KEY_NOT_FOUND', 'the JWS header names no key (kid)');
    const { key } = await findVerificationKey(resolver, iss, kid, alg, 'assertionMethod', 'ERR_VC_KEY_NOT_FOUND');
    if (key instanceof Uint8Array) throw new PassportError('ERR_VC_KEY_NOT_FOUND', `${kid} is not a signing key`);
    return key;
  };
}
