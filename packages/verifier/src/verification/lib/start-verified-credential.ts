import { fromSdJwtVcClaims, isObject, sha256Hex, type CredentialVerification, type SdJwtVcVerification } from '@staff-passport/core';
import type { CredentialFormat } from '../verification-input.js';
import type { VerifiedCredential } from '../verified-credential.js';

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * The one result of a credential, begun from what a W3C-shaped format verifier found: its checks,
 * and its claims as the later steps and the report read them (`validFrom` or 1.1's
 * `issuanceDate`, `validUntil` or `expirationDate`). `received` is what was received, for its hash.
 */
export function startFromW3c(format: CredentialFormat, index: number, verification: CredentialVerification, received: string): VerifiedCredential {
  const credential = verification.credential;
  const subject = credential?.['credentialSubject'];
  const validFrom = str(credential?.['validFrom']) ?? str(credential?.['issuanceDate']);
  const validUntil = str(credential?.['validUntil']) ?? str(credential?.['expirationDate']);
  return {
    index,
    format,
    types: verification.types ?? [],
    issuer: { did: verification.issuer ?? '' },
    subject: isObject(subject) ? subject : {},
    ...(validFrom ? { validFrom } : {}),
    ...(validUntil ? { validUntil } : {}),
    verified: verification.checks.every((c) => c.outcome !== 'failed'),
    checks: [...verification.checks],
    hash: sha256Hex(received),
    ...(credential ? { credential } : {}),
  };
}

/** The one result of an SD-JWT VC, begun from its verification: the disclosed claims read as a VC Data Model 2.0 shape. */
export function startFromSdJwtVc(index: number, sd: SdJwtVcVerification, received: string): VerifiedCredential {
  const view = sd.claims ? fromSdJwtVcClaims(sd.claims) : undefined;
  return {
    index,
    format: 'dc+sd-jwt',
    types: sd.types,
    issuer: { did: sd.issuer ?? '' },
    subject: view?.credentialSubject ?? {},
    ...(view?.validFrom ? { validFrom: view.validFrom } : {}),
    ...(view?.validUntil ? { validUntil: view.validUntil } : {}),
    verified: sd.checks.every((c) => c.outcome !== 'failed'),
    checks: [...sd.checks],
    hash: sha256Hex(received),
    ...(sd.claims ? { credential: sd.claims } : {}),
  };
}
