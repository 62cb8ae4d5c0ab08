import type { Router } from 'express';
import { deleteOidcConfig } from '../../auth/delete-oidc-config.js';
import { getOidcConfig } from '../../auth/get-oidc-config.js';
import { parseOidcConfigInput } from '../../auth/parse-oidc-config-input.js';
import { setOidcConfig } from '../../auth/set-oidc-config.js';
import type { Authenticator } from '../../auth/create-authenticator.js';
import type { IssuerContext } from '../../issuer-context.js';
import { requireRole } from '../require-role.js';
import { callerOf } from '../request-helpers.js';

/** The organisation's OpenID provider for sign-in (issuer, audience, JWKS, role mapping). */
export function addOidcRoutes(router: Router, ctx: IssuerContext, authenticate: Authenticator, options: { allowHttpLoopback: boolean }): void {
  const admins = requireRole(ctx, authenticate, ['org-admin']);

  router.get('/orgs/:orgId/oidc', admins, async (_req, res) => {
    res.json({ oidc: await getOidcConfig(ctx, callerOf(res).org.id) });
  });

  router.put('/orgs/:orgId/oidc', admins, async (req, res) => {
    const { org, principal } = callerOf(res);
    res.json({ oidc: await setOidcConfig(ctx, org.id, parseOidcConfigInput(req.body, options), principal.keyId, options) });
  });

  router.delete('/orgs/:orgId/oidc', admins, async (_req, res) => {
    const { org, principal } = callerOf(res);
    res.json({ removed: await deleteOidcConfig(ctx, org.id, principal.keyId) });
  });
}
