import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { guardedFetchJson } from '../../did/guarded-fetch.js';
import { PassportError } from '../../errors/passport-error.js';
import { isObject } from '../../lib/is-object.js';
import { idpUrlProblem } from './idp-url-problem.js';
import { postTokenRequest } from './post-token-request.js';

/**
 * What sign-in with an organisation's OpenID provider needs of its configuration: the provider,
 * the audience of the access tokens it issues for us, the client id of our pages there (a public
 * client), and the algorithms accepted.
 */
export interface OidcClientConfig {
  issuer: string;
  audience: string;
  clientId: string;
  allowedAlgs: readonly string[];
}

/** How a service's pages reach organisations' OpenID providers (deployment settings, never an organisation's). */
export interface OidcSignInOptions {
  /** Accept http provider URLs on loopback hosts (tests and local demos only). */
  allowHttpLoopback?: boolean;
  /** Time limit of the discovery and token requests, in milliseconds (default 5000). */
  timeoutMs?: number;
  /** Fetches the discovery document (default: core's `guardedFetchJson` with its time and size limits). */
  fetchJson?: (url: string) => Promise<unknown>;
  /** The fetch the token request is made with (default the global `fetch`). */
  fetch?: typeof fetch;
}

/** What the browser keeps (sealed, in a short-lived cookie) between the redirect to the provider and its answer. */
export interface OidcSignInState {
  orgId: string;
  /** Where to go once signed in (a path on this site). */
  next?: string;
  /** RFC 6749 section 10.12: ties the answer to this browser's request. */
  state: string;
  /** OpenID Connect Core section 3.1.2.1: ties the ID token to this request. */
  nonce: string;
  /** RFC 7636: the PKCE code verifier (the provider saw only its S256 challenge). */
  codeVerifier: string;
  /** The provider's issuer identifier and token endpoint, from its discovery document. */
  issuer: string;
  tokenEndpoint: string;
  redirectUri: string;
  /** Epoch milliseconds after which the answer is refused. */
  expiresAt: number;
}

/**
 * The {@link OidcSignInState} in a value read back from where it was kept (a sealed cookie), when
 * it is whole: anything else is as if there were none.
 *
 * @example
 * const saved = oidcSignInStateOf(openSealedJson(box, cookie, aad) ?? {});
 */
export function oidcSignInStateOf(parsed: Record<string, unknown>): OidcSignInState | undefined {
  const { orgId, next, state, nonce, codeVerifier, issuer, tokenEndpoint, redirectUri, expiresAt } = parsed;
  const texts = [orgId, state, nonce, codeVerifier, issuer, tokenEndpoint, redirectUri];
  if (!texts.every((t): t is string => typeof t === 'string') || typeof expiresAt !== 'number') return undefined;
  if (next !== undefined && typeof next !== 'string') return undefined;
  return {
    orgId: orgId as string,
    ...(next === undefined ? {} : { next }),
    state: state as string,
    nonce: nonce as string,
    codeVerifier: codeVerifier as string,
    issuer: issuer as string,
    tokenEndpoint: tokenEndpoint as string,
    redirectUri: redirectUri as string,
    expiresAt,
  };
}

/** How long a sign-in at the provider may take. */
export const OIDC_SIGN_IN_TTL_MS = 10 * 60_000;

/** The scopes asked for: who signed in (for the header); access comes from the access token's roles. */
export const OIDC_SCOPE = 'openid profile';

const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_CLOCK_TOLERANCE_S = 30;

function unavailable(message: string, cause?: unknown): PassportError {
  return new PassportError('ERR_OIDC_PROVIDER_UNAVAILABLE', message, cause === undefined ? {} : { cause });
}

