import { oidcSignInStateOf } from '@staff-passport/core';
import type { Request, Response } from 'express';
import type { IssuerContext } from '../../issuer-context.js';
import { openSealedJson, readCookie, sealJson, secureAttribute } from '../lib/cookies.js';
import { OIDC_SIGN_IN_TTL_MS, type OidcSignInState } from './oidc-sign-in.js';

/** The cookie that carries a sign-in at the organisation's provider from the redirect to the callback. */
export const OIDC_STATE_COOKIE = 'sp_console_oidc';

const AAD = 'staff-passport console oidc sign-in';
// Only the callback reads it. SameSite=Lax, not Strict: the provider sends the browser back with a
// cross-site top-level GET, and a Strict cookie would not come with it.
const ATTRIBUTES = 'Path=/console/sign-in; HttpOnly; SameSite=Lax';

/** Keeps the sign-in's state, PKCE verifier and nonce in a sealed cookie (AES-256-GCM) for ten minutes. */
export function setOidcStateCookie(ctx: IssuerContext, res: Response, state: OidcSignInState): void {
  const sealed = sealJson(ctx.secretBox, state, AAD);
  res.append('set-cookie', `${OIDC_STATE_COOKIE}=${sealed}; ${ATTRIBUTES}; Max-Age=${OIDC_SIGN_IN_TTL_MS / 1000}${secureAttribute(ctx.publicUrl)}`);
}

/** Removes the cookie: each sign-in state is used once. */
export function clearOidcStateCookie(ctx: IssuerContext, res: Response): void {
  res.append('set-cookie', `${OIDC_STATE_COOKIE}=; ${ATTRIBUTES}; Max-Age=0${secureAttribute(ctx.publicUrl)}`);
}

/** The sign-in state in the request's cookie, when it opens and is whole (its expiry is checked when it is used). */
export function readOidcStateCookie(ctx: IssuerContext, req: Request): OidcSignInState | undefined {
  const sealed = readCookie(req, OIDC_STATE_COOKIE);
  // Altered, from another secret, or not ours: as if there were none.
  const parsed = sealed ? openSealedJson(ctx.secretBox, sealed, AAD) : undefined;
  return parsed ? oidcSignInStateOf(parsed) : undefined;
}
