import type { CredentialTypeDefinition } from '@staff-passport/schemas';
import { isObject } from '../lib/is-object.js';
import { PassportError } from '../errors/passport-error.js';
import { setClaim } from './lib/process-disclosures.js';

/**
 * Claim names an SD-JWT VC gives a meaning of its own (RFC 7519, section 4.1; SD-JWT VC, section
 * 3.2.2; RFC 9901, section 4.1): a credential subject claim may not have one of these names.
 */
export const SD_JWT_VC_ENVELOPE_CLAIMS: readonly string[] = ['iss', 'sub', 'vct', 'vct#integrity', 'iat', 'nbf', 'exp', 'cnf', 'status', 'jti', '_sd', '...', '_sd_alg'];

// Parts of a VC Data Model 2.0 credential the mapping leaves out on purpose: `vct` names the type
// (and through the catalogue its schema and context), and an SD-JWT VC carries its status in
// `status` (IETF Token Status List), which the issuer passes to issueSdJwtVc itself.
const NOT_MAPPED = new Set(['@context', 'type', 'credentialSchema', 'credentialStatus']);
const MAPPED = new Set(['id', 'issuer', 'validFrom', 'validUntil', 'credentialSubject']);

/**
 * Maps a VC Data Model 2.0 credential of our catalogue to SD-JWT VC claims:
 *
 * | VC Data Model 2.0 | SD-JWT VC |
 * |---|---|
 * | `credentialSubject.*` (but `id`) | the same claims at the top level |
 * | `credentialSubject.id` | `sub` |
 * | `issuer` (or `issuer.id`) | `iss` |
 * | `validFrom` | `iat` and `nbf` (seconds) |
 * | `validUntil` | `exp` (seconds) |
 * | `id` | `jti` |
 * | the catalogue type | `vct` = `definition.vct` |
 * | `@context`, `type`, `credentialSchema`, `credentialStatus` | not mapped (`vct` names the type; status goes in `status`) |
 *
 * The type's disclosable paths (relative to `credentialSubject`) therefore apply unchanged to the
 * claims. `fromSdJwtVcClaims` maps back.
 *
 * @example
 * const claims = toSdJwtVcClaims(credential, trainingRecordType);
 * await issueSdJwtVc({ claims, disclosable: trainingRecordType.disclosable, cnf, signer });
 * @throws PassportError `ERR_REQUEST_INVALID` when the credential is not of the type, has no single subject or
 *   issuer, has a date that does not parse, a property the mapping does not know, or a subject claim named like an SD-JWT VC claim.
 */
export function toSdJwtVcClaims(credential: Record<string, unknown>, definition: CredentialTypeDefinition): Record<string, unknown> {
  if (!isObject(credential)) throw new PassportError('ERR_REQUEST_INVALID', 'the credential must be a JSON object', { field: 'credential' });
  const types = Array.isArray(credential['type']) ? credential['type'] : [credential['type']];
  if (!types.includes(definition.type)) {
    throw new PassportError('ERR_REQUEST_INVALID', `the credential is not a ${definition.type}`, { field: 'credential.type' });
  }
  const unknown = Object.keys(credential).filter((k) => !NOT_MAPPED.has(k) && !MAPPED.has(k));
  if (unknown.length > 0) {
    throw new PassportError('ERR_REQUEST_INVALID', `the SD-JWT VC mapping does not carry ${unknown.join(', ')}`, { field: `credential.${unknown[0]!}` });
  }
  const issuer = credential['issuer'];
  const iss = typeof issuer === 'string' ? issuer : isObject(issuer) && typeof issuer['id'] === 'string' ? issuer['id'] : undefined;
  if (!iss) throw new PassportError('ERR_REQUEST_INVALID', 'the credential needs an issuer', { field: 'credential.issuer' });
  const subject = credential['credentialSubject'];
  if (!isObject(subject)) throw new PassportError('ERR_REQUEST_INVALID', 'the credential needs one credentialSubject object', { field: 'credential.credentialSubject' });

  const claims: Record<string, unknown> = { iss };
  const validFrom = secondsOf(credential['validFrom'], 'validFrom');
  if (validFrom !== undefined) {
    claims['iat'] = validFrom;
    claims['nbf'] = validFrom;
  }
  const validUntil = secondsOf(credential['validUntil'], 'validUntil');
  if (validUntil !== undefined) claims['exp'] = validUntil;
  if (credential['id'] !== undefined) {
    if (typeof credential['id'] !== 'string') throw new PassportError('ERR_REQUEST_INVALID', 'the credential id must be a string', { field: 'credential.id' });
    claims['jti'] = credential['id'];
  }
  claims['vct'] = definition.vct;
  if (subject['id'] !== undefined) {
    if (typeof subject['id'] !== 'string') throw new PassportError('ERR_REQUEST_INVALID', 'credentialSubject.id must be a string', { field: 'credential.credentialSubject.id' });
    claims['sub'] = subject['id'];
  }
  for (const [name, value] of Object.entries(subject)) {
    if (name === 'id') continue;
    if (SD_JWT_VC_ENVELOPE_CLAIMS.includes(name)) {
      throw new PassportError('ERR_REQUEST_INVALID', `credentialSubject.${name} would clash with the SD-JWT VC claim ${name}`, { field: `credential.credentialSubject.${name}` });
    }
    setClaim(claims, name, value);
  }
  return claims;
}

function secondsOf(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new PassportError('ERR_REQUEST_INVALID', `${name} is not a date-time`, { field: `credential.${name}` });
  return Math.floor(ms / 1000);
}
