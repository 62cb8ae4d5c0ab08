import { PassportError } from '@staff-passport/core';
import { appendAuditEvent } from '../audit/append-audit-event.js';
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
    const taken = (await tx.query('SELECT org_id FROM sp_oidc_configs WHERE issuer = ? AND audience = ? AND org_id <> ?', [
      config.issuer,
      config.audience,
      orgId,
    ])) as unknown[];
    if (taken.length > 0) {
      throw new PassportError('ERR_REQUEST_INVALID', 'another organisation signs in with this issuer and audience: give each organisation its own audience', {
        field: 'audience',
      });
    }
    await tx.query(
      `INSERT INTO sp_oidc_configs (org_id, issuer, audience, jwks_uri, role_claim, role_mapping, allowed_algs, client_id, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (org_id) DO UPDATE SET issuer = excluded.issuer, audience = excluded.audience, jwks_uri = excluded.jwks_uri,
         role_claim = excluded.role_claim, role_mapping = excluded.role_mapping, allowed_algs = excluded.allowed_algs,
         client_id = excluded.client_id, updated_at = excluded.updated_at`,
      [
        config.orgId,
        config.issuer,
        config.audience,
        config.jwksUri,
        config.roleClaim,
        JSON.stringify(config.roleMapping),
        JSON.stringify(config.allowedAlgs),
        config.clientId,
        config.updatedAt,
      ],
    );
    const { orgId: _orgId, updatedAt: _updatedAt, ...detail } = config;
    await appendAuditEvent(tx, { orgId, actor, action: 'oidc.configure', subject: config.issuer, detail, at: ctx.now() });
  });
  forgetJwks(ctx, orgId);
  return config;
}
