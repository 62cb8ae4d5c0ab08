import { PassportError, finishOidcSignIn, startOidcSignIn, readOidcCallbackQuery, type ErrorCode, type OidcClientConfig } from '@staff-passport/core';
import { button, html, noteErrorCode, safeNextPath } from '@staff-passport/web-kit';
import type { Router } from 'express';
import { recordVerifierEvent } from '../audit/record-verifier-event.js';
import { authenticateOidcToken, getVerifierOidcConfig, providerKeysOf } from '../auth/authenticate-oidc-token.js';
import { getVerifierOrganisation } from '../organisations/get-verifier-organisation.js';
import { scopeToOrganisation } from '../organisations/scope-to-organisation.js';
import type { VerifierContext } from '../verifier-context.js';
import { clearDeskOidcState, readDeskOidcState, setDeskOidcState } from './lib/desk-oidc-state.js';
import { setDeskSession } from './lib/desk-session.js';
import { sendDeskPage } from './lib/send-desk-page.js';

const ORG_ID = /^org_[0-9a-f]{16}$/;

/**
 * The organisation's configuration when the desk may offer its provider's sign-in (it names the
 * desk's client id there).
 *
 * @example
 * const offered = await deskOidcConfig(ctx, orgId);
 */
export async function deskOidcConfig(ctx: VerifierContext, orgId: string): Promise<OidcClientConfig | undefined> {
  if (!ORG_ID.test(orgId)) return undefined;
  const config = await getVerifierOidcConfig(ctx, orgId);
  return config?.clientId ? { issuer: config.issuer, audience: config.audience, clientId: config.clientId, allowedAlgs: config.allowedAlgs } : undefined;
}

function sendProblem(res: Parameters<typeof sendDeskPage>[0], status: number, message: string, code: ErrorCode): void {
  noteErrorCode(res, code);
  sendDeskPage(res, {
    title: 'You could not be signed in',
    status,
    content: html`<h1 class="nhsuk-heading-l">You could not be signed in</h1>
      <p id="error-detail">${message}</p>
      <p class="nhsuk-body-s" id="error-code">Error code: ${code}</p>
      <p><a href="/desk/sign-in" class="nhsuk-link">Go back to the sign-in page</a></p>`,
  });
}

/**
 * Sign-in to the desk with the organisation's own OpenID provider, as the HR console does and with
 * the same protocol code (core's `startOidcSignIn`, `finishOidcSignIn`): the authorization code
 * flow for a public client with PKCE (RFC 7636), asking for an access token for the organisation's
 * audience (RFC 8707), then that token checked as any bearer token of the organisation is
 * (`authenticateOidcToken`) and kept in the desk's sealed session.
 * - `GET /desk/sign-in/oidc?org=...`: to the provider (303), the state in a sealed cookie;
 * - `GET /desk/sign-in/callback`: back from it; a page that continues to the desk.
 */
export function addOidcSignInPages(router: Router, ctx: VerifierContext): void {
  const redirectUri = `${ctx.publicUrl.replace(/\/+$/, '')}/desk/sign-in/callback`;
  const options = { allowHttpLoopback: ctx.identityProviders.allowHttpLoopback, now: ctx.now };

  router.get('/desk/sign-in/oidc', async (req, res) => {
    const orgId = typeof req.query['org'] === 'string' ? req.query['org'] : '';
    const next = safeNextPath(typeof req.query['next'] === 'string' ? req.query['next'] : undefined);
    const config = await deskOidcConfig(ctx, orgId);
    if (!config) {
      sendProblem(res, 404, 'This organisation does not let you sign in to the desk with its own accounts. Sign in with an API key.', 'ERR_OIDC_NOT_CONFIGURED');
      return;
    }
    try {
      const { authorizationUrl, state } = await startOidcSignIn(config, { orgId, redirectUri, ...(next ? { next } : {}) }, options);
      setDeskOidcState(ctx, res, state);
      res.redirect(303, authorizationUrl);
    } catch (err: unknown) {
      if (!(err instanceof PassportError)) throw err;
      sendProblem(res, 503, "Your organisation's sign-in service could not be reached. Try again later.", err.code);
    }
  });

  router.get('/desk/sign-in/callback', async (req, res) => {
    const saved = readDeskOidcState(ctx, req);
    clearDeskOidcState(ctx, res);
    if (!saved) {
      sendProblem(res, 400, 'Your sign-in took too long or was started in another browser. Start again.', 'ERR_OIDC_SIGN_IN_FAILED');
      return;
    }
    const query = readOidcCallbackQuery(req.query);
    try {
      const { accessToken, idToken } = await finishOidcSignIn(saved, query, {
        ...options,
        loadConfig: () => deskOidcConfig(ctx, saved.orgId),
        keysFor: async () => {
          const config = await getVerifierOidcConfig(ctx, saved.orgId);
          if (!config) throw new PassportError('ERR_OIDC_NOT_CONFIGURED', "this organisation's sign-in was changed: start again");
          return providerKeysOf(ctx, saved.orgId, config);
        },
      });
      // The access token is checked exactly as on every later page, and must name the person the ID token does.
      const principal = await authenticateOidcToken(ctx, accessToken, saved.orgId);
      if (principal.actor !== `oidc:${String(idToken.sub)}`) throw new PassportError('ERR_OIDC_SIGN_IN_FAILED', 'the access token and the ID token name different people');
      if (!principal.roles.includes('checker')) throw new PassportError('ERR_FORBIDDEN', 'the desk is for checkers');
      setDeskSession(ctx, res, { orgId: saved.orgId, token: accessToken, kind: 'oidc', ...(principal.displayName ? { displayName: principal.displayName } : {}) });
      await recordVerifierEvent(scopeToOrganisation(ctx, await getVerifierOrganisation(ctx, saved.orgId)), principal.actor, 'desk.sign-in', principal.actor, { method: 'oidc' });
      // A page of our own continues to the desk: the session cookie is SameSite=Strict, and this
      // request came from the provider's site, so a redirect from here would arrive without it.
      const next = saved.next ?? '/';
      sendDeskPage(res, {
        title: 'Signed in',
        head: html`<meta http-equiv="refresh" content="0;url=${next}">`,
        content: html`<h1 class="nhsuk-heading-l">Signed in</h1>
          <p>You are signed in as ${principal.displayName ?? principal.actor}.</p>
          ${button({ text: 'Continue', href: next, id: 'continue' })}`,
      });
    } catch (err: unknown) {
      if (!(err instanceof PassportError)) throw err;
      const unavailable = err.code === 'ERR_OIDC_PROVIDER_UNAVAILABLE';
      sendProblem(res, unavailable ? 503 : 401, unavailable ? "Your organisation's sign-in service could not be reached. Try again later." : 'Your organisation did not sign you in to the desk, or your account is not a checker here.', err.code);
    }
  });
}
