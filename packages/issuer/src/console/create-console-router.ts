import { PassportError, RateLimitedError, toProblem, type Logger } from '@staff-passport/core';
import { clientErrorOf, nhsukAssets, noteErrorCode, pageSecurityHeaders, html } from '@staff-passport/web-kit';
import express, { type ErrorRequestHandler, type Router } from 'express';
import type { Authenticator } from '../auth/create-authenticator.js';
import type { IssuerContext } from '../issuer-context.js';
import { addAuditPages } from './audit-pages.js';
import { addBulkPages } from './bulk/bulk-pages.js';
import { addCredentialPages } from './credential-pages.js';
import { addIssuePages } from './issue/issue-pages.js';
import { addSignInPages } from './sign-in-pages.js';
import type { ConsoleRouterOptions } from './console-router-options.js';

export type { ConsoleRouterOptions } from './console-router-options.js';
import { readConsoleSession, requireConsoleSession } from './console-session.js';
import { sendConsolePage } from './render-console-page.js';

function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed ? `${trimmed[0]!.toUpperCase()}${trimmed.slice(1)}${/[.!?]$/.test(trimmed) ? '' : '.'}` : trimmed;
}

// Errors on pages are pages: a 4xx says what went wrong in words; a 500 says nothing internal.
function pageErrors(logger: Logger): ErrorRequestHandler {
  return (raw: unknown, _req, res, _next) => {
    // A parser's or the router's own error (too large, unreadable, bad percent-encoding) is the
    // client's: it becomes a 4xx page with our code, never a 500.
    const err = clientErrorOf(raw);
    const problem = toProblem(err);
    if (problem.status >= 500) logger.error({ reqId: res.locals['requestId'], err }, 'internal error on a console page');
    if (res.headersSent) {
      res.end();
      return;
    }
    if (problem.status === 429 && err instanceof RateLimitedError) res.setHeader('retry-after', String(err.retryAfterSeconds));
    const title =
      problem.status === 404
        ? 'Page not found'
        : problem.status === 403
          ? 'You do not have permission to do this'
          : problem.status === 503
            ? 'Sorry, the service is unavailable'
            : problem.status >= 500
              ? 'Sorry, there is a problem with the service'
              : 'There is a problem';
    const detail = problem.status === 404 ? 'If you typed the web address, check it is correct. If you pasted it, check you copied all of it.' : problem.status >= 500 ? 'Try again later.' : sentence(problem.title);
    noteErrorCode(res, problem.code);
    const caller = res.locals['console'];
    sendConsolePage(res, {
      title,
      status: problem.status,
      ...(caller ? { caller } : {}),
      content: html`<h1 class="nhsuk-heading-l">${title}</h1>
        <p>${detail}</p>
        ${problem.code ? html`<p class="nhsuk-body-s">Error code: ${problem.code}</p>` : ''}
        <p><a href="/">Go to the console home page</a></p>`,
    });
  };
}

/**
 * The HR console: server-rendered pages in the NHS.UK design system at `/` and `/console/*`,
 * working without JavaScript. Sign-in (API key, or the organisation's OpenID provider) starts a
 * sealed cookie session; every page then authenticates its token exactly as the API does.
 */
export function createConsoleRouter(ctx: IssuerContext, authenticate: Authenticator, options: ConsoleRouterOptions = {}): Router {
  const router = express.Router();
  router.use(nhsukAssets());
  const secured = pageSecurityHeaders({ formAction: options.formActionOrigins ?? [] });
  router.use('/console', secured);
  router.use('/console', express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 200 }));
  const signedIn = requireConsoleSession(ctx, authenticate);

  router.get('/', secured, (req, res) => {
    res.redirect(303, readConsoleSession(ctx, req) ? '/console/home' : '/console/sign-in');
  });
  addSignInPages(router, ctx, authenticate, signedIn, options);
  addIssuePages(router, ctx, signedIn);
  addBulkPages(router, ctx, signedIn);
  addCredentialPages(router, ctx, signedIn);
  addAuditPages(router, ctx, signedIn);
  router.use('/console', (_req, _res, next) => next(new PassportError('ERR_NOT_FOUND', 'There is no page at this address.')));
  router.use('/console', pageErrors(ctx.logger));
  return router;
}
