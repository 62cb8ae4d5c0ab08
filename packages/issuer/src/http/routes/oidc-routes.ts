import { jsonSchema as s } from '@staff-passport/web-kit';
import { ROLES } from '../../api-keys/create-api-key.js';
import { deleteOidcConfig } from '../../auth/delete-oidc-config.js';
import { getOidcConfig } from '../../auth/get-oidc-config.js';
import { parseOidcConfigInput } from '../../auth/parse-oidc-config-input.js';
import { setOidcConfig } from '../../auth/set-oidc-config.js';
import { EXAMPLE, PARAM, type IssuerRoute } from '../issuer-route.js';
import { callerOf } from '../request-helpers.js';

const OIDC_EXAMPLE = {
  orgId: EXAMPLE.orgId,
  issuer: 'https://login.rth.example.nhs.uk',
  audience: 'staff-passport',
  jwksUri: null,
  roleClaim: 'roles',
  roleMapping: { 'HR.Issuer': 'issuer', 'HR.Admin': 'org-admin' },
  allowedAlgs: ['RS256', 'ES256'],
  clientId: 'hr-console',
  updatedAt: EXAMPLE.time,
};
const oidcAnswer = s.object({ oidc: s.nullable(s.ref('OidcConfig')) }, ['oidc']);

/** The organisation's OpenID provider for sign-in (issuer, audience, JWKS, role mapping). */
export const OIDC_ROUTES: IssuerRoute[] = [
  {
    method: 'get',
    path: '/orgs/:orgId/oidc',
    summary: "The organisation's OpenID provider for sign-in",
    tag: 'access',
    access: ['org-admin'],
    params: [PARAM.orgId],
    responses: { 200: { description: 'the configuration, or null when none', schema: oidcAnswer, example: { oidc: OIDC_EXAMPLE } } },
    errors: [401, 403, 404],
    handler: async ({ ctx }, _req, res) => {
      res.json({ oidc: await getOidcConfig(ctx, callerOf(res).org.id) });
    },
  },
  {
    method: 'put',
    path: '/orgs/:orgId/oidc',
    summary: 'Set the OpenID provider: issuer, audience, JWKS URI, role claim and role mapping (audited)',
    tag: 'access',
    access: ['org-admin'],
    params: [PARAM.orgId],
    body: {
      schema: s.object(
        {
          issuer: s.string({ description: 'the provider issuer URL (https)' }),
          audience: s.string({ description: 'the audience access tokens are for' }),
          jwksUri: s.string({ description: 'optional; discovered otherwise' }),
          roleClaim: s.string({ description: 'default roles' }),
          roleMapping: { type: 'object', additionalProperties: s.enum(ROLES), description: 'IdP role value to our role' },
          allowedAlgs: s.array(s.string()),
          clientId: s.string({ description: "optional; the HR console's public client id at the provider (code flow with PKCE)" }),
        },
        ['issuer', 'audience', 'roleMapping'],
      ),
      example: { issuer: 'https://login.rth.example.nhs.uk', audience: 'staff-passport', roleMapping: { 'HR.Issuer': 'issuer', 'HR.Admin': 'org-admin' }, clientId: 'hr-console' },
      // The parser reports every problem at once (`issues`), which a first-error check would hide.
      validation: 'handler',
    },
    responses: { 200: { description: 'the configuration saved', schema: oidcAnswer, example: { oidc: OIDC_EXAMPLE } } },
    errors: [400, 401, 403, 404],
    handler: async ({ ctx, allowHttpLoopback }, req, res) => {
      const { org, principal } = callerOf(res);
      const options = { allowHttpLoopback };
      res.json({ oidc: await setOidcConfig(ctx, org.id, parseOidcConfigInput(req.body, options), principal.keyId, options) });
    },
  },
  {
    method: 'delete',
    path: '/orgs/:orgId/oidc',
    summary: 'Stop OIDC sign-in for the organisation',
    tag: 'access',
    access: ['org-admin'],
    params: [PARAM.orgId],
    responses: { 200: { description: 'whether there was one to remove', schema: s.object({ removed: s.boolean() }, ['removed']), example: { removed: true } } },
    errors: [401, 403, 404],
    handler: async ({ ctx }, _req, res) => {
      const { org, principal } = callerOf(res);
      res.json({ removed: await deleteOidcConfig(ctx, org.id, principal.keyId) });
    },
  },
];
