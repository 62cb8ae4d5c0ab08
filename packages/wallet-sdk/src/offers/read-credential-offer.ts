import { PassportError, isObject } from '@staff-passport/core/browser';
import { findCatalogueTypes, getCredentialTypeByVct } from '@staff-passport/schemas';
import { httpRequest } from '../lib/http-request.js';
import { findOrganisationOf } from '../lib/find-organisation-of.js';
import type { WalletParts } from '../wallet-parts.js';
import { issuerError } from './lib/issuer-error.js';
import { wellKnownUrl } from './lib/well-known-url.js';
import { DEFAULT_FORMAT_PREFERENCE, type OfferPreview, type OfferedCredential, type TxCodeRequirement } from './offer-preview.js';

const PRE_AUTHORIZED_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

/**
 * Reads a credential offer (OpenID4VCI 1.0, section 4.1): an `openid-credential-offer://` link, an
 * https link with the same query, or the text of its QR code, carrying `credential_offer` (by
 * value) or `credential_offer_uri` (fetched). Then fetches the credential issuer metadata
 * (section 12.2.2, well-known segment before the path) and the authorisation server metadata
 * (RFC 8414), and looks the issuer up in the trust registry. Nothing is stored.
 *
 * @example
 * const preview = await readCredentialOffer(parts, scannedText);
 * preview.credentials.map((c) => c.name); preview.txCode?.length;
 * @throws PassportError `ERR_WALLET_OFFER_INVALID` for a malformed link, offer or metadata, or one
 *   without a pre-authorised code grant; `ERR_WALLET_ISSUER_ERROR` when the issuer answers an error.
 */
export async function readCredentialOffer(parts: WalletParts, text: string): Promise<OfferPreview> {
  const offer = await loadOffer(parts, text);
  const credentialIssuer = offer['credential_issuer'];
  if (typeof credentialIssuer !== 'string' || !/^https?:\/\//.test(credentialIssuer)) throw invalid('the offer has no http(s) credential_issuer', 'credential_issuer');
  const configurationIds = offer['credential_configuration_ids'];
  if (!Array.isArray(configurationIds) || configurationIds.length === 0 || !configurationIds.every((id) => typeof id === 'string')) {
    throw invalid('the offer lists no credential_configuration_ids', 'credential_configuration_ids');
  }
  const grants = isObject(offer['grants']) ? offer['grants'] : {};
  const grant = grants[PRE_AUTHORIZED_GRANT];
  if (!isObject(grant) || typeof grant['pre-authorized_code'] !== 'string' || grant['pre-authorized_code'] === '') {
    throw invalid('the offer has no pre-authorised code grant (the only flow this wallet supports)', 'grants');
  }

  const issuerMetadata = await fetchMetadata(parts, wellKnownUrl(credentialIssuer, 'openid-credential-issuer'), 'the credential issuer metadata');
  if (issuerMetadata['credential_issuer'] !== credentialIssuer) throw invalid(`the metadata is for ${String(issuerMetadata['credential_issuer'])}, not ${credentialIssuer}`, 'credential_issuer');
  if (typeof issuerMetadata['credential_endpoint'] !== 'string') throw invalid('the issuer metadata has no credential_endpoint', 'credential_endpoint');
  const authorizationServer = chooseAuthorizationServer(issuerMetadata, grant, credentialIssuer);
  const authorizationServerMetadata = await fetchAuthorizationServerMetadata(parts, authorizationServer);

  const supported = isObject(issuerMetadata['credential_configurations_supported']) ? issuerMetadata['credential_configurations_supported'] : {};
  const credentials = (configurationIds as string[]).map((id) => describeConfiguration(id, supported[id]));
  const txCode = readTxCode(grant['tx_code']);
  const expiresAt = readExpiry(offer);
  const issuerName = displayName(issuerMetadata['display']);
  const organisation = await findOrganisationOf(parts, credentialIssuer);
  return {
    credentialIssuer,
    ...(issuerName ? { issuerName } : {}),
    ...(organisation ? { organisation } : {}),
    credentials,
    ...(txCode ? { txCode } : {}),
    ...(expiresAt ? { expiresAt } : {}),
    preAuthorizedCode: grant['pre-authorized_code'],
    offer,
    issuerMetadata,
    authorizationServerMetadata,
  };
}

async function loadOffer(parts: WalletParts, text: string): Promise<Record<string, unknown>> {
  const trimmed = text.trim();
  let params: URLSearchParams;
  try {
    const url = new URL(trimmed);
    params = url.searchParams;
  } catch {
    throw invalid('the offer is not a link', 'offer');
  }
  const byValue = params.get('credential_offer');
  const byReference = params.get('credential_offer_uri');
  if ((byValue === null) === (byReference === null)) throw invalid('the link must carry exactly one of credential_offer and credential_offer_uri', 'offer');
  if (byValue !== null) {
    try {
      const parsed: unknown = JSON.parse(byValue);
      if (isObject(parsed)) return parsed;
    } catch {
      // reported below
    }
    throw invalid('credential_offer is not a JSON object', 'credential_offer');
  }
  if (!/^https:\/\/|^http:\/\/(127\.|localhost|\[::1\])/.test(byReference!)) throw invalid('credential_offer_uri must be https', 'credential_offer_uri');
  const answer = await httpRequest(parts.fetch, byReference!, { errorCode: 'ERR_WALLET_ISSUER_ERROR', what: 'the credential offer URI' });
  if (!answer.ok) throw issuerError(answer, 'the credential offer URI');
  if (!isObject(answer.body)) throw invalid('the credential offer URI did not answer a JSON object', 'credential_offer_uri');
  return answer.body;
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

function describeConfiguration(configurationId: string, configuration: unknown): OfferedCredential {
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

function readTxCode(txCode: unknown): TxCodeRequirement | undefined {
  if (txCode === undefined) return undefined;
  if (!isObject(txCode)) throw invalid('tx_code is not an object', 'tx_code');
  const inputMode = txCode['input_mode'] === 'text' ? 'text' : 'numeric';
  const length = typeof txCode['length'] === 'number' && Number.isInteger(txCode['length']) && txCode['length'] > 0 ? txCode['length'] : undefined;
  const description = typeof txCode['description'] === 'string' ? txCode['description'].slice(0, 300) : undefined;
  return { inputMode, ...(length ? { length } : {}), ...(description ? { description } : {}) };
}

function readExpiry(offer: Record<string, unknown>): string | undefined {
  // Not in OpenID4VCI: an extension some issuers add; seconds since the epoch or ISO 8601.
  const value = offer['expires_at'] ?? offer['exp'];
  const date = typeof value === 'number' ? new Date(value * 1000) : typeof value === 'string' ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
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

function displayName(display: unknown): string | undefined {
  return pickDisplay(display)?.name;
}

function invalid(message: string, field: string): PassportError {
  return new PassportError('ERR_WALLET_OFFER_INVALID', message, { field });
}
