import { PassportError } from '@staff-passport/core';
import { recordVerifierEvent } from '../audit/record-verifier-event.js';
import { getVerifierOrganisation } from '../organisations/get-verifier-organisation.js';
import { scopeToOrganisation } from '../organisations/scope-to-organisation.js';
import { createVerifierStores } from '../store/verifier-stores.js';
import type { VerifierContext } from '../verifier-context.js';
import { parseVerifierOidcConfig, type VerifierOidcConfig } from './verifier-oidc-config.js';

/**
 * Sets (or, with `input` undefined, removes) the OpenID provider an organisation's people sign in
 * with; audited. The cached key set is dropped so the next sign-in reads the new provider's.
 *
 * @example
 * await setVerifierOidcConfig(ctx, orgId, { issuer, audience, roleMapping: { 'hr-checkers': 'checker' }, clientId: 'desk' }, 'platform:vpk_0a1b2c3d4e5f');
 * @throws PassportError `ERR_ORG_NOT_FOUND`, `ERR_REQUEST_INVALID` (naming the field), `ERR_NOT_FOUND` (removing one that is not there).
 */
export async function setVerifierOidcConfig(ctx: VerifierContext, orgId: string, input: unknown, actor: string): Promise<VerifierOidcConfig | undefined> {
  const org = await getVerifierOrganisation(ctx, orgId);
  const config = input === undefined ? undefined : parseVerifierOidcConfig(input, { now: ctx.now(), allowHttpLoopback: ctx.identityProviders.allowHttpLoopback });
  await ctx.db.transaction(async (tx) => {
    const stores = createVerifierStores(tx, org.id);
    if (config) await stores.oidcConfigs.set(org.id, config, config.updatedAt);
    else if (!(await stores.oidcConfigs.delete(org.id))) throw new PassportError('ERR_NOT_FOUND', 'this organisation has no OpenID provider', { field: 'orgId' });
    const { roleMapping, ...said } = config ?? { roleMapping: {} };
    await recordVerifierEvent({ ...scopeToOrganisation(ctx, org), stores }, actor, config ? 'oidc.configure' : 'oidc.remove', org.id, config ? { ...said, roleMapping } : undefined);
  });
  ctx.identityProviders.jwks.delete(org.id);
  return config;
}
