import { PassportError, isSupportedAlg, type ErrorCode } from '@staff-passport/core/browser';
import { compactVerify, decodeProtectedHeader, importJWK, type JWK, type ProtectedHeaderParameters } from 'jose';
import { findDidKey } from './find-did-key.js';
import type { ResolveDidOptions } from './resolve-did.js';

/** Options for {@link verifyDidJwt}. */
export interface VerifyDidJwtOptions extends ResolveDidOptions {
  /** The DID the `kid` must belong to. */
  did: string;
  /** The code for every failure. */
  errorCode: ErrorCode;
}

/** A verified JWT: its header and payload. */
export interface VerifiedDidJwt {
  header: ProtectedHeaderParameters;
  payload: Record<string, unknown>;
  /** The key that verified it. */
  jwk: JWK;
}

/**
 * Verifies a compact JWS signed by a DID's key: the header `kid` must be a DID URL of `did` (or a
 * relative `#fragment`), the key is found in the DID document, the alg must be EdDSA or ES256.
 *
 * @example
 * const { payload } = await verifyDidJwt(requestObject, { did: verifierDid, fetch, errorCode: 'ERR_WALLET_REQUEST_SIGNATURE_INVALID' });
 * @throws PassportError `options.errorCode` for a bad signature, an unknown key or a malformed JWS.
 */
export async function verifyDidJwt(jwt: string, options: VerifyDidJwtOptions): Promise<VerifiedDidJwt> {
  const fail = (message: string, cause?: unknown): PassportError =>
    new PassportError(options.errorCode, message, { field: 'kid', ...(cause === undefined ? {} : { cause }) });
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(jwt);
  } catch (err: unknown) {
    throw fail('the JWT is malformed', err);
  }
  if (!isSupportedAlg(header.alg)) throw fail(`the JWT alg ${String(header.alg)} is not EdDSA or ES256`);
  const kid = typeof header.kid === 'string' ? (header.kid.startsWith('#') ? `${options.did}${header.kid}` : header.kid) : undefined;
  if (!kid || kid.split('#')[0] !== options.did) throw fail(`the JWT kid ${String(header.kid)} is not a key of ${options.did}`);
  let jwk: JWK;
  try {
    jwk = await findDidKey(kid, { ...options, notFoundCode: options.errorCode });
  } catch (err: unknown) {
    throw fail(`the key ${kid} could not be found`, err);
  }
  try {
    const key = await importJWK(jwk, header.alg);
    const { payload } = await compactVerify(jwt, key, { algorithms: [header.alg] });
    const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new Error('the payload is not a JSON object');
    return { header, payload: claims as Record<string, unknown>, jwk };
  } catch (err: unknown) {
    throw fail(`the JWT signature by ${kid} does not verify`, err);
  }
}
