// @staff-passport/web-kit: what the two services (issuer and verifier) share on the web side, and
// nothing a wallet needs: the NHS page kit (markup template, NHS.UK components, the page layout and
// its assets), the express helpers (problem+json answers, the request logger, listen, cookies,
// CORS), the route table with its OpenAPI document and reference, the webhook routes, and the
// configuration loader. The markup template and the components alone run in browsers
// (`@staff-passport/web-kit/browser`).
export { loadConfig } from './config/load-config.js';
export type { PassportConfig } from './config/load-config.js';
export { addAuthHeaders } from './auth/add-auth-headers.js';
export { jsonBody, noteErrorCode, notFound, problemHandler, requestLogger, sendProblem } from './http/problem-middleware.js';
export { listen } from './http/listen.js';
export { clientErrorOf } from './http/client-error-of.js';
export { openCors } from './http/open-cors.js';
export { readCookie, secureCookieAttribute } from './http/read-cookie.js';
export { safeNextPath } from './http/safe-next-path.js';
export type { RunningServer } from './http/listen.js';
export { registerApiRoutes } from './api/register-api-routes.js';
export type { RegisterApiRoutesOptions } from './api/register-api-routes.js';
export { createBodyValidatorCompiler } from './api/compile-body-validator.js';
export type { BodyValidator } from './api/compile-body-validator.js';
export { buildOpenApiDocument, toOpenApiPath } from './api/build-openapi-document.js';
export type { OpenApiDocument, OpenApiInfo } from './api/build-openapi-document.js';
export { API_REFERENCE_ASSETS_PATH, apiReferenceAssets, apiReferenceRoutes } from './api/api-reference.js';
export { jsonSchema } from './api/json-schema.js';
export { healthRoute } from './api/health-route.js';
export { qrCodeRoutes } from './api/qr-code-routes.js';
export type { QrCodeRoutesBase } from './api/qr-code-routes.js';
export type { ApiAccess, ApiErrorFormat, ApiMethod, ApiParameter, ApiRequestBody, ApiResponse, ApiRoute, JsonSchema } from './api/api-route.js';
export { SafeHtml, escapeHtml, html, rawHtml } from './pages/html.js';
export { JS_ENABLED_SCRIPT, NHSUK_ASSETS_PATH, nhsukAssets, nhsukDistDir, pageSecurityHeaders } from './pages/nhsuk-assets.js';
export { renderNhsPage } from './pages/render-nhs-page.js';
export type { AccountItem, NavigationItem, NhsPageOptions } from './pages/render-nhs-page.js';
export { backLink, button, checkboxes, errorFor, errorSummary, insetText, notificationBanner, radios, selectField, summaryList, table, tag, textInput, textarea, warningCallout } from './pages/nhs-components.js';
export type { ButtonOptions, Choice, ChoiceGroupOptions, FieldError, FieldOptions, SelectOptions, SummaryRow, TableOptions, TagColour, TextInputOptions, TextareaOptions } from './pages/nhs-components.js';
export { webhookRoutes } from './webhooks/webhook-routes.js';
export type { WebhookRoutesBase } from './webhooks/webhook-routes.js';
