import { PassportError } from '@staff-passport/core';
import { CATALOGUE, type CredentialTypeDefinition } from '@staff-passport/schemas';
import type { IssuerContext } from '../issuer-context.js';
import { listNewestRegisteredTypes } from '../types/list-credential-types.js';

/** The OpenID4VCI credential formats offered (OpenID4VCI 1.0, Appendix A). */
export const OFFER_FORMATS = ['jwt_vc_json', 'dc+sd-jwt', 'ldp_vc'] as const;
export type OfferFormat = (typeof OFFER_FORMATS)[number];

/** The label each format takes in a credential configuration id (`TrainingRecord_dc_sd_jwt`). */
export const FORMAT_LABELS: Readonly<Record<OfferFormat, string>> = { jwt_vc_json: 'jwt_vc_json', 'dc+sd-jwt': 'dc_sd_jwt', ldp_vc: 'ldp_vc' };

/** Limits and lifetimes of the pre-authorised code flow. */
export const OID4VCI_LIMITS = {
  /** Access tokens live ten minutes. */
  accessTokenSeconds: 600,
  /** c_nonces live five minutes and are used once. */
  nonceSeconds: 300,
  /** Wrong transaction codes before the offer is locked. */
  txCodeTries: 5,
  /** Digits of the transaction code. */
  txCodeLength: 6,
  /** Credentials (proofs) in one credential request, and types in one offer. */
  batchSize: 10,
  /** Offers last seven days unless HR asks otherwise, thirty at most. */
  defaultOfferSeconds: 7 * 24 * 3600,
  maxOfferSeconds: 30 * 24 * 3600,
  /** Seconds a wallet should wait between deferred credential requests. */
  deferredIntervalSeconds: 60,
  /** How far a proof's `iat` may be ahead of our clock, and how old it may be. */
  proofFutureSkewSeconds: 60,
  proofMaxAgeSeconds: 300,
} as const;

/** The pre-authorised code grant type (OpenID4VCI 1.0, section 3.5). */
export const PRE_AUTHORIZED_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

/** The `typ` of a key proof JWT (OpenID4VCI 1.0, Appendix F.1). */
export const PROOF_JWT_TYP = 'openid4vci-proof+jwt';

/** The credential issuer identifier of an organisation: `${publicUrl}/orgs/${orgId}`. */
export function credentialIssuerIdFor(publicUrl: string, orgId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/orgs/${orgId}`;
}

/** The URL of an OpenID4VCI protocol endpoint of an organisation (`token`, `nonce`, `credential`, ...). */
export function oid4vciEndpointFor(publicUrl: string, orgId: string, endpoint: string): string {
  return `${credentialIssuerIdFor(publicUrl, orgId)}/oid4vci/${endpoint}`;
}

/**
 * Where a metadata document of an organisation is: the well-known segment between the host and
 * the path (OpenID4VCI 1.0, section 12.2.2; RFC 8414, section 3.1).
 */
export function wellKnownUrlFor(publicUrl: string, orgId: string, document: 'openid-credential-issuer' | 'oauth-authorization-server'): string {
  const base = new URL(publicUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}/.well-known/${document}${prefix}/orgs/${orgId}`;
}

/** The credential configuration id of a catalogue type in a format. */
export function configurationIdFor(type: string, format: OfferFormat): string {
  return `${type}_${FORMAT_LABELS[format]}`;
}

// The newest version of each type is what the issuer issues under.
const NEWEST: readonly CredentialTypeDefinition[] = CATALOGUE.filter((d, i) => CATALOGUE.findIndex((x) => x.type === d.type) === i);

/** The catalogue types offered (the newest version of each), then the registered types given (see {@link listOfferableTypes}). */
export function offerableTypes(registered: readonly CredentialTypeDefinition[] = []): readonly CredentialTypeDefinition[] {
  return registered.length === 0 ? NEWEST : [...NEWEST, ...registered];
}

/**
 * Every type offered: the newest version of each catalogue type and of each type published in the
 * registry (read from the database, so every instance offers what any of them published).
 *
 * @example
 * const types = await listOfferableTypes(ctx);
 */
export async function listOfferableTypes(ctx: IssuerContext): Promise<readonly CredentialTypeDefinition[]> {
  return offerableTypes(await listNewestRegisteredTypes(ctx));
}

/** A credential configuration id read back: its catalogue type and format. */
export interface CredentialConfiguration {
  id: string;
  definition: CredentialTypeDefinition;
  format: OfferFormat;
}

/**
 * Reads a credential configuration id, of a catalogue type or of one of `types` (the catalogue's by default).
 *
 * @throws PassportError `ERR_CREDENTIAL_CONFIGURATION_UNKNOWN`
 */
export function parseConfigurationId(id: unknown, types: readonly CredentialTypeDefinition[] = NEWEST): CredentialConfiguration {
  if (typeof id === 'string') {
    for (const format of OFFER_FORMATS) {
      const suffix = `_${FORMAT_LABELS[format]}`;
      if (!id.endsWith(suffix)) continue;
      const definition = types.find((d) => d.type === id.slice(0, -suffix.length));
      if (definition) return { id, definition, format };
    }
  }
  throw new PassportError('ERR_CREDENTIAL_CONFIGURATION_UNKNOWN', 'no credential configuration with that id', { field: 'credential_configuration_id' });
}
