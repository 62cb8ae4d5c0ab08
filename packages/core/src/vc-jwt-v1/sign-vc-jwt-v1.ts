import { VC_CONTEXT_V1 } from '@staff-passport/schemas';
import { PassportError } from '../errors/passport-error.js';
import { isObject, signCompactJws } from '../jose/compact-jws.js';
import type { JwsSigner } from '../jose/jws-signer.js';
import { toNumericDate } from './lib/numeric-date.js';

/** The OpenID4VCI format identifier of a VC Data Model 1.1 JWT credential. */
export const VC_JWT_V1_FORMAT = 'jwt_vc_json';

/** Options for {@link signVcJwtV1}. */
export interface SignVcJwtV1Options {
  /** A VC Data Model 1.1 credential (`@context` starting with the 1.1 context, `issuanceDate`); see `toVcDm11`. */
  credential: Record<string, unknown>;
  signer: JwsSigner;
  /** When it is signed (`iat`); now by default. */
  now?: Date;
}

function fail(message: string, field: string): never {
  throw new PassportError('ERR_VC_MALFORMED', message, { field });
}

/**
 * Secures a VC Data Model 1.1 credential as a JWT (VC Data Model 1.1, section 6.3.1, "JSON Web
 * Token"): header `typ: JWT`; the registered claims `iss` (issuer), `sub` (the subject's id),
 * `jti` (the credential's id), `nbf` (`issuanceDate`) and `exp` (`expirationDate`) "instead of"
 * those properties, which leave the `vc` claim; `iat` the signing time.
 *
 * @example
 * const jwt = await signVcJwtV1({ credential: toVcDm11(credential), signer });
 * @throws PassportError `ERR_VC_MALFORMED` when the credential is not in VC 1.1 form, its issuer is
 *   not a DID, or a date is not a date-time.
 */
export async function signVcJwtV1(options: SignVcJwtV1Options): Promise<string> {
  const { credential, signer } = options;
  const context = credential['@context'];
  if (!Array.isArray(context) || context[0] !== VC_CONTEXT_V1) fail('a VC Data Model 1.1 credential starts its @context with the 1.1 context (see toVcDm11)', '@context');
  const types = Array.isArray(credential['type']) ? credential['type'] : [credential['type']];
  if (!types.includes('VerifiableCredential')) fail('type must include VerifiableCredential', 'type');
  const issuer = credential['issuer'];
  const iss = typeof issuer === 'string' ? issuer : isObject(issuer) && typeof issuer['id'] === 'string' ? issuer['id'] : undefined;
  if (!iss?.startsWith('did:')) fail('issuer must be a DID', 'issuer');
  const nbf = typeof credential['issuanceDate'] === 'string' ? toNumericDate(credential['issuanceDate']) : undefined;
  if (nbf === undefined) fail('issuanceDate must be a date-time', 'issuanceDate');
  const exp = credential['expirationDate'] === undefined ? undefined : typeof credential['expirationDate'] === 'string' ? toNumericDate(credential['expirationDate']) : undefined;
  if (credential['expirationDate'] !== undefined && exp === undefined) fail('expirationDate must be a date-time', 'expirationDate');

  // The properties the registered claims represent leave `vc` (VC 1.1, 6.3.1: "instead of").
  const { id, issuer: _issuer, issuanceDate: _issued, expirationDate: _expires, credentialSubject, ...rest } = credential;
  const subject = isObject(credentialSubject) ? credentialSubject : undefined;
  const sub = typeof subject?.['id'] === 'string' ? subject['id'] : undefined;
  const { id: _subjectId, ...subjectRest } = subject ?? {};
  const vc: Record<string, unknown> = {
    ...rest,
    ...(isObject(issuer) && Object.keys(issuer).length > 1 ? { issuer: Object.fromEntries(Object.entries(issuer).filter(([k]) => k !== 'id')) } : {}),
    credentialSubject: sub === undefined ? credentialSubject : subjectRest,
  };
  const payload = {
    iss,
    ...(sub === undefined ? {} : { sub }),
    ...(typeof id === 'string' ? { jti: id } : {}),
    nbf,
    iat: Math.floor((options.now ?? new Date()).getTime() / 1000),
    ...(exp === undefined ? {} : { exp }),
    vc: typeof id === 'string' || id === undefined ? vc : { id, ...vc },
  };
  return signCompactJws({ typ: 'JWT' }, payload, signer);
}
