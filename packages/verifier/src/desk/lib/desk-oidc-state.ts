import { OIDC_SIGN_IN_TTL_MS, oidcSignInStateOf, openSealedJson, sealJson, type OidcSignInState } from '@staff-passport/core';
import { readCookie, secureCookieAttribute } from '@staff-passport/web-kit';
import type { Request, Response } from 'express';
import type { VerifierContext } from '../../verifier-context.js';

/** The cookie that carries a sign-in at the organisation's provider from the redirect to the callback. */
export const DESK_OIDC_COOKIE = 'sp_desk_oidc';

const AAD = 'staff-passport verifier desk oidc sign-in';
// Only the callback reads it. SameSite=Lax: the provider sends the browser back with a cross-site
// top-level GET, which a Strict cookie would not come with.
const ATTRIBUTES = 'Path=/desk/sign-in; HttpOnly; SameSite=Lax';

/** Keeps the sign-in's state, PKCE verifier and nonce sealed in a cookie for ten minutes. */
export function setDeskOidcState(ctx: Pick<VerifierContext, 'sessionBox' | 'publicUrl'>, res: Response, state: OidcSignInState): void {
  res.append('set-cookie', `${DESK_OIDC_COOKIE}=${sealJson(ctx.sessionBox, state, AAD)}; ${ATTRIBUTES}; Max-Age=${OIDC_SIGN_IN_TTL_MS / 1000}${secureCookieAttribute(ctx.publicUrl)}`);
}

/** Removes the cookie: each sign-in state is used once. */
export function clearDeskOidcState(ctx: Pick<VerifierContext, 'publicUrl'>, res: Response): void {
  res.append('set-cookie', `${DESK_OIDC_COOKIE}=; ${ATTRIBUTES}; Max-Age=0${secureCookieAttribute(ctx.publicUrl)}`);
}

/** The sign-in state in the request's cookie, when it opens and is whole (its expiry is checked when used). */
export function readDeskOidcState(ctx: Pick<VerifierContext, 'sessionBox'>, req: Request): OidcSignInState | undefined {
  const sealed = readCookie(req, DESK_OIDC_COOKIE);
  const parsed = sealed ? openSealedJson(ctx.sessionBox, sealed, AAD) : undefined;
  return parsed ? oidcSignInStateOf(parsed) : undefined;
}
