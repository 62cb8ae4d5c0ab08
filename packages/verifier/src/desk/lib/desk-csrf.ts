import { randomBytes, timingSafeEqual } from 'node:crypto';
import { PassportError, isObject } from '@staff-passport/core';
import { readCookie, secureCookieAttribute } from '@staff-passport/web-kit';
import type { Request, Response } from 'express';

/** The desk's CSRF cookie: the same value is posted back in the form's `_csrf` field (double submit). */
export const DESK_CSRF_COOKIE = 'sp_desk_csrf';

const TOKEN = /^[A-Za-z0-9_-]{22}$/;

/**
 * The desk's CSRF token for this browser: the one in its cookie, or a new one set now. The
 * verifier has no sign-in, so a double-submit token stands in for a session's: a page on
 * another site can neither read the cookie nor (SameSite=Strict) have it sent with its post.
 */
export function deskCsrfToken(req: Request, res: Response, publicUrl: string): string {
  const held = readCookie(req, DESK_CSRF_COOKIE);
  if (held !== undefined && TOKEN.test(held)) return held;
  const token = randomBytes(16).toString('base64url');
  const secure = secureCookieAttribute(publicUrl);
  res.append('set-cookie', `${DESK_CSRF_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict${secure}`);
  return token;
}

/**
 * Checks a desk form's `_csrf` field against the cookie.
 *
 * @throws PassportError `ERR_FORBIDDEN` (field `_csrf`) when either is missing or they differ.
 */
export function checkDeskCsrf(req: Request, body: unknown): void {
  const held = readCookie(req, DESK_CSRF_COOKIE);
  const sent = isObject(body) ? body['_csrf'] : undefined;
  const ok = held !== undefined && TOKEN.test(held) && typeof sent === 'string' && sent.length === held.length && timingSafeEqual(Buffer.from(sent), Buffer.from(held));
  if (!ok) throw new PassportError('ERR_FORBIDDEN', 'This form is out of date. Go back to the start page and try again.', { field: '_csrf' });
}
