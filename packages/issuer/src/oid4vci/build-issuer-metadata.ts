import type { CredentialTypeDefinition } from '@staff-passport/schemas';
import { defaultContextOf } from '../issuing/lib/default-context.js';
import type { Organisation } from '../organisations/organisation.js';
import {
  OFFER_FORMATS,
  OID4VCI_LIMITS,
  PRE_AUTHORIZED_CODE_GRANT,
  configurationIdFor,
  credentialIssuerIdFor,
  offerableTypes,
  oid4vciEndpointFor,
  type OfferFormat,
} from './oid4vci-settings.js';

const LOCALE = 'en-GB';
// NHS identity colours: white text on NHS blue passes WCAG AA contrast.
const BACKGROUND_COLOR = '#005EB8';
const TEXT_COLOR = '#FFFFFF';
const PROOF_ALGS = ['EdDSA', 'ES256'];

function claimsOf(definition: CredentialTypeDefinition, format: OfferFormat): Record<string, unknown>[] {
  // SD-JWT VC carries the subject's claims at the top level; the W3C formats under credentialSubject.
  const prefix = format === 'dc+sd-jwt' ? [] : ['credentialSubject'];
  return Object.entries(definition.labels).map(([path, name]) => ({ path: [...prefix, ...path.split('.')], display: [{ name, locale: LOCALE }] }));
}

function configurationOf(definition: CredentialTypeDefinition, format: OfferFormat): Record<string, unknown> {
  const common = {
    format,
    scope: configurationIdFor(definition.type, format),
    cryptographic_binding_methods_supported: format === 'dc+sd-jwt' ? ['jwk', 'did:key', 'did:jwk'] : ['did:key', 'did:jwk'],
    // ldp_vc: the Data Integrity cryptosuite; the JOSE formats: the JWS algorithms (Appendix A).
    credential_signing_alg_values_supported: format === 'ldp_vc' ? ['eddsa-rdfc-2022'] : ['EdDSA'],
    proof_types_supported: { jwt: { proof_signing_alg_values_supported: PROOF_ALGS } },
    credential_metadata: {
      display: [{ name: definition.title, description: definition.description, locale: LOCALE, background_color: BACKGROUND_COLOR, text_color: TEXT_COLOR }],
      claims: claimsOf(definition, format),
    },
  };
  switch (format) {
    case 'jwt_vc_json':
      // VC Data Model 1.1 JWT (Appendix A.1.1): the type alone identifies the credential.
      return { ...common, credential_definition: { type: ['VerifiableCredential', definition.type] } };
    case 'ldp_vc':
      return { ...common, credential_definition: { '@context': defaultContextOf(definition), type: ['VerifiableCredential', definition.type] } };
    case 'dc+sd-jwt':
      return { ...common, vct: definition.vct };
  }
}

/**
 * The Credential Issuer Metadata of an organisation (OpenID4VCI 1.0, section 12.2.4): its
 * endpoints, batch size, display, and one credential configuration per type offered (the catalogue's
 * by default; with registered types, `listOfferableTypes`) and format
 * (`${type}_${formatLabel}`). The organisation is its own authorisation server, so
 * `authorization_servers` is left out (section 12.2.4: the issuer then acts as one).
 *
 * @example
 * res.json(buildCredentialIssuerMetadata(ctx.publicUrl, org));
 */
export function buildCredentialIssuerMetadata(publicUrl: string, org: Organisation, types: readonly CredentialTypeDefinition[] = offerableTypes()): Record<string, unknown> {
  const configurations: Record<string, unknown> = {};
  for (const definition of types) {
    for (const format of OFFER_FORMATS) configurations[configurationIdFor(definition.type, format)] = configurationOf(definition, format);
  }
  return {
    credential_issuer: credentialIssuerIdFor(publicUrl, org.id),
    credential_endpoint: oid4vciEndpointFor(publicUrl, org.id, 'credential'),
    nonce_endpoint: oid4vciEndpointFor(publicUrl, org.id, 'nonce'),
    deferred_credential_endpoint: oid4vciEndpointFor(publicUrl, org.id, 'deferred-credential'),
    notification_endpoint: oid4vciEndpointFor(publicUrl, org.id, 'notification'),
    batch_credential_issuance: { batch_size: OID4VCI_LIMITS.batchSize },
    display: [{ name: org.name, locale: LOCALE }],
    credential_configurations_supported: configurations,
  };
}

/**
 * The OAuth 2.0 Authorization Server Metadata (RFC 8414, section 2) of an organisation's token
 * endpoint: the pre-authorised code grant only, anonymous access allowed (OpenID4VCI 1.0,
 * section 12.3).
 *
 * @example
 * res.json(buildAuthorizationServerMetadata(ctx.publicUrl, org));
 */
export function buildAuthorizationServerMetadata(publicUrl: string, org: Organisation): Record<string, unknown> {
  return {
    issuer: credentialIssuerIdFor(publicUrl, org.id),
    token_endpoint: oid4vciEndpointFor(publicUrl, org.id, 'token'),
    grant_types_supported: [PRE_AUTHORIZED_CODE_GRANT],
    // RFC 8414 asks for response_types_supported; there is no authorisation endpoint, so none.
    response_types_supported: [],
    token_endpoint_auth_methods_supported: ['none'],
    'pre-authorized_grant_anonymous_access_supported': true,
  };
}
