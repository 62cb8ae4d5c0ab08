import type { JWK } from 'jose';
import { isObject } from '../lib/is-object.js';
import type { JwsSigner } from '../jose/jws-signer.js';
import { PassportError } from '../errors/passport-error.js';
import { issueSdJwt } from './issue-sd-jwt.js';
import { isPublicSigningJwk } from './lib/public-jwk.js';
import type { Hasher, SaltGenerator } from './types.js';

/** The JOSE header `typ` of an SD-JWT VC (SD-JWT VC, section 3.2.1). */
export const SD_JWT_VC_TYP = 'dc+sd-jwt';

/**
 * Claims of an SD-JWT VC that are never selectively disclosable (SD-JWT VC, section 3.2.2.2):
 * `iss`, `nbf`, `exp`, `cnf`, `vct`, `vct#integrity` and `status`.
 */
export const SD_JWT_VC_UNDISCLOSABLE_CLAIMS: readonly string[] = ['iss', 'nbf', 'exp', 'cnf', 'vct', 'vct#integrity', 'status'];

/** Options for {@link issueSdJwtVc}. */
export interface IssueSdJwtVcOptions {
  /**
   * The claims of the credential (the "Unsecured Payload", for example from `toSdJwtVcClaims`).
   * `vct`, `iss`, `iat`, `nbf`, `exp`, `cnf` and `status` may be here or given as options below;
   * given in both places they must agree.
   */
  claims: Record<string, unknown>;
  /** Dotted paths of the selectively disclosable claims (see `issueSdJwt`); none of {@link SD_JWT_VC_UNDISCLOSABLE_CLAIMS}. */
  disclosable?: readonly string[];
  /** The credential type (SD-JWT VC, section 3.2.2.1). */
  vct?: string;
  /** The issuer, for the staff passport a DID whose `assertionMethod` lists the signer's key. */
  iss?: string;
  /** Issued at, seconds since the epoch; `now` by default. */
  iat?: number;
  nbf?: number;
  exp?: number;
  /** The holder's public key: the KB-JWT of a presentation must be signed with it (RFC 7800, section 3.2). */
  cnf?: { jwk: JWK };
  /** Where the status of the credential is published (IETF Token Status List: `{ status_list: { idx, uri } }`). */
  status?: Record<string, unknown>;
  signer: JwsSigner;
  hasher?: Hasher;
  saltGenerator?: SaltGenerator;
  /** Decoy digests added to each `_sd` array (RFC 9901, section 4.2.5). */
  decoys?: number;
  /** The clock, for the default `iat`. */
  now?: Date;
}

const NUMERIC_DATES = ['iat', 'nbf', 'exp'] as const;

/**
 * Issues an SD-JWT VC: an SD-JWT (RFC 9901) with header `typ: dc+sd-jwt` and `kid` of the signer,
 * `_sd_alg: sha-256`, and the claims SD-JWT VC, section 3.2.2 defines.
 *
 * @example
 * const credential = await issueSdJwtVc({
 *   claims: toSdJwtVcClaims(vc, trainingRecordType),
 *   disclosable: trainingRecordType.disclosable,
 *   cnf: { jwk: holderPublicJwk },
 *   signer,
 *   ...nodeSdJwtCrypto,
 * });
 * @throws PassportError `ERR_REQUEST_INVALID` when `vct` is missing, a date is not a number, `cnf` is not a
 *   public Ed25519 or P-256 JWK, an option disagrees with the claims, or a path names a claim that may not be disclosable.
 */
export async function issueSdJwtVc(options: IssueSdJwtVcOptions): Promise<string> {
  if (!isObject(options.claims)) throw new PassportError('ERR_REQUEST_INVALID', 'claims must be a JSON object', { field: 'claims' });
  const payload: Record<string, unknown> = { ...options.claims };
  const given: Record<string, unknown> = {
    iss: options.iss,
    iat: options.iat,
    nbf: options.nbf,
    exp: options.exp,
    vct: options.vct,
    cnf: options.cnf,
    status: options.status,
  };
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) continue;
    if (payload[name] !== undefined && JSON.stringify(payload[name]) !== JSON.stringify(value)) {
      throw new PassportError('ERR_REQUEST_INVALID', `${name} is given both as an option and in the claims, with different values`, { field: name });
    }
    payload[name] = value;
  }
  payload['iat'] ??= Math.floor((options.now ?? new Date()).getTime() / 1000);

  if (typeof payload['vct'] !== 'string' || payload['vct'] === '') throw new PassportError('ERR_REQUEST_INVALID', 'an SD-JWT VC needs a vct', { field: 'vct' });
  if (payload['iss'] !== undefined && typeof payload['iss'] !== 'string') throw new PassportError('ERR_REQUEST_INVALID', 'iss must be a string', { field: 'iss' });
  for (const name of NUMERIC_DATES) {
    const value = payload[name];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
      throw new PassportError('ERR_REQUEST_INVALID', `${name} must be a NumericDate (seconds since the epoch)`, { field: name });
    }
  }
  const cnf = payload['cnf'];
  if (cnf !== undefined && !(isObject(cnf) && isPublicSigningJwk(cnf['jwk']))) {
    throw new PassportError('ERR_REQUEST_INVALID', 'cnf must be { jwk } with a public Ed25519 or P-256 key', { field: 'cnf' });
  }
  if (payload['status'] !== undefined && !isObject(payload['status'])) throw new PassportError('ERR_REQUEST_INVALID', 'status must be an object', { field: 'status' });
  for (const path of options.disclosable ?? []) {
    const first = typeof path === 'string' ? path.split('.')[0]! : '';
    if (first === '*' || SD_JWT_VC_UNDISCLOSABLE_CLAIMS.includes(first)) {
      throw new PassportError('ERR_REQUEST_INVALID', `${path} may not be selectively disclosable (SD-JWT VC, section 3.2.2.2)`, { field: 'disclosable' });
    }
  }
  return issueSdJwt({
    payload,
    disclosable: options.disclosable ?? [],
    signer: options.signer,
    typ: SD_JWT_VC_TYP,
    ...(options.hasher ? { hasher: options.hasher } : {}),
    ...(options.saltGenerator ? { saltGenerator: options.saltGenerator } : {}),
    ...(options.decoys === undefined ? {} : { decoys: options.decoys }),
  });
}
