import { randomBytes, timingSafeEqual } from 'node:crypto';
import { PassportError, isObject } from '@staff-passport/core';
import type { Request, RequestHandler, Response } from 'express';
import type { AuthenticatedPrincipal, Authenticator } from '../auth/create-authenticator.js';
import type { IssuerContext } from '../issuer-context.js';
import { getOrganisation } from '../organisations/get-organisation.js';
import type { Organisation } from '../organisations/organisation.js';
import { openSealedJson, readCookie, sealJson, secureAttribute } from './lib/cookies.js';

/** The console's session cookie: sealed (AES-256-GCM under the secret), HttpOnly, SameSite=Strict. */
export const SESSION_COOKIE = 'sp_console';

/** How long a console session lasts without signing in again. */
export const SESSION_TTL_MS = 8 * 3_600_000;

const SESSION_AAD = 'staff-passport console session';

/** What the sealed session cookie holds: the bearer token every page call is authenticated with. */
export interface ConsoleSession {
  orgId: string;
  /** An API key (`sp_...`) or the OIDC access token from the organisation's identity provider. */
  token: string;
  kind: 'api-key' | 'oidc';
  /** The double-submit token every form posts back (`_csrf`). */
  csrf: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Who signed in, for the header (an OIDC name or email; the API key's id). */
  displayName?: string;
}

/** The signed-in caller of a console page (`res.locals.console`). */
export interface ConsoleCaller {
  session: ConsoleSession;
  org: Organisation;
  principal: AuthenticatedPrincipal;
}

function secureFlag(ctx: IssuerContext): string {
  return secureAttribute(ctx.publicUrl);
}

/**
 * Starts a console session: seals it into the cookie. The token was checked by the caller.
 *
 * @example
 * setConsoleSession(ctx, res, { orgId, token: apiKey, kind: 'api-key' });
 */
export function setConsoleSession(ctx: IssuerContext, res: Response, input: Pick<ConsoleSession, 'orgId' | 'token' | 'kind' | 'displayName'>): ConsoleSession {
  const session: ConsoleSession = { ...input, csrf: randomBytes(16).toString('base64url'), expiresAt: ctx.now().getTime() + SESSION_TTL_MS };
  const sealed = sealJson(ctx.secretBox, session, SESSION_AAD);
  res.append('set-cookie', `${SESSION_COOKIE}=${sealed}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_TTL_MS / 1000}${secureFlag(ctx)}`);
  return session;
}

/** Ends the console session (clears the cookie). */
export function clearConsoleSession(ctx: IssuerContext, res: Response): void {
  res.append('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secureFlag(ctx)}`);
}

/** The session in the request's cookie, if there is one that opens, parses and has not expired. */
export function readConsoleSession(ctx: IssuerContext, req: Request): ConsoleSession | undefined {
  const sealed = readCookie(req, SESSION_COOKIE);
  // A cookie from another secret, altered, or not ours: treated as signed out.
  const parsed = sealed ? openSealedJson(ctx.secretBox, sealed, SESSION_AAD) : undefined;
  if (!parsed) return undefined;
  const { orgId, token, kind, csrf, expiresAt, displayName } = parsed;
  if (typeof orgId !== 'string' || typeof token !== 'string' || (kind !== 'api-key' && kind !== 'oidc') || typeof csrf !== 'string' || typeof expiresAt !== 'number') return undefined;
  if (expiresAt <= ctx.now().getTime()) return undefined;
  return { orgId, token, kind, csrf, expiresAt, ...(typeof displayName === 'string' ? { displayName } : {}) };
}

/**
 * Console pages' sign-in step: the session's token goes through the same authenticator as the
 * API (so roles, revoked keys and the OIDC provider's checks all apply on every page). A missing
 * or expired session, or a token no longer accepted, sends the browser to the sign-in page.
 */
export function requireConsoleSession(ctx: IssuerContext, authenticate: Authenticator): RequestHandler {
  return async (req, res, next) => {
    const session = readConsoleSession(ctx, req);
    if (!session) {
      // Back to the page after signing in; a form post is not repeated (its page is shown instead).
      res.redirect(303, req.method === 'GET' ? `/console/sign-in?next=${encodeURIComponent(req.originalUrl)}` : '/console/sign-in');
      return;
    }
    let principal: AuthenticatedPrincipal;
    try {
      principal = await authenticate({ headers: { authorization: `Bearer ${session.token}` }, ip: req.ip, socket: req.socket }, session.orgId);
    } catch (e: unknown) {
      if (e instanceof PassportError && e.code !== 'ERR_OIDC_PROVIDER_UNAVAILABLE' && e.code !== 'ERR_RATE_LIMITED') {
        clearConsoleSession(ctx, res);
        res.redirect(303, '/console/sign-in?expired=1');
        return;
      }
      throw e;
    }
    const org = await getOrganisation(ctx, session.orgId);
    const caller: ConsoleCaller = { session, org, principal };
    res.locals['console'] = caller;
    next();
  };
}

/** The caller set by {@link requireConsoleSession}. */
export function consoleCallerOf(res: Response): ConsoleCaller {
  const caller = res.locals['console'] as ConsoleCaller | undefined;
  if (!caller) throw new Error('requireConsoleSession must run before this handler');
  return caller;
}

/**
 * Checks a form's `_csrf` field against the session's (the cookie is SameSite=Strict as well).
 *
 * @throws PassportError `ERR_FORBIDDEN` (field `_csrf`) when it is missing or wrong.
 */
export function checkCsrf(caller: ConsoleCaller, body: unknown): void {
  const sent = isObject(body) ? body['_csrf'] : undefined;
  const expected = Buffer.from(caller.session.csrf);
  if (typeof sent !== 'string' || sent.length !== expected.length || !timingSafeEqual(Buffer.from(sent), expected)) {
    throw new PassportError('ERR_FORBIDDEN', 'the form is out of date: reload the page and try again', { field: '_csrf' });
  }
}
