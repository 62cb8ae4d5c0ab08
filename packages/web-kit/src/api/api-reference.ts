import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { type RequestHandler, type Router } from 'express';
import { escapeHtml } from '../pages/html.js';
import { pageSecurityHeaders } from '../pages/nhsuk-assets.js';
import type { ApiRoute } from './api-route.js';
import type { OpenApiDocument } from './build-openapi-document.js';

/** Where the interactive reference's scripts and styles are served from. */
export const API_REFERENCE_ASSETS_PATH = '/docs/api/assets';

// Starts Swagger UI on the document of this origin. The servers list is put first as this very
// origin, so "Try it out" calls the service the page came from (the only origin connect-src allows).
const INIT_SCRIPT = `fetch('/openapi.json', { headers: { accept: 'application/json' } })
  .then(function (res) { return res.json(); })
  .then(function (spec) {
    var here = window.location.origin;
    spec.servers = [{ url: here, description: 'this service' }].concat((spec.servers || []).filter(function (s) { return s.url !== here; }));
    window.ui = SwaggerUIBundle({ spec: spec, dom_id: '#swagger-ui', deepLinking: false, tryItOutEnabled: false, presets: [SwaggerUIBundle.presets.apis], layout: 'BaseLayout', validatorUrl: null, withCredentials: false });
  });
// Swagger UI leaves its server list and its schemas' icon-only expand buttons without a name for
// assistive technology: name them whenever they are drawn.
new MutationObserver(function () {
  var servers = document.getElementById('servers');
  if (servers && !servers.hasAttribute('aria-label')) servers.setAttribute('aria-label', 'Server');
  document.querySelectorAll('.json-schema-2020-12-accordion:not([aria-label])').forEach(function (button) {
    if (button.textContent.trim() === '') button.setAttribute('aria-label', 'Show or hide the schema');
  });
}).observe(document.getElementById('swagger-ui'), { childList: true, subtree: true });
`;

// Swagger UI's own colours for some labels and buttons fall below WCAG 2.2 AA contrast on white
// (axe-core finds them): these take the NHS.UK palette's darker shades instead.
const CONTRAST_CSS = `.swagger-ui .info .title small{background:#425563!important}
.swagger-ui .info .title small.version-stamp{background:#006747!important}
.swagger-ui .btn.authorize{color:#006747!important;border-color:#006747!important}.swagger-ui .btn.authorize svg{fill:#006747!important}
.swagger-ui .btn.try-out__btn,.swagger-ui .btn.btn-clear{color:#212b32!important;border-color:#4c6272!important}
.swagger-ui .btn.execute{background-color:#005eb8!important;border-color:#005eb8!important;color:#fff!important}
.swagger-ui .download-contents{background:#425563!important;color:#fff!important}
.swagger-ui .json-schema-2020-12__constraint{background:#4c2c92!important;color:#fff!important}
.swagger-ui .highlight-code .microlight span,.swagger-ui .microlight span{color:#f0f4f5!important}
.swagger-ui .json-schema-2020-12-expand-deep-button,.swagger-ui .json-schema-2020-12__attribute--muted,.swagger-ui .json-schema-2020-12-keyword__name--secondary,.swagger-ui .json-schema-2020-12-keyword__value--secondary{color:#4c6272!important}
.swagger-ui .opblock-tag small,.swagger-ui .opblock .opblock-summary-description,.swagger-ui .parameter__in,.swagger-ui .prop-format,.swagger-ui .renderedMarkdown p,.swagger-ui table thead tr td,.swagger-ui table thead tr th,.swagger-ui .response-col_links{color:#212b32}
.swagger-ui .opblock.opblock-get .opblock-summary-method{background:#005eb8}.swagger-ui .opblock.opblock-post .opblock-summary-method{background:#006747}.swagger-ui .opblock.opblock-put .opblock-summary-method{background:#8a4b00}.swagger-ui .opblock.opblock-delete .opblock-summary-method{background:#a00000}.swagger-ui .opblock.opblock-patch .opblock-summary-method{background:#00665c}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}`;

