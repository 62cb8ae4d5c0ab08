import { openSealedJson, sealJson } from '@staff-passport/core';
import { readCookie, secureCookieAttribute } from '@staff-passport/web-kit';
import type { Request, Response } from 'express';
import type { VerifierContext } from '../../verifier-context.js';

/** The desk's session cookie: sealed (AES-256-GCM under the context's session key), HttpOnly, SameSite=Strict. */
export const DESK_SESSION_COOKIE = 'sp_desk_session';

/** How long a desk session lasts without signing in again. */
export const DESK_SESSION_TTL_MS = 8 * 3_600_000;

const AAD = 'staff-passport verifier desk session';

/** What the sealed session cookie holds: the bearer token every desk page (and its polling) is signed in with. */
export interface DeskSession {
  orgId: string;
  /** An API key (`spv_...`) or the access token from the organisation's OpenID provider. */
  token: string;
  kind: 'api-key' | 'oidc';
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Who signed in, for the header. */
  displayName?: string;
}

/**
 * Starts a desk session: seals it into the cookie. The token was checked by the caller.
 *
 * @example
 * setDeskSession(ctx, res, { orgId, token: apiKey, kind: 'api-key' });
 */
export function setDeskSession(ctx: Pick<VerifierContext, 'sessionBox' | 'publicUrl' | 'now'>, res: Response, input: Omit<DeskSession, 'expiresAt'>): DeskSession {
  const session: DeskSession = { ...input, expiresAt: ctx.now().getTime() + DESK_SESSION_TTL_MS };
  res.append('set-cookie', `${DESK_SESSION_COOKIE}=${sealJson(ctx.sessionBox, session, AAD)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${DESK_SESSION_TTL_MS / 1000}${secureCookieAttribute(ctx.publicUrl)}`);
  return session;
}

/** Ends the desk session (clears the cookie). */
export function clearDeskSession(ctx: Pick<VerifierContext, 'publicUrl'>, res: Response): void {
  res.append('set-cookie', `${DESK_SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secureCookieAttribute(ctx.publicUrl)}`);
}

/** The session in the request's cookie, if one opens, parses and has not expired (altered, another secret's, or not ours: none). */
export function readDeskSession(ctx: Pick<VerifierContext, 'sessionBox' | 'now'>, req: Request): DeskSession | undefined {
  const sealed = readCookie(req, DESK_SESSION_COOKIE);
  const parsed = sealed ? openSealedJson(ctx.sessionBox, sealed, AAD) : undefined;
  if (!parsed) return undefined;
  const { orgId, token, kind, expiresAt, displayName } = parsed;
  if (typeof orgId !== 'string' || typeof token !== 'string' || (kind !== 'api-key' && kind !== 'oidc') || typeof expiresAt !== 'number') return undefined;
  if (expiresAt <= ctx.now().getTime()) return undefined;
  return { orgId, token, kind, expiresAt, ...(typeof displayName === 'string' ? { displayName } : {}) };
}
