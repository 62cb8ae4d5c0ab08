import { PassportError, isObject } from '@staff-passport/core/browser';
import { findCatalogueTypes, getCredentialTypeByVct } from '@staff-passport/schemas';
import { findOrganisationOf } from '../../lib/find-organisation-of.js';
import { httpRequest } from '../../lib/http-request.js';
import type { WalletOrganisation, WalletParts } from '../../wallet-parts.js';
import { DEFAULT_FORMAT_PREFERENCE, type OfferedCredential } from '../offer-preview.js';
import { issuerError } from './issuer-error.js';
import { wellKnownUrl } from './well-known-url.js';

/** A credential issuer as the wallet found it: its metadata, its authorisation server's, and who it is. */
export interface LoadedIssuer {
  credentialIssuer: string;
  issuerName?: string;
  organisation?: WalletOrganisation;
  issuerMetadata: Record<string, unknown>;
  authorizationServerMetadata: Record<string, unknown>;
}

/**
 * Fetches a credential issuer's metadata (OpenID4VCI 1.0, section 12.2.2, well-known segment
 * before the path), then its authorisation server's (RFC 8414; the one a grant names when the
 * issuer lists several, section 4.1.1), and looks the issuer up in the trust registry.
 *
 * @throws PassportError `ERR_WALLET_OFFER_INVALID` for metadata that is malformed or about another
 *   issuer; `ERR_WALLET_ISSUER_ERROR` when the issuer answers an error.
 */
export async function loadIssuer(parts: WalletParts, credentialIssuer: string, grant: Record<string, unknown> = {}): Promise<LoadedIssuer> {
  if (!/^https?:\/\//.test(credentialIssuer)) throw invalid('the credential issuer is not an http(s) URL', 'credential_issuer');
  const issuerMetadata = await fetchMetadata(parts, wellKnownUrl(credentialIssuer, 'openid-credential-issuer'), 'the credential issuer metadata');
  if (issuerMetadata['credential_issuer'] !== credentialIssuer) throw invalid(`the metadata is for ${String(issuerMetadata['credential_issuer'])}, not ${credentialIssuer}`, 'credential_issuer');
  if (typeof issuerMetadata['credential_endpoint'] !== 'string') throw invalid('the issuer metadata has no credential_endpoint', 'credential_endpoint');
  const authorizationServer = chooseAuthorizationServer(issuerMetadata, grant, credentialIssuer);
  const authorizationServerMetadata = await fetchAuthorizationServerMetadata(parts, authorizationServer);
  const issuerName = pickDisplay(issuerMetadata['display'])?.name;
  const organisation = await findOrganisationOf(parts, credentialIssuer);
  return { credentialIssuer, ...(issuerName ? { issuerName } : {}), ...(organisation ? { organisation } : {}), issuerMetadata, authorizationServerMetadata };
}

/**
 * One credential configuration of the issuer's metadata as a wallet screen shows it (display from
 * `credential_metadata`, section 12.2.4, or the catalogue).
 *
 * @throws PassportError `ERR_WALLET_OFFER_INVALID` when the metadata does not describe it.
 */
export function describeConfiguration(issuerMetadata: Record<string, unknown>, configurationId: string): OfferedCredential {
  const supported = isObject(issuerMetadata['credential_configurations_supported']) ? issuerMetadata['credential_configurations_supported'] : {};
  const configuration = supported[configurationId];
  if (!isObject(configuration) || typeof configuration['format'] !== 'string') {
    throw invalid(`the issuer metadata does not describe ${configurationId}`, 'credential_configuration_ids');
  }
  const format = configuration['format'];
  const vct = typeof configuration['vct'] === 'string' ? configuration['vct'] : undefined;
  const definition = isObject(configuration['credential_definition']) ? configuration['credential_definition'] : {};
  const types = Array.isArray(definition['type']) ? definition['type'].filter((t): t is string => typeof t === 'string') : [];
  const catalogue = (vct ? getCredentialTypeByVct(vct) : undefined) ?? findCatalogueTypes(types)[0];
  // 1.0 final moved display under credential_metadata (section 12.2.4); drafts had it at the top.
  const metadata = isObject(configuration['credential_metadata']) ? configuration['credential_metadata'] : configuration;
  const display = pickDisplay(metadata['display']);
  const name = display?.name ?? catalogue?.title ?? configurationId;
  const description = display?.description ?? catalogue?.description;
  return {
    configurationId,
    format,
    ...(vct ? { vct } : {}),
    types,
    ...(catalogue ? { catalogueType: catalogue.type } : {}),
    name,
    ...(description ? { description } : {}),
    supported: (DEFAULT_FORMAT_PREFERENCE as readonly string[]).includes(format),
  };
}

async function fetchMetadata(parts: WalletParts, url: string, what: string): Promise<Record<string, unknown>> {
  const answer = await httpRequest(parts.fetch, url, { errorCode: 'ERR_WALLET_ISSUER_ERROR', what });
  if (!answer.ok) throw issuerError(answer, what);
  if (!isObject(answer.body)) throw invalid(`${what} is not a JSON object`, 'metadata');
  return answer.body;
}

function chooseAuthorizationServer(metadata: Record<string, unknown>, grant: Record<string, unknown>, credentialIssuer: string): string {
  const listed = Array.isArray(metadata['authorization_servers']) ? metadata['authorization_servers'].filter((s): s is string => typeof s === 'string') : [];
  // The grant names its server when the issuer uses several (OpenID4VCI 1.0, section 4.1.1).
  if (typeof grant['authorization_server'] === 'string') {
    if (!listed.includes(grant['authorization_server'])) throw invalid('the grant names an authorisation server the issuer does not list', 'authorization_server');
    return grant['authorization_server'];
  }
  return listed[0] ?? credentialIssuer;
}

async function fetchAuthorizationServerMetadata(parts: WalletParts, issuer: string): Promise<Record<string, unknown>> {
  const what = 'the authorisation server metadata';
  const answer = await httpRequest(parts.fetch, wellKnownUrl(issuer, 'oauth-authorization-server'), { errorCode: 'ERR_WALLET_ISSUER_ERROR', what });
  let body = answer.body;
  if (answer.status === 404) {
    // OpenID Connect Discovery places it after the path (section 4).
    const fallback = await httpRequest(parts.fetch, `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { errorCode: 'ERR_WALLET_ISSUER_ERROR', what });
    if (!fallback.ok) throw issuerError(fallback, what);
    body = fallback.body;
  } else if (!answer.ok) {
    throw issuerError(answer, what);
  }
  if (!isObject(body) || typeof body['token_endpoint'] !== 'string') throw invalid(`${what} has no token_endpoint`, 'token_endpoint');
  if (body['issuer'] !== issuer) throw invalid(`${what} is for ${String(body['issuer'])}, not ${issuer}`, 'issuer');
  return body;
}

interface Display {
  name?: string;
  description?: string;
}

function pickDisplay(display: unknown): Display | undefined {
  if (!Array.isArray(display)) return undefined;
  const entries = display.filter(isObject);
  const preferred = entries.find((d) => d['locale'] === 'en-GB') ?? entries.find((d) => typeof d['locale'] === 'string' && d['locale'].startsWith('en')) ?? entries[0];
  if (!preferred) return undefined;
  return {
    ...(typeof preferred['name'] === 'string' ? { name: preferred['name'] } : {}),
    ...(typeof preferred['description'] === 'string' ? { description: preferred['description'] } : {}),
  };
}

function invalid(message: string, field: string): PassportError {
  return new PassportError('ERR_WALLET_OFFER_INVALID', message, { field });
}
