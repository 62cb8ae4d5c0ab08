import type { ErrorRequestHandler } from 'express';
import { PassportError, RateLimitedError } from '@staff-passport/core';

/**
 * Error middleware, mounted just before the problem handler: adds `retry-after` to a 429 from the
 * sign-in limiter, and the `WWW-Authenticate: Bearer` challenge of RFC 6750 section 3 to sign-in
 * failures (`invalid_token` for a bad token, `insufficient_scope` when no role is granted), then
 * hands the error on.
 *
 * @example
 * app.use(addAuthHeaders);
 * app.use(problemHandler(ctx.logger));
 */
export const addAuthHeaders: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  if (!res.headersSent && err instanceof PassportError) {
    if (err instanceof RateLimitedError) res.setHeader('retry-after', String(err.retryAfterSeconds));
    else if (err.code === 'ERR_AUTH_MISSING') res.setHeader('www-authenticate', 'Bearer realm="staff-passport"');
    else if (err.code === 'ERR_AUTH_INVALID' || err.code === 'ERR_OIDC_TOKEN_INVALID' || err.code === 'ERR_OIDC_NOT_CONFIGURED') {
      res.setHeader('www-authenticate', 'Bearer realm="staff-passport", error="invalid_token"');
    } else if (err.code === 'ERR_FORBIDDEN' && err.field === 'authorization') {
      res.setHeader('www-authenticate', 'Bearer realm="staff-passport", error="insufficient_scope"');
    }
  }
  next(err);
};
