import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type RequestHandler, type Router } from 'express';

/** Where pages load the NHS.UK frontend's CSS, JavaScript and images from. */
export const NHSUK_ASSETS_PATH = '/assets/nhsuk';

/** The NHS.UK template's one inline script: it marks the body as able to run the components' JavaScript. */
export const JS_ENABLED_SCRIPT = "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' nhsuk-frontend-supported' : '');";

const JS_ENABLED_HASH = `'sha256-${createHash('sha256').update(JS_ENABLED_SCRIPT).digest('base64')}'`;

/** The folder of the installed `nhsuk-frontend` package's built files (`dist/nhsuk`). */
export function nhsukDistDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('nhsuk-frontend/package.json')), 'dist', 'nhsuk');
}

/**
 * Serves the NHS.UK frontend's built CSS, JavaScript and images under {@link NHSUK_ASSETS_PATH},
 * and `init.js` that starts its components, without the licensed web font (cached for a day: the files change only with the package).
 *
 * @example
 * app.use(nhsukAssets());
 */
export function nhsukAssets(): Router {
  const router = express.Router();
  // The frontend's bundle is an ES module that exports initAll: init.js starts every component.
  router.get(`${NHSUK_ASSETS_PATH}/init.js`, (_req, res) => {
    res.type('text/javascript').setHeader('cache-control', 'public, max-age=86400');
    res.send("import { initAll } from './nhsuk-frontend.min.js';\ninitAll();\n");
  });
  // The stylesheet loads the Frutiger web font from assets.nhs.uk, which is licensed for NHS
  // services only and would be a request off the machine: the @font-face rules are dropped and
  // the frontend's own fallback (Arial) is used.
  let css: string | undefined;
  router.get(`${NHSUK_ASSETS_PATH}/nhsuk-frontend.min.css`, (_req, res) => {
    css ??= readFileSync(join(nhsukDistDir(), 'nhsuk-frontend.min.css'), 'utf8')
      .replace(/@font-face\{[^}]*\}/g, '')
      .replace(/\/\*# sourceMappingURL=[^*]*\*\//, '');
    res.type('text/css').setHeader('cache-control', 'public, max-age=86400');
    res.send(css);
  });
  router.use(NHSUK_ASSETS_PATH, express.static(nhsukDistDir(), { index: false, maxAge: '1d', fallthrough: false, dotfiles: 'deny' }));
  return router;
}

/**
 * Security headers for server-rendered pages: a content security policy that allows only our own
 * scripts, styles and images (plus the template's inline script, by hash), no framing, forms only
 * to ourselves (and `formAction` origins, such as an OpenID provider a sign-in form redirects to); no referrer; no caching of pages that may show personal data.
 *
 * @example
 * router.use('/console', pageSecurityHeaders());
 */
export function pageSecurityHeaders(options: { formAction?: string[] } = {}): RequestHandler {
  const policy = [
    "default-src 'self'",
    `script-src 'self' ${JS_ENABLED_HASH}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    ["form-action 'self'", ...(options.formAction ?? [])].join(' '),
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
  return (_req, res, next) => {
    res.setHeader('content-security-policy', policy);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cache-control', 'no-store');
    next();
  };
}
