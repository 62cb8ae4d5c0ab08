import type { Resolvable } from 'did-resolver';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { findVerificationKey } from '../../jose/find-verification-key.js';
import { isSupportedAlg } from '../../jose/jws-signer.js';
import { PassportError } from '../../errors/passport-error.js';
import { isObject } from '../../lib/is-object.js';

/** What a status list JWS must be, besides signed. */
export interface StatusListJwsExpectations {
  /** The DID that must have signed it: the credential's issuer. */
  issuerDid: string;
  resolver: Resolvable;
  /** Whether the header's `typ` is acceptable (it is called with undefined when absent). */
  acceptsType: (typ: unknown) => boolean;
}

/** A verified status list JWS: its protected header and its JSON payload. */
export interface VerifiedStatusListJws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Verifies a status list JWS: a compact JWS of JSON, an algorithm we accept, a `kid` that is a key
 * of the issuer DID listed for assertions, and a signature that verifies with it. A list signed by
 * anyone else fails here, before its contents are read.
 *
 * @throws PassportError `ERR_STATUS_LIST_INVALID` (not a JWS of the expected type),
 *   `ERR_STATUS_LIST_SIGNATURE_INVALID` (wrong algorithm, wrong signer, bad signature), `ERR_DID_*`
 *   when the issuer DID cannot be resolved.
 */
export async function verifyStatusListJws(jwt: string, expected: StatusListJwsExpectations): Promise<VerifiedStatusListJws> {
  let header: Record<string, unknown>;
  try {
    if (!COMPACT_JWS.test(jwt)) throw new TypeError('not three base64url parts');
    header = decodeProtectedHeader(jwt);
  } catch (cause: unknown) {
    throw new PassportError('ERR_STATUS_LIST_INVALID', 'the status list is not a compact JWS', { cause });
  }
  if (!expected.acceptsType(header['typ'])) throw new PassportError('ERR_STATUS_LIST_INVALID', `typ ${String(header['typ'])} is not a status list`);
  const alg = header['alg'];
  if (!isSupportedAlg(alg)) throw new PassportError('ERR_STATUS_LIST_SIGNATURE_INVALID', `alg ${String(alg)} is not accepted (EdDSA, ES256)`);
  const kid = header['kid'];
  if (typeof kid !== 'string') throw new PassportError('ERR_STATUS_LIST_SIGNATURE_INVALID', 'the status list names no key (kid)');
  const { key } = await findVerificationKey(expected.resolver, expected.issuerDid, kid, alg, 'assertionMethod', 'ERR_STATUS_LIST_SIGNATURE_INVALID');
  let payloadBytes: Uint8Array;
  try {
    ({ payload: payloadBytes } = await compactVerify(jwt, key, { algorithms: [alg] }));
  } catch (cause: unknown) {
    throw new PassportError('ERR_STATUS_LIST_SIGNATURE_INVALID', 'the status list signature does not verify', { cause });
  }
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(payloadBytes));
  } catch (cause: unknown) {
    throw new PassportError('ERR_STATUS_LIST_INVALID', 'the status list payload is not JSON', { cause });
  }
  if (!isObject(payload)) throw new PassportError('ERR_STATUS_LIST_INVALID', 'the status list payload is not a JSON object');
  return { header, payload };
}
