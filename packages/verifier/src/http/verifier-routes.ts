import { apiReferenceRoutes, buildOpenApiDocument, type OpenApiDocument } from '@staff-passport/web-kit';
import { EXPORT_ROUTES } from './routes/export-routes.js';
import { OID4VP_ROUTES } from './routes/oid4vp-routes.js';
import { ORGANISATION_ROUTES } from './routes/organisation-routes.js';
import { VERIFIER_API_ROUTES } from './routes/verifier-api-routes.js';
import { VERIFIER_WEBHOOK_ROUTES } from './routes/webhook-routes.js';
import type { VerifierRoute, VerifierRouteDeps } from './verifier-route.js';
import { VERIFIER_SCHEMAS } from './verifier-schemas.js';

const TITLE = 'Staff Passport verifier API';

/** The routes registered after the app's JSON body parser: the REST API and the API reference. */
export const VERIFIER_JSON_ROUTES: readonly VerifierRoute[] = [...VERIFIER_API_ROUTES, ...ORGANISATION_ROUTES, ...EXPORT_ROUTES, ...apiReferenceRoutes<VerifierRouteDeps>((deps) => deps.openapi, TITLE)];

/**
 * Every route of the verifier's API (the desk's pages apart): method, path, who may call it, what
 * it accepts and answers, and its handler. The routers register from it, ajv validates bodies
 * with its schemas, and `/openapi.json` is generated from it.
 */
export const VERIFIER_ROUTES: readonly VerifierRoute[] = [...OID4VP_ROUTES, ...VERIFIER_JSON_ROUTES, ...VERIFIER_WEBHOOK_ROUTES];

/**
 * The verifier's OpenAPI 3.1 document, generated from {@link VERIFIER_ROUTES}.
 *
 * @example
 * const doc = buildVerifierOpenApiDocument(ctx.publicUrl);
 */
export function buildVerifierOpenApiDocument(publicUrl: string): OpenApiDocument {
  return buildOpenApiDocument(VERIFIER_ROUTES, {
    title: TITLE,
    version: '0.1.0',
    description:
      "Verify credentials and presentations (W3C VC API), check a new starter as one of the organisations (receiving employers) the verifier serves, each with its own did:web, API keys or OpenID provider sign-in, roles (checker, profile-admin, auditor), retention period and audit log; platform administrators create organisations. Sign in with `Authorization: Bearer <API key>`, or with an access token of the organisation's OpenID provider and `X-Organisation-Id: <organisation id>`. Then check a new starter against a check profile, ask a wallet over OpenID4VP, export the verified attributes in the shape a workforce system imports, and register webhooks for `verification.completed` (Standard Webhooks). Errors are RFC 9457 problem details with a stable `code` and the `field` at fault (the OpenID4VP protocol endpoints answer OAuth errors with the same `code`). A failed verification is a 400 whose problem details carry the whole report.",
    serverUrl: publicUrl,
    schemas: VERIFIER_SCHEMAS,
  });
}
