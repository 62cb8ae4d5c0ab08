import { PassportError, toProblem, type Logger } from '@staff-passport/core';
import { clientErrorOf, html, nhsukAssets, noteErrorCode, pageSecurityHeaders } from '@staff-passport/web-kit';
import express, { type ErrorRequestHandler, type Router } from 'express';
import type { VerifierContext } from '../verifier-context.js';
import { requireDeskSession, type DeskTokenCheck } from './lib/desk-sign-in.js';
import { DESK_CSS, DESK_REQUEST_SCRIPT } from './lib/desk-assets.js';
import { DESK_ASSETS_PATH, sendDeskPage } from './lib/send-desk-page.js';
import { addRequestPage } from './request-page.js';
import { addResultPage } from './result-page.js';
import { addOidcSignInPages } from './oidc-sign-in-page.js';
import { addSignInPage, type DeskKeyCheck } from './sign-in-page.js';
import { addStartPage } from './start-page.js';

const isDeskPath = (path: string): boolean => path === '/' || path === '/desk' || path.startsWith('/desk/');

// Errors on desk pages are pages: a 4xx says what went wrong in words; a 500 says nothing internal.
// Errors of other routes pass on to the app's problem+json handler.
function pageErrors(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (!isDeskPath(req.path)) {
      next(err);
      return;
    }
    // The form parser's and the router's own errors (bad percent-encoding too) are bad input, never a 500.
    const error = clientErrorOf(err);
    const problem = toProblem(error);
    if (problem.status >= 500) logger.error({ reqId: res.locals['requestId'], err: error }, 'internal error on a desk page');
    if (res.headersSent) {
      res.end();
      return;
    }
    const title = problem.status === 404 ? 'Page not found' : problem.status >= 500 ? 'Sorry, there is a problem with the service' : 'There is a problem';
    const detail = problem.status >= 500 ? 'Try again later.' : problem.title;
    noteErrorCode(res, problem.code);
    sendDeskPage(res, {
      title,
      status: problem.status,
      content: html`<h1 class="nhsuk-heading-l">${title}</h1>
        <p id="error-detail">${detail}</p>
        <p class="nhsuk-body-s" id="error-code">Error code: ${problem.code}</p>
        <p><a href="/" class="nhsuk-link">Go to the start page</a></p>`,
    });
  };
}

/** How the desk signs people in: the app's authenticator, so the API and the desk count failures together. */
export interface DeskSignIn {
  /** Signs in an API key typed on the sign-in page. */
  checkKey: DeskKeyCheck;
  /** Signs a session's token in again, on every page. */
  checkSession: DeskTokenCheck;
}

/**
 * The verifier desk: server-rendered pages in the NHS.UK design system for the receiving
 * employer's HR team, working without JavaScript (a same-origin script polls for the answer).
 * - `GET /`: "Check a new starter" (check profile, start date; CSRF double-submit token);
 * - `POST /desk/requests`: creates the OpenID4VP request, 303 to its page (400 with the NHS error summary);
 * - `GET /desk/requests/{id}`: the QR code and same-device link while waiting; refused; expired;
 * - `GET /desk/requests/{id}/result`: the report (ready to start or needs action) and the downloads;
 * - `GET /desk/assets/desk.css|desk-request.js`, and the NHS.UK frontend's files under `/assets/nhsuk`.
 * Mount it before the app's JSON body parser (its form is URL-encoded). Errors under `/` and
 * `/desk` are pages (404 for an unknown request), never problem+json.
 *
 * - `GET|POST /desk/sign-in`, `POST /desk/sign-out`: sign-in with a checker's API key (a sealed session cookie);
 * - `GET /desk/sign-in/oidc`, `/desk/sign-in/callback`: or with the organisation's OpenID provider (PKCE).
 * Every page but the sign-in page is behind sign-in: a checker of an organisation, who sees that
 * organisation's profiles, requests and results only.
 *
 * @example
 * app.use(createDeskRouter(ctx, { checkKey, checkSession }));
 */
export function createDeskRouter(ctx: VerifierContext, signIn: DeskSignIn): Router {
  const router = express.Router();
  router.use(nhsukAssets());
  const secured = pageSecurityHeaders();
  router.get(`${DESK_ASSETS_PATH}/desk.css`, (_req, res) => {
    res.type('text/css').setHeader('cache-control', 'public, max-age=3600');
    res.send(DESK_CSS);
  });
  router.get(`${DESK_ASSETS_PATH}/desk-request.js`, (_req, res) => {
    res.type('text/javascript').setHeader('cache-control', 'public, max-age=3600');
    res.send(DESK_REQUEST_SCRIPT);
  });
  router.use('/desk', secured);
  router.get('/', secured);
  addSignInPage(router, ctx, signIn.checkKey);
  addOidcSignInPages(router, ctx);
  const signedIn = requireDeskSession(ctx, signIn.checkSession);
  router.get('/', signedIn);
  router.use('/desk', signedIn);
  addStartPage(router);
  addRequestPage(router);
  addResultPage(router);
  router.use('/desk', (_req, _res, next) => next(new PassportError('ERR_NOT_FOUND', 'There is no page at this address.')));
  router.use(pageErrors(ctx.logger));
  return router;
}
