import { PassportError, idpUrlProblem, isObject } from '@staff-passport/core';
import { VERIFIER_ROLES, type VerifierRole } from './verifier-roles.js';

/** The JWS algorithms an organisation's provider may sign with (asymmetric only). */
export const VERIFIER_OIDC_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;

/** How an organisation's people sign in to the verifier with its own OpenID provider. */
export interface VerifierOidcConfig {
  /** The provider's issuer identifier, exactly as in tokens' `iss`. */
  issuer: string;
  /** The `aud` of the access tokens (the resource indicator the provider issues them for). */
  audience: string;
  /** Where the provider's keys are; discovered from the issuer when null. */
  jwksUri: string | null;
  /** The claim holding the person's roles or groups (default `roles`). */
  roleClaim: string;
  /** The provider's role or group values, each mapped to one of the verifier's roles. */
  roleMapping: Record<string, VerifierRole>;
  allowedAlgs: string[];
  /** The desk's client id at the provider (a public client, authorization code with PKCE); null: the desk does not offer it. */
  clientId: string | null;
  updatedAt: string;
}

function text(body: Record<string, unknown>, field: string, max: number, required: boolean): string | undefined {
  const value = body[field];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > max) throw new PassportError('ERR_REQUEST_INVALID', `${field} must be text of 1 to ${max} characters`, { field });
  return value;
}

function url(body: Record<string, unknown>, field: string, required: boolean, allowHttpLoopback: boolean): string | undefined {
  const value = text(body, field, 2048, required);
  const problem = value === undefined ? undefined : idpUrlProblem(value, allowHttpLoopback);
  if (problem) throw new PassportError('ERR_REQUEST_INVALID', `${field} ${problem}`, { field });
  return value;
}

/**
 * Checks what a platform administrator sends to set an organisation's OpenID provider.
 *
 * @example
 * const config = parseVerifierOidcConfig({ issuer, audience, roleMapping: { 'hr-checkers': 'checker' }, clientId: 'desk' }, { now, allowHttpLoopback: false });
 * @throws PassportError `ERR_REQUEST_INVALID` naming the field.
 */
export function parseVerifierOidcConfig(input: unknown, options: { now: Date; allowHttpLoopback: boolean }): VerifierOidcConfig {
  if (!isObject(input)) throw new PassportError('ERR_REQUEST_INVALID', 'send the configuration as a JSON object', { field: 'body' });
  const mapping = input['roleMapping'];
  if (!isObject(mapping) || Object.keys(mapping).length === 0 || Object.keys(mapping).length > 50) {
    throw new PassportError('ERR_REQUEST_INVALID', 'roleMapping must map 1 to 50 provider values to roles', { field: 'roleMapping' });
  }
  for (const [key, role] of Object.entries(mapping)) {
    if (key.length === 0 || key.length > 200 || typeof role !== 'string' || !(VERIFIER_ROLES as readonly string[]).includes(role)) {
      throw new PassportError('ERR_REQUEST_INVALID', `roleMapping values must be one of ${VERIFIER_ROLES.join(', ')}`, { field: `roleMapping.${key.slice(0, 50)}` });
    }
  }
  const algs = input['allowedAlgs'] ?? ['RS256', 'PS256', 'ES256'];
  if (!Array.isArray(algs) || algs.length === 0 || !algs.every((a) => (VERIFIER_OIDC_ALGS as readonly unknown[]).includes(a))) {
    throw new PassportError('ERR_REQUEST_INVALID', `allowedAlgs must list some of ${VERIFIER_OIDC_ALGS.join(', ')}`, { field: 'allowedAlgs' });
  }
  return {
    issuer: url(input, 'issuer', true, options.allowHttpLoopback)!,
    audience: text(input, 'audience', 2048, true)!,
    jwksUri: url(input, 'jwksUri', false, options.allowHttpLoopback) ?? null,
    roleClaim: text(input, 'roleClaim', 200, false) ?? 'roles',
    roleMapping: mapping as Record<string, VerifierRole>,
    allowedAlgs: algs as string[],
    clientId: text(input, 'clientId', 200, false) ?? null,
    updatedAt: options.now.toISOString(),
  };
}
