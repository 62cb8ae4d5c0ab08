import { getCredentialTypeByVct, type CredentialTypeDefinition } from '@staff-passport/schemas';
import { isObject } from '../lib/is-object.js';
import { setClaim } from './lib/process-disclosures.js';
import { SD_JWT_VC_ENVELOPE_CLAIMS } from './to-sd-jwt-vc-claims.js';

/**
 * An SD-JWT VC's claims seen as a VC Data Model 2.0 credential: what a verifier reads attributes
 * from, the same way for either format.
 */
export interface SdJwtVcCredentialView {
  /** The catalogue type's contexts, when the `vct` is in the catalogue. */
  '@context'?: unknown;
  /** `VerifiableCredential` and the catalogue type for the `vct`. */
  type: string[];
  /** From `jti`. */
  id?: string;
  /** From `iss`. */
  issuer?: string;
  /** From `nbf`, or `iat` when there is no `nbf`. */
  validFrom?: string;
  /** From `exp`. */
  validUntil?: string;
  /** `sub` as `id`, and every claim that is not an SD-JWT VC envelope claim. */
  credentialSubject: Record<string, unknown>;
  /** The catalogue type's schema, when the `vct` is in the catalogue. */
  credentialSchema?: { id: string; type: 'JsonSchema' };
  vct?: string;
  /** The SD-JWT VC `status` claim (IETF Token Status List reference), as it is. */
  status?: Record<string, unknown>;
  /** The holder key (`cnf`), as it is. */
  cnf?: Record<string, unknown>;
}

/**
 * The reverse of `toSdJwtVcClaims`: processed SD-JWT VC claims (from `verifySdJwtVc`) as a
 * credential-like view. `sub` becomes `credentialSubject.id`; the other claims but `iss`, `vct`,
 * `vct#integrity`, `iat`, `nbf`, `exp`, `cnf`, `status` and `jti` go in `credentialSubject`;
 * `iss` becomes `issuer`, `jti` `id`, `nbf` (or else `iat`) `validFrom` and `exp` `validUntil`
 * (ISO 8601, UTC); `type`, `@context` and `credentialSchema` come from the catalogue entry for the
 * `vct` (or the `definition` given). Undisclosed claims are simply absent.
 *
 * @example
 * const view = fromSdJwtVcClaims(result.claims!);
 * view.credentialSubject.training
 */
export function fromSdJwtVcClaims(claims: Record<string, unknown>, definition?: CredentialTypeDefinition): SdJwtVcCredentialView {
  const vct = typeof claims['vct'] === 'string' ? claims['vct'] : undefined;
  const type = definition ?? (vct ? getCredentialTypeByVct(vct) : undefined);
  const credentialSubject: Record<string, unknown> = {};
  if (typeof claims['sub'] === 'string') credentialSubject['id'] = claims['sub'];
  for (const [name, value] of Object.entries(claims)) {
    if (!SD_JWT_VC_ENVELOPE_CLAIMS.includes(name)) setClaim(credentialSubject, name, value);
  }
  const validFrom = isoOf(claims['nbf'] ?? claims['iat']);
  const validUntil = isoOf(claims['exp']);
  return {
    ...(type ? { '@context': type.example['@context'] } : {}),
    type: type ? ['VerifiableCredential', type.type] : ['VerifiableCredential'],
    ...(typeof claims['jti'] === 'string' ? { id: claims['jti'] } : {}),
    ...(typeof claims['iss'] === 'string' ? { issuer: claims['iss'] } : {}),
    ...(validFrom ? { validFrom } : {}),
    ...(validUntil ? { validUntil } : {}),
    credentialSubject,
    ...(type ? { credentialSchema: { id: type.schemaId, type: 'JsonSchema' as const } } : {}),
    ...(vct ? { vct } : {}),
    ...(isObject(claims['status']) ? { status: claims['status'] } : {}),
    ...(isObject(claims['cnf']) ? { cnf: claims['cnf'] } : {}),
  };
}

/** Seconds since the epoch as an XML Schema date-time in UTC, without fractions when there are none. */
function isoOf(seconds: unknown): string | undefined {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return undefined;
  return date.toISOString().replace('.000Z', 'Z');
}
