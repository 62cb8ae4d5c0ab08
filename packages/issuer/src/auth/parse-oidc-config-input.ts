import { PassportError, idpUrlProblem, isObject, type FieldIssue } from '@staff-passport/core';
import { ROLES, type Role } from '../api-keys/create-api-key.js';
import { DEFAULT_OIDC_ALGS, DEFAULT_ROLE_CLAIM, OIDC_ALGS, type OidcAlg, type OidcConfigInput } from './oidc-config.js';

const FIELDS = new Set(['issuer', 'audience', 'jwksUri', 'roleClaim', 'roleMapping', 'allowedAlgs', 'clientId']);
const MAX_URL = 2048;
const MAX_MAPPINGS = 200;
// Printable ASCII without spaces: covers plain names (`roles`), namespaced URL claims
// (`https://example.org/roles`) and dotted paths (`realm_access.roles`).
const CLAIM_NAME = /^[\x21-\x7e]{1,256}$/;
const CLIENT_ID = /^[\x21-\x7e]{1,256}$/;
// No control characters in values that end up in queries, logs and the audit log.
const PRINTABLE = /^[^\p{Cc}]+$/u;

/** The options {@link parseOidcConfigInput} takes. */
export interface ParseOidcConfigOptions {
  /** Accept http issuer and JWKS URLs on loopback hosts (tests and local demos only). */
  allowHttpLoopback?: boolean;
}

function checkUrl(value: unknown, field: string, allowHttpLoopback: boolean, issues: FieldIssue[]): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_URL) {
    issues.push({ path: field, code: 'ERR_REQUEST_INVALID', message: `${field} must be a URL of at most ${MAX_URL} characters` });
    return undefined;
  }
  const problem = idpUrlProblem(value, allowHttpLoopback);
  if (problem) {
    issues.push({ path: field, code: 'ERR_REQUEST_INVALID', message: `${field} ${problem}` });
    return undefined;
  }
  return value;
}

/**
 * Checks an organisation's OIDC configuration as sent (an HTTP body or a caller's object) and fills
 * in the defaults (`roleClaim`, `allowedAlgs`). Every problem is reported, each with its field.
 *
 * @example
 * const input = parseOidcConfigInput(req.body);
 * @throws PassportError `ERR_REQUEST_INVALID` (field of the first problem; `issues` lists them all).
 */
export function parseOidcConfigInput(body: unknown, options: ParseOidcConfigOptions = {}): OidcConfigInput {
  if (!isObject(body)) throw new PassportError('ERR_REQUEST_INVALID', 'the OIDC configuration must be a JSON object', { field: 'body' });
  const allowHttpLoopback = options.allowHttpLoopback ?? false;
  const issues: FieldIssue[] = [];
  for (const key of Object.keys(body)) {
    if (!FIELDS.has(key)) issues.push({ path: key, code: 'ERR_REQUEST_INVALID', message: `unknown field ${key}` });
  }

  const issuer = checkUrl(body['issuer'], 'issuer', allowHttpLoopback, issues);
  // OpenID Connect Core 1.0 section 2: the issuer identifier has no query or fragment component.
  if (issuer !== undefined && new URL(issuer).search) {
    issues.push({ path: 'issuer', code: 'ERR_REQUEST_INVALID', message: 'issuer must not have a query' });
  }

  const audience = body['audience'];
  if (typeof audience !== 'string' || audience.length === 0 || audience.length > MAX_URL || !PRINTABLE.test(audience)) {
    issues.push({ path: 'audience', code: 'ERR_REQUEST_INVALID', message: `audience must be a string of 1 to ${MAX_URL} printable characters` });
  }

  const jwksUri = body['jwksUri'] === undefined ? undefined : checkUrl(body['jwksUri'], 'jwksUri', allowHttpLoopback, issues);

  const roleClaim = body['roleClaim'] ?? DEFAULT_ROLE_CLAIM;
  if (typeof roleClaim !== 'string' || !CLAIM_NAME.test(roleClaim)) {
    issues.push({ path: 'roleClaim', code: 'ERR_REQUEST_INVALID', message: 'roleClaim must be a claim name of 1 to 256 printable characters, no spaces' });
  }

  // Built on a null prototype and read with Object.hasOwn: an IdP value such as "constructor" or
  // "__proto__" is only ever a key, never a path to something inherited.
  const roleMapping: Record<string, Role> = Object.create(null) as Record<string, Role>;
  const mapping = body['roleMapping'];
  if (!isObject(mapping) || Object.keys(mapping).length === 0 || Object.keys(mapping).length > MAX_MAPPINGS) {
    issues.push({ path: 'roleMapping', code: 'ERR_REQUEST_INVALID', message: `roleMapping must map 1 to ${MAX_MAPPINGS} IdP values to roles` });
  } else {
    for (const [value, role] of Object.entries(mapping)) {
      if (value.length === 0 || value.length > 256 || !PRINTABLE.test(value)) {
        issues.push({ path: 'roleMapping', code: 'ERR_REQUEST_INVALID', message: 'roleMapping keys must be 1 to 256 printable characters' });
      } else if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
        issues.push({ path: `roleMapping.${value}`, code: 'ERR_REQUEST_INVALID', message: `roles must be one of ${ROLES.join(', ')}` });
      } else {
        roleMapping[value] = role as Role;
      }
    }
  }

  const algs = body['allowedAlgs'] ?? [...DEFAULT_OIDC_ALGS];
  if (!Array.isArray(algs) || algs.length === 0 || algs.length > OIDC_ALGS.length) {
    issues.push({ path: 'allowedAlgs', code: 'ERR_REQUEST_INVALID', message: 'allowedAlgs must be a non-empty list' });
  } else {
    algs.forEach((alg: unknown, i) => {
      if (typeof alg !== 'string' || !(OIDC_ALGS as readonly string[]).includes(alg)) {
        issues.push({ path: `allowedAlgs.${i}`, code: 'ERR_REQUEST_INVALID', message: `allowedAlgs may hold only asymmetric algorithms: ${OIDC_ALGS.join(', ')}` });
      }
    });
    if (new Set(algs).size !== algs.length) issues.push({ path: 'allowedAlgs', code: 'ERR_REQUEST_INVALID', message: 'allowedAlgs must not repeat an algorithm' });
  }

  // RFC 6749 appendix A.1: client_id is visible ASCII (%x20-7E); spaces are kept out as well, so it
  // stays one token in URLs, logs and the audit log.
  const clientId = body['clientId'];
  if (clientId !== undefined && (typeof clientId !== 'string' || !CLIENT_ID.test(clientId))) {
    issues.push({ path: 'clientId', code: 'ERR_REQUEST_INVALID', message: 'clientId must be 1 to 256 printable characters, no spaces' });
  }

  const first = issues[0];
  if (first) throw new PassportError('ERR_REQUEST_INVALID', first.message, { field: first.path, issues });
  return {
    issuer: issuer as string,
    audience: audience as string,
    ...(jwksUri === undefined ? {} : { jwksUri }),
    roleClaim: roleClaim as string,
    // A plain object again for callers and JSON; lookups stay Object.hasOwn.
    roleMapping: { ...roleMapping },
    allowedAlgs: algs as OidcAlg[],
    ...(clientId === undefined ? {} : { clientId: clientId as string }),
  };
}
