import { isObject } from '../../jose/compact-jws.js';
import { fromNumericDate, isNumericDate, toNumericDate } from './numeric-date.js';

/** A credential or presentation rebuilt from a VC 1.1 JWT, and where the two disagreed. */
export interface Rebuilt {
  document: Record<string, unknown>;
  /** Claims that contradict the same property inside `vc`/`vp`, or are not of the right type. */
  problems: string[];
}

function sameInstant(dateTime: unknown, numericDate: number): boolean {
  return typeof dateTime === 'string' && toNumericDate(dateTime) === numericDate;
}

/**
 * The credential a VC Data Model 1.1 JWT carries (section 6.3.1, JWT decoding): the `vc` claim,
 * with `jti` as `id`, `iss` as the issuer's id, `nbf` as `issuanceDate`, `exp` as
 * `expirationDate` and `sub` as the subject's id. JWT claims and `vc` properties may both be
 * present ("instead of, or in addition to"); where both are, they must agree.
 */
export function credentialFromClaims(payload: Record<string, unknown>): Rebuilt {
  const problems: string[] = [];
  const vc = isObject(payload['vc']) ? payload['vc'] : {};
  const { jti, iss, nbf, exp, sub } = payload;
  const id = vc['id'] ?? jti;
  if (jti !== undefined && (typeof jti !== 'string' || (vc['id'] !== undefined && vc['id'] !== jti))) problems.push('jti does not match the credential id');

  let issuer = vc['issuer'];
  if (iss !== undefined) {
    if (typeof iss !== 'string') problems.push('iss is not a string');
    else if (isObject(issuer)) {
      if (issuer['id'] !== undefined && issuer['id'] !== iss) problems.push('iss does not match issuer.id');
      issuer = { id: iss, ...issuer };
    } else {
      if (issuer !== undefined && issuer !== iss) problems.push('iss does not match issuer');
      issuer = iss;
    }
  }

  const date = (claim: unknown, name: 'issuanceDate' | 'expirationDate', claimName: string): unknown => {
    if (claim === undefined) return vc[name];
    if (!isNumericDate(claim)) {
      problems.push(`${claimName} is not a NumericDate`);
      return vc[name];
    }
    if (vc[name] !== undefined && !sameInstant(vc[name], claim)) problems.push(`${claimName} does not match ${name}`);
    return vc[name] ?? fromNumericDate(claim);
  };
  const issuanceDate = date(nbf, 'issuanceDate', 'nbf');
  const expirationDate = date(exp, 'expirationDate', 'exp');

  let subject = vc['credentialSubject'];
  if (sub !== undefined) {
    if (typeof sub !== 'string' || !isObject(subject)) problems.push('sub needs a single credentialSubject object');
    else {
      if (subject['id'] !== undefined && subject['id'] !== sub) problems.push('sub does not match credentialSubject.id');
      subject = { id: sub, ...subject };
    }
  }

  const { '@context': context, id: _id, type, issuer: _issuer, issuanceDate: _from, expirationDate: _until, credentialSubject: _subject, ...rest } = vc;
  const document: Record<string, unknown> = {
    '@context': context,
    ...(id === undefined ? {} : { id }),
    type,
    ...(issuer === undefined ? {} : { issuer }),
    ...(issuanceDate === undefined ? {} : { issuanceDate }),
    ...(expirationDate === undefined ? {} : { expirationDate }),
    ...(subject === undefined ? {} : { credentialSubject: subject }),
    ...rest,
  };
  return { document, problems };
}
