import { PassportError } from '@staff-passport/core';
import { appendAuditEvent } from '../audit/append-audit-event.js';
import { createOidcConfigStore } from '../store/oidc-config-store.js';
import type { AuthContext } from './auth-context.js';
import { requireOrganisation } from './lib/require-organisation.js';
import { forgetJwks } from './lib/resolve-jwks.js';
import { DEFAULT_OIDC_ALGS, DEFAULT_ROLE_CLAIM, type OidcConfig, type OidcConfigInput } from './oidc-config.js';
import { parseOidcConfigInput, type ParseOidcConfigOptions } from './parse-oidc-config-input.js';

/**
 * Sets (or replaces) how an organisation's staff sign in with its own identity provider. The
 * configuration is checked first ({@link parseOidcConfigInput}); an issuer and audience pair
 * belongs to one organisation only, so no token can be good for two. Audited as `oidc.configure`.
 *
 * @example
 * await setOidcConfig(ctx, orgId, {
 *   issuer: 'https://login.trust.example', audience: 'https://passport.example/orgs/org_1',
 *   roleMapping: { 'passport-hr': 'issuer', 'passport-admins': 'org-admin' },
 * }, principal.keyId);
 * @throws PassportError `ERR_ORG_NOT_FOUND`, `ERR_REQUEST_INVALID` (field at fault; `audience` when
 *   another organisation uses the same issuer and audience).
 */
export async function setOidcConfig(
  ctx: AuthContext,
  orgId: string,
  input: OidcConfigInput,
  actor: string,
  options: ParseOidcConfigOptions = {},
): Promise<OidcConfig> {
  const parsed = parseOidcConfigInput(input, options);
  const config: OidcConfig = {
    orgId,
    issuer: parsed.issuer,
    audience: parsed.audience,
    jwksUri: parsed.jwksUri ?? null,
    roleClaim: parsed.roleClaim ?? DEFAULT_ROLE_CLAIM,
    roleMapping: parsed.roleMapping,
    allowedAlgs: parsed.allowedAlgs ?? [...DEFAULT_OIDC_ALGS],
    clientId: parsed.clientId ?? null,
    updatedAt: ctx.now().toISOString(),
  };
  await ctx.db.transaction(async (tx) => {
    await requireOrganisation(tx, orgId);
    const configs = createOidcConfigStore(tx);
    if (await configs.isTakenByAnother(config.issuer, config.audience, orgId)) {
      throw new PassportError('ERR_REQUEST_INVALID', 'another organisation signs in with this issuer and audience: give each organisation its own audience', {
        field: 'audience',
      });
    }
    await configs.put({
      org_id: config.orgId,
      issuer: config.issuer,
      audience: config.audience,
      jwks_uri: config.jwksUri,
      role_claim: config.roleClaim,
      role_mapping: JSON.stringify(config.roleMapping),
      allowed_algs: JSON.stringify(config.allowedAlgs),
      client_id: config.clientId,
      updated_at: config.updatedAt,
    });
    const { orgId: _orgId, updatedAt: _updatedAt, ...detail } = config;
    await appendAuditEvent(tx, { orgId, actor, action: 'oidc.configure', subject: config.issuer, detail, at: ctx.now() });
  });
  forgetJwks(ctx, orgId);
  return config;
}