// The reference page keeps the services' page policy unchanged (our own scripts, styles and
// images only, no framing, `connect-src 'self'` so "Try it out" calls this origin only): Swagger UI
// sets styles through the DOM, which the policy allows, and needs no inline script or style.
const referenceHeaders: RequestHandler = pageSecurityHeaders();

function swaggerUiDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('swagger-ui-dist/package.json'));
}

function renderReferencePage(title: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${API_REFERENCE_ASSETS_PATH}/swagger-ui.css"><link rel="stylesheet" href="${API_REFERENCE_ASSETS_PATH}/reference.css"></head>
<body><main><h1 class="visually-hidden">${escapeHtml(title)}</h1>
<noscript><p>This reference needs JavaScript. The machine-readable description is at <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p></noscript>
<div id="swagger-ui"></div></main>
<script src="${API_REFERENCE_ASSETS_PATH}/swagger-ui-bundle.js"></script><script src="${API_REFERENCE_ASSETS_PATH}/reference.js"></script></body></html>`;
}

const DOCUMENT_EXAMPLE = { openapi: '3.1.0', info: { title: 'Staff Passport API', version: '0.1.0' }, paths: {} };

/**
 * The two routes of a service's API description, as route table entries: `GET /openapi.json`
 * (the document generated from the same table) and `GET /docs/api` (an interactive reference,
 * Swagger UI served from the installed package, never a CDN). Serve its scripts and styles with
 * {@link apiReferenceAssets}.
 *
 * @example
 * const ROUTES = [...serviceRoutes, ...apiReferenceRoutes<Deps>((deps) => deps.openapi, 'Issuer API')];
 */
export function apiReferenceRoutes<Deps>(documentOf: (deps: Deps) => OpenApiDocument, title: string): ApiRoute<Deps, never>[] {
  const page = renderReferencePage(title);
  return [
    {
      method: 'get',
      path: '/openapi.json',
      summary: 'This document: OpenAPI 3.1, generated from the route table the service registers and validates with',
      tag: 'service',
      access: 'public',
      responses: { 200: { description: 'the OpenAPI 3.1 document', schema: { type: 'object', required: ['openapi', 'info', 'paths'] }, example: DOCUMENT_EXAMPLE } },
      handler: (deps, _req, res) => {
        res.json(documentOf(deps));
      },
    },
    {
      method: 'get',
      path: '/docs/api',
      summary: 'The interactive API reference (every operation with its schemas and examples, and "Try it out" against this service)',
      tag: 'service',
      access: 'public',
      responses: { 200: { description: 'an HTML page', contentType: 'text/html', schema: { type: 'string' }, example: '<!doctype html>...' } },
      handler: (_deps, req, res) => {
        referenceHeaders(req, res, () => undefined);
        res.type('html').send(page);
      },
    },
  ];
}

/**
 * Serves the reference page's scripts and styles under {@link API_REFERENCE_ASSETS_PATH}: Swagger
 * UI's bundle and stylesheet from the installed `swagger-ui-dist`, and our starter and contrast
 * fixes; nothing else of the package. Middleware, not routes: assets are not API operations.
 *
 * @example
 * app.use(apiReferenceAssets());
 */
export function apiReferenceAssets(): Router {
  const router = express.Router();
  const dir = swaggerUiDir();
  const generated: Record<string, { type: string; body: string }> = {
    '/reference.js': { type: 'text/javascript', body: INIT_SCRIPT },
    '/reference.css': { type: 'text/css', body: CONTRAST_CSS },
  };
  const files = new Set(['/swagger-ui-bundle.js', '/swagger-ui.css']);
  router.use(API_REFERENCE_ASSETS_PATH, (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    res.setHeader('x-content-type-options', 'nosniff');
    const own = generated[req.path];
    if (own) {
      res.type(own.type).setHeader('cache-control', 'public, max-age=86400');
      res.send(own.body);
      return;
    }
    if (!files.has(req.path)) {
      next();
      return;
    }
    res.sendFile(req.path.slice(1), { root: dir, maxAge: '1d' }, (err?: Error) => {
      if (err) next(err);
    });
  });
  return router;
}
