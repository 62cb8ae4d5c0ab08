import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { guardedFetchJson } from '../../did/guarded-fetch.js';
import { PassportError } from '../../errors/passport-error.js';
import { isObject } from '../../lib/is-object.js';
import { idpUrlProblem } from './idp-url-problem.js';

/** What finding a provider's keys needs of an organisation's configuration. */
export interface JwksSource {
  issuer: string;
  /** Where the keys are; discovered from the issuer when null. */
  jwksUri: string | null;
  /** When the configuration last changed: a change rebuilds the key set. */
  updatedAt: string;
}

/** How keys are fetched (deployment settings). */
export interface JwksOptions {
  /** Accept `http:` issuer and JWKS URLs on loopback hosts (tests and local demos only). */
  allowHttpLoopback?: boolean;
  /** Time limit for discovery and JWKS fetches, in milliseconds (default 5000). */
  fetchTimeoutMs?: number;
  /** How long a failed discovery is remembered, and between JWKS refetches, in milliseconds (default 30000). */
  jwksCooldownMs?: number;
  /** Fetches the discovery document (default: `guardedFetchJson` with the time and size limits). */
  fetchJson?: (url: string) => Promise<unknown>;
  /** The clock for the cache, in milliseconds. */
  nowMs?: () => number;
}

/** The key set of one organisation's identity provider, while it is being found or once found. */
export interface JwksEntry {
  /** What the entry was built from (issuer, JWKS URL, configuration time): a change rebuilds it. */
  fingerprint: string;
  createdAt: number;
  failed: boolean;
  keys: Promise<JWTVerifyGetKey>;
}

const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_COOLDOWN_MS = 30_000;
// Discovery is re-read this often, so an IdP that moves its keys is followed without a restart.
const DISCOVERY_TTL_MS = 60 * 60 * 1000;

function unavailable(message: string, cause?: unknown): PassportError {
  return new PassportError('ERR_OIDC_PROVIDER_UNAVAILABLE', message, cause === undefined ? {} : { cause });
}

/**
 * Finds the JWKS URL of an identity provider through OpenID Connect Discovery 1.0: section 4
 * (the document is at the issuer plus `/.well-known/openid-configuration`, a trailing `/` of the
 * issuer removed first) and section 4.3 (its `issuer` must equal the issuer it was fetched for).
 */
async function discoverJwksUri(config: JwksSource, options: JwksOptions): Promise<string> {
  const url = `${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const timeoutMs = options.fetchTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  // The identity provider is the organisation's configuration, so it may be on a private network;
  // the scheme rule (https, or http on loopback when allowed) was checked when it was configured.
  const fetchJson =
    options.fetchJson ?? ((u: string) => guardedFetchJson(u, { allowPrivateNetwork: true, allowHttp: options.allowHttpLoopback ?? false, timeoutMs }));
  let document: unknown;
  try {
    document = await fetchJson(url);
  } catch (err: unknown) {
    throw unavailable(`the discovery document of ${config.issuer} could not be fetched`, err);
  }
  if (!isObject(document) || document['issuer'] !== config.issuer) {
    throw unavailable(`the discovery document of ${config.issuer} names another issuer`);
  }
  const jwksUri = document['jwks_uri'];
  if (typeof jwksUri !== 'string' || idpUrlProblem(jwksUri, options.allowHttpLoopback ?? false)) {
    throw unavailable(`the discovery document of ${config.issuer} has no usable jwks_uri`);
  }
  return jwksUri;
}

async function buildJwks(config: JwksSource, options: JwksOptions): Promise<JWTVerifyGetKey> {
  // Checked again at use: the deployment may have stopped allowing http on loopback since.
  if (idpUrlProblem(config.issuer, options.allowHttpLoopback ?? false)) throw unavailable(`the issuer URL ${config.issuer} is not allowed`);
  const jwksUri = config.jwksUri ?? (await discoverJwksUri(config, options));
  if (idpUrlProblem(jwksUri, options.allowHttpLoopback ?? false)) throw unavailable(`the JWKS URL of ${config.issuer} is not allowed`);
  return createRemoteJWKSet(new URL(jwksUri), {
    timeoutDuration: options.fetchTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    cooldownDuration: options.jwksCooldownMs ?? DEFAULT_COOLDOWN_MS,
  });
}

/**
 * The key set of an organisation's identity provider, cached per organisation: discovery runs
 * once an hour, jose's remote key set refreshes keys itself (cooldown between fetches), and a
 * failed discovery is remembered for the cooldown so bad requests do not hammer the IdP.
 *
 * The cache is the caller's (a field of its context): `key` names the organisation.
 *
 * @example
 * const keys = await resolveJwksIn(ctx.jwks, orgId, config, { allowHttpLoopback });
 * @throws PassportError `ERR_OIDC_PROVIDER_UNAVAILABLE` (discovery failed or names an unusable JWKS URL).
 */
export function resolveJwksIn(cache: Map<string, JwksEntry>, key: string, config: JwksSource, options: JwksOptions): Promise<JWTVerifyGetKey> {
  const nowMs = (options.nowMs ?? Date.now)();
  const cooldown = options.jwksCooldownMs ?? DEFAULT_COOLDOWN_MS;
  const fingerprint = JSON.stringify([config.issuer, config.jwksUri, config.updatedAt, options.allowHttpLoopback ?? false]);
  const cached = cache.get(key);
  const stale =
    !cached ||
    cached.fingerprint !== fingerprint ||
    (cached.failed && nowMs - cached.createdAt >= cooldown) ||
    (config.jwksUri === null && nowMs - cached.createdAt >= DISCOVERY_TTL_MS);
  if (!stale) return cached.keys;
  const entry: JwksEntry = { fingerprint, createdAt: nowMs, failed: false, keys: buildJwks(config, options) };
  entry.keys.catch(() => {
    entry.failed = true;
  });
  cache.set(key, entry);
  return entry.keys;
}
