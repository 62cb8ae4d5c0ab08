import { PassportError, isObject } from '@staff-passport/core/browser';
import { decodeJwt } from 'jose';
import { httpRequest } from '../../lib/http-request.js';
import { verifyDidJwt } from '../../lib/verify-did-jwt.js';
import type { WalletParts } from '../../wallet-parts.js';

/** Options for reading requests. */
export interface LoadRequestOptions {
  /** Resolve a verifier's did:web on a loopback host over http (tests, local demos). */
  allowHttpLoopback?: boolean;
}

/** A request's parameters, after its signature and client_id were checked. */
export interface LoadedRequest {
  params: Record<string, unknown>;
  clientId: string;
  verifierDid?: string;
}

const DID_PREFIX = 'decentralized_identifier:';
const REDIRECT_PREFIX = 'redirect_uri:';

/**
 * Reads an OpenID4VP authorization request link (OpenID4VP 1.0, section 5): by reference
 * (`request_uri`, fetched with GET or, for `request_uri_method=post`, POST; section 5.10), or by
 * value (a `request` JWT, or plain parameters for `redirect_uri:` client ids). A request for a
 * `decentralized_identifier:` client id must be a JWT (`oauth-authz-req+jwt`, RFC 9101) signed by a
 * key of that DID (section 5.9.3); its `client_id` must equal the link's.
 */
export async function loadRequest(parts: WalletParts, text: string, options: LoadRequestOptions): Promise<LoadedRequest> {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw invalid('the request is not a link', 'request');
  }
  const outer = Object.fromEntries(url.searchParams.entries());
  const clientId = outer['client_id'];
  if (!clientId) throw invalid('the request link has no client_id', 'client_id');
  let jwt: string | undefined = outer['request'];
  if (outer['request_uri']) {
    if (jwt) throw invalid('the link carries both request and request_uri', 'request_uri');
    jwt = await fetchRequestObject(parts, outer['request_uri'], outer['request_uri_method']);
  }
  const verifierDid = clientId.startsWith(DID_PREFIX) ? clientId.slice(DID_PREFIX.length) : undefined;
  if (verifierDid !== undefined && !verifierDid.startsWith('did:')) throw invalid('the client_id names no DID', 'client_id');
  if (!verifierDid && !clientId.startsWith(REDIRECT_PREFIX)) {
    throw invalid(`the client_id prefix of ${clientId} is not supported (decentralized_identifier: or redirect_uri:)`, 'client_id');
  }

  let params: Record<string, unknown>;
  if (jwt === undefined) {
    if (verifierDid) throw new PassportError('ERR_WALLET_REQUEST_SIGNATURE_INVALID', 'a request from a DID must be signed', { field: 'request' });
    params = parseJsonParams(outer);
  } else if (verifierDid) {
    const verified = await verifyDidJwt(jwt, {
      did: verifierDid,
      fetch: parts.fetch,
      allowHttpLoopback: options.allowHttpLoopback ?? false,
      errorCode: 'ERR_WALLET_REQUEST_SIGNATURE_INVALID',
    });
    if (verified.header.typ !== 'oauth-authz-req+jwt') {
      throw new PassportError('ERR_WALLET_REQUEST_SIGNATURE_INVALID', `the request object typ is ${String(verified.header.typ)}, not oauth-authz-req+jwt`, { field: 'typ' });
    }
    params = verified.payload;
  } else {
    // redirect_uri: client ids cannot sign (section 5.9.3); an unsigned JWT (alg none) carries the parameters.
    try {
      params = decodeJwt(jwt) as Record<string, unknown>;
    } catch (err: unknown) {
      throw new PassportError('ERR_WALLET_REQUEST_INVALID', 'the request object is not a JWT', { field: 'request', cause: err });
    }
  }
  if (params['client_id'] !== clientId) throw invalid(`the request object is for ${String(params['client_id'])}, not ${clientId}`, 'client_id');
  if (clientId.startsWith(REDIRECT_PREFIX) && params['response_uri'] !== clientId.slice(REDIRECT_PREFIX.length)) {
    throw invalid('a redirect_uri: client id must be the response_uri', 'response_uri');
  }
  return { params, clientId, ...(verifierDid ? { verifierDid } : {}) };
}

async function fetchRequestObject(parts: WalletParts, requestUri: string, method: string | undefined): Promise<string> {
  const post = method === 'post';
  if (method !== undefined && method !== 'get' && !post) throw invalid(`request_uri_method ${method} is not get or post`, 'request_uri_method');
  const answer = await httpRequest(parts.fetch, requestUri, {
    method: post ? 'POST' : 'GET',
    ...(post ? { form: {} } : {}),
    headers: { accept: 'application/oauth-authz-req+jwt, application/jwt' },
    errorCode: 'ERR_WALLET_VERIFIER_ERROR',
    what: 'the request_uri',
  });
  if (!answer.ok) throw new PassportError('ERR_WALLET_VERIFIER_ERROR', `the request_uri answered ${answer.status}`, { field: 'request_uri' });
  const jwt = answer.text.trim();
  if (!/^[\w-]+\.[\w-]*\.[\w-]*$/.test(jwt)) throw invalid('the request_uri did not answer a request object JWT', 'request_uri');
  return jwt;
}

/** By-value parameters: JSON-valued ones (dcql_query, client_metadata...) arrive as strings. */
function parseJsonParams(outer: Record<string, string>): Record<string, unknown> {
  const params: Record<string, unknown> = { ...outer };
  for (const name of ['dcql_query', 'presentation_definition', 'client_metadata', 'transaction_data']) {
    const value = outer[name];
    if (value === undefined) continue;
    try {
      params[name] = JSON.parse(value);
    } catch (err: unknown) {
      throw new PassportError('ERR_WALLET_REQUEST_INVALID', `${name} is not JSON`, { field: name, cause: err });
    }
  }
  return params;
}

/** Checks the parameters this wallet acts on; returns them typed. */
export function checkRequestParams(params: Record<string, unknown>): { responseUri: string; nonce: string; state?: string } {
  if (params['response_type'] !== 'vp_token') throw invalid(`response_type ${String(params['response_type'])} is not vp_token`, 'response_type');
  if (params['response_mode'] !== 'direct_post') throw invalid(`response_mode ${String(params['response_mode'])} is not supported (direct_post only)`, 'response_mode');
  const responseUri = params['response_uri'];
  if (typeof responseUri !== 'string' || !/^https?:\/\//.test(responseUri)) throw invalid('the request has no http(s) response_uri', 'response_uri');
  const nonce = params['nonce'];
  if (typeof nonce !== 'string' || nonce === '') throw invalid('the request has no nonce', 'nonce');
  if ((params['dcql_query'] === undefined) === (params['presentation_definition'] === undefined)) {
    throw invalid('the request must carry exactly one of dcql_query and presentation_definition', 'dcql_query');
  }
  if (params['dcql_query'] !== undefined && !isObject(params['dcql_query'])) throw invalid('dcql_query is not an object', 'dcql_query');
  if (params['presentation_definition'] !== undefined && !isObject(params['presentation_definition'])) throw invalid('presentation_definition is not an object', 'presentation_definition');
  const state = typeof params['state'] === 'string' ? params['state'] : undefined;
  return { responseUri, nonce, ...(state ? { state } : {}) };
}

function invalid(message: string, field: string): PassportError {
  return new PassportError('ERR_WALLET_REQUEST_INVALID', message, { field });
}
