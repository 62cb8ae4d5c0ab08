import { apiReferenceRoutes, buildOpenApiDocument, type OpenApiDocument } from '@staff-passport/web-kit';
import { ISSUER_SCHEMAS } from './issuer-schemas.js';
import type { IssuerRoute, IssuerRouteDeps } from './issuer-route.js';
import { AUDIT_ROUTES } from './routes/audit-routes.js';
import { COLLECT_ROUTES } from './routes/collect-routes.js';
import { CREDENTIAL_ROUTES } from './routes/credential-routes.js';
import { JOB_ROUTES } from './routes/job-routes.js';
import { OFFER_ROUTES } from './routes/offer-routes.js';
import { OID4VCI_ROUTES } from './routes/oid4vci-routes.js';
import { OIDC_ROUTES } from './routes/oidc-routes.js';
import { ORG_ADMIN_ROUTES } from './routes/org-admin-routes.js';
import { PLATFORM_ROUTES } from './routes/platform-routes.js';
import { PUBLIC_ROUTES } from './routes/public-routes.js';
import { TYPE_ROUTES } from './routes/type-routes.js';
import { WEBHOOK_ROUTES } from './routes/webhook-routes.js';

const TITLE = 'Staff Passport issuer API';

/**
 * Every route of the issuer's API, in the order the router registers them: method, path, who may
 * call it, what it accepts and answers, and its handler. The router registers from it, the guard
 * applies its roles, ajv validates bodies with its schemas, and `/openapi.json` is generated from it.
 */
export const ISSUER_ROUTES: readonly IssuerRoute[] = [
  ...PUBLIC_ROUTES,
  ...PLATFORM_ROUTES,
  ...TYPE_ROUTES,
  ...ORG_ADMIN_ROUTES,
  ...CREDENTIAL_ROUTES,
  ...AUDIT_ROUTES,
  ...JOB_ROUTES,
  ...OIDC_ROUTES,
  ...OFFER_ROUTES,
  ...OID4VCI_ROUTES,
  ...COLLECT_ROUTES,
  ...WEBHOOK_ROUTES,
  ...apiReferenceRoutes<IssuerRouteDeps>((deps) => deps.openapi, TITLE),
];

/**
 * The issuer's OpenAPI 3.1 document, generated from {@link ISSUER_ROUTES}.
 *
 * @example
 * const doc = buildIssuerOpenApiDocument(ctx.publicUrl);
 */
export function buildIssuerOpenApiDocument(publicUrl: string): OpenApiDocument {
  return buildOpenApiDocument(ISSUER_ROUTES, {
    title: TITLE,
    version: '0.1.0',
    description:
      'Issue, find, revoke, suspend and reinstate staff credentials; organisations, keys, API keys, the audit log, bulk jobs, OpenID4VCI offers and webhooks (Standard Webhooks). Errors are RFC 9457 problem details with a stable `code` and the `field` at fault (the OpenID4VCI protocol endpoints answer OAuth errors with the same `code`).',
    serverUrl: publicUrl,
    security: {
      platform: { platformKey: { type: 'http', scheme: 'bearer', description: 'A platform administrator key (spa_...)' } },
      roles: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An organisation API key (sp_...)' },
        oidc: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: "An access token from the organisation's OpenID provider" },
      },
    },
    schemas: ISSUER_SCHEMAS,
  });
}