function failed(message: string, cause?: unknown): PassportError {
  return new PassportError('ERR_OIDC_SIGN_IN_FAILED', message, cause === undefined ? {} : { cause });
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

interface ProviderEndpoints {
  authorizationEndpoint: string;
  tokenEndpoint: string;
}

/**
 * OpenID Connect Discovery 1.0 section 4: the document at the issuer plus
 * `/.well-known/openid-configuration`, whose `issuer` must be the one configured (section 4.3),
 * with endpoints the deployment allows (https, or http on loopback when allowed).
 */
async function discoverEndpoints(config: OidcClientConfig, options: OidcSignInOptions): Promise<ProviderEndpoints> {
  const allowHttp = options.allowHttpLoopback ?? false;
  if (idpUrlProblem(config.issuer, allowHttp)) throw unavailable(`the issuer URL ${config.issuer} is not allowed`);
  const url = `${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // The provider is the organisation's own configuration, so it may be on a private network (as for token checks).
  const fetchJson = options.fetchJson ?? ((u: string) => guardedFetchJson(u, { allowPrivateNetwork: true, allowHttp, timeoutMs }));
  let document: unknown;
  try {
    document = await fetchJson(url);
  } catch (err: unknown) {
    throw unavailable(`the discovery document of ${config.issuer} could not be fetched`, err);
  }
  if (!isObject(document) || document['issuer'] !== config.issuer) throw unavailable(`the discovery document of ${config.issuer} names another issuer`);
  const authorizationEndpoint = document['authorization_endpoint'];
  const tokenEndpoint = document['token_endpoint'];
  for (const [name, value] of [
    ['authorization_endpoint', authorizationEndpoint],
    ['token_endpoint', tokenEndpoint],
  ] as const) {
    if (typeof value !== 'string' || idpUrlProblem(value, allowHttp)) throw unavailable(`the discovery document of ${config.issuer} has no usable ${name}`);
  }
  // RFC 8414 section 2: when the provider lists its PKCE methods, S256 must be one of them.
  const methods = document['code_challenge_methods_supported'];
  if (Array.isArray(methods) && !methods.includes('S256')) throw unavailable(`${config.issuer} does not support PKCE with S256`);
  return { authorizationEndpoint: authorizationEndpoint as string, tokenEndpoint: tokenEndpoint as string };
}

/** The resource indicator (RFC 8707 section 2) for the audience, when the audience is an absolute URI as the RFC requires. */
function resourceOf(audience: string): string | undefined {
  try {
    const url = new URL(audience);
    return url.hash ? undefined : audience;
  } catch {
    return undefined;
  }
}

/**
 * Starts signing in to a service's pages with the organisation's OpenID provider: the authorization code
 * flow for a public client with PKCE (RFC 7636, S256), asking for an access token for the
 * organisation's audience (RFC 8707 `resource`) so it is a JWT our authenticator accepts. Returns
 * the provider's authorization URL to redirect the browser to, and the state to keep (sealed) until
 * the provider sends the browser back.
 *
 * @example
 * const { authorizationUrl, state } = await startOidcSignIn(config, { orgId, redirectUri: `${publicUrl}/console/sign-in/callback` }, { now });
 * @throws PassportError `ERR_OIDC_PROVIDER_UNAVAILABLE` (discovery failed or names endpoints that are not allowed).
 */
export async function startOidcSignIn(
  config: OidcClientConfig,
  input: { orgId: string; redirectUri: string; next?: string },
  options: OidcSignInOptions & { now: () => Date },
): Promise<{ authorizationUrl: string; state: OidcSignInState }> {
  const endpoints = await discoverEndpoints(config, options);
  const state: OidcSignInState = {
    orgId: input.orgId,
    ...(input.next ? { next: input.next } : {}),
    state: randomBytes(32).toString('base64url'),
    nonce: randomBytes(32).toString('base64url'),
    codeVerifier: randomBytes(32).toString('base64url'),
    issuer: config.issuer,
    tokenEndpoint: endpoints.tokenEndpoint,
    redirectUri: input.redirectUri,
    expiresAt: options.now().getTime() + OIDC_SIGN_IN_TTL_MS,
  };
  const url = new URL(endpoints.authorizationEndpoint);
  const resource = resourceOf(config.audience);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: input.redirectUri,
    scope: OIDC_SCOPE,
    state: state.state,
    nonce: state.nonce,
    code_challenge: createHash('sha256').update(state.codeVerifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...(resource ? { resource } : {}),
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return { authorizationUrl: url.href, state };
}

/** What the provider sent the browser back with (the callback's query). */
export interface OidcCallbackQuery {
  code?: string;
  state?: string;
  error?: string;
  errorDescription?: string;
  /** RFC 9207: the issuer of the answer, when the provider says. */
  iss?: string;
}

/**
 * The parameters of the provider's redirect back (RFC 6749 4.1.2, RFC 9207 `iss`) from a request's
 * query: strings only, each cut to 4,096 characters.
 *
 * @example
 * const query = readOidcCallbackQuery(req.query);
 */
export function readOidcCallbackQuery(params: Readonly<Record<string, unknown>>): OidcCallbackQuery {
  const query: OidcCallbackQuery = {};
  for (const [param, key] of [
    ['code', 'code'],
    ['state', 'state'],
    ['error', 'error'],
    ['error_description', 'errorDescription'],
    ['iss', 'iss'],
  ] as const) {
    const value = params[param];
    if (typeof value === 'string') query[key] = value.slice(0, 4096);
  }
  return query;
}

/** A finished sign-in at the provider: the access token (still to be authenticated as the API does) and who signed in. */
export interface OidcSignInResult {
  accessToken: string;
  /** The ID token's claims (checked: signature, issuer, audience, expiry, nonce). */
  idToken: JWTPayload;
}

/**
 * Finishes the sign-in when the provider sends the browser back: checks the state (RFC 6749
 * section 10.12) and, when given, the issuer (RFC 9207), exchanges the code at the token endpoint
 * with the PKCE verifier, and checks the ID token (OpenID Connect Core section 3.1.3.7: signature
 * with the provider's keys, issuer, audience = our client id, expiry, nonce). The access token is
 * returned unchecked: the caller runs it through its authenticator, exactly as an API call would.
 * The configuration is loaded (`loadConfig`) once the answer is known to be this sign-in's, and the
 * provider's keys come from `keysFor` (the caller's key set cache).
 *
 * @example
 * const { accessToken } = await finishOidcSignIn(saved, query, { now, loadConfig: () => configOf(saved.orgId), keysFor });
 * @throws PassportError `ERR_OIDC_SIGN_IN_FAILED` (expired or mismatched state, an error from the
 *   provider, a refused code, no or a bad ID token), `ERR_OIDC_NOT_CONFIGURED` (the configuration
 *   was removed meanwhile), `ERR_OIDC_PROVIDER_UNAVAILABLE` (the token endpoint or keys could not be reached).
 */
export async function finishOidcSignIn(
  saved: OidcSignInState,
  query: OidcCallbackQuery,
  options: OidcSignInOptions & { now: () => Date; loadConfig: () => Promise<OidcClientConfig | undefined>; keysFor: (config: OidcClientConfig) => Promise<JWTVerifyGetKey> },
): Promise<OidcSignInResult> {
  if (saved.expiresAt <= options.now().getTime()) throw failed('the sign-in took too long: start again');
  if (!query.state || !sameText(query.state, saved.state)) throw failed('the answer from the sign-in service does not belong to this sign-in');
  if (query.iss !== undefined && query.iss !== saved.issuer) throw failed('the answer came from another sign-in service');
  if (query.error !== undefined) throw failed(`the sign-in service did not sign you in (${query.error.slice(0, 100)})`);
  if (!query.code) throw failed('the sign-in service sent no authorization code');
  const config = await options.loadConfig();
  if (!config || config.issuer !== saved.issuer) throw new PassportError('ERR_OIDC_NOT_CONFIGURED', "this organisation's sign-in was changed: start again", { field: 'org' });
  if (idpUrlProblem(saved.tokenEndpoint, options.allowHttpLoopback ?? false)) throw unavailable('the token endpoint is not allowed');

  const resource = resourceOf(config.audience);
  const answer = await postTokenRequest(
    saved.tokenEndpoint,
    {
      grant_type: 'authorization_code',
      code: query.code,
      redirect_uri: saved.redirectUri,
      client_id: config.clientId,
      code_verifier: saved.codeVerifier,
      ...(resource ? { resource } : {}),
    },
    { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, ...(options.fetch ? { fetch: options.fetch } : {}) },
  );
  if (answer.status >= 500) throw unavailable(`the token endpoint answered ${answer.status}`);
  const body = answer.body;
  if (answer.status !== 200 || !isObject(body)) {
    const error = isObject(body) && typeof body['error'] === 'string' ? body['error'].slice(0, 100) : `status ${answer.status}`;
    throw failed(`the sign-in service refused the authorization code (${error})`);
  }
  const accessToken = body['access_token'];
  const idToken = body['id_token'];
  if (typeof accessToken !== 'string' || accessToken.length === 0) throw failed('the sign-in service sent no access token');
  if (typeof idToken !== 'string') throw failed('the sign-in service sent no ID token');

  let claims: JWTPayload;
  try {
    const keys = await options.keysFor(config);
    ({ payload: claims } = await jwtVerify(idToken, keys, {
      issuer: config.issuer,
      audience: config.clientId,
      algorithms: [...config.allowedAlgs],
      clockTolerance: DEFAULT_CLOCK_TOLERANCE_S,
      currentDate: options.now(),
      requiredClaims: ['sub', 'exp', 'iat'],
    }));
  } catch (err: unknown) {
    if (err instanceof PassportError) throw err;
    throw failed('the ID token from the sign-in service is not valid', err);
  }
  if (typeof claims['nonce'] !== 'string' || !sameText(claims['nonce'], saved.nonce)) throw failed('the ID token does not belong to this sign-in');
  return { accessToken, idToken: claims };
}
