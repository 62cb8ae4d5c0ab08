import { PassportError, RateLimitedError, readOidcCallbackQuery } from '@staff-passport/core';
import { html, safeNextPath, summaryList, type FieldError, type SafeHtml } from '@staff-passport/web-kit';
import type { Request, RequestHandler, Response, Router } from 'express';
import type { AuthenticatedPrincipal, Authenticator } from '../auth/create-authenticator.js';
import type { IssuerContext } from '../issuer-context.js';
import { getOrganisation } from '../organisations/get-organisation.js';
import { checkCsrf, clearConsoleSession, consoleCallerOf, setConsoleSession, type ConsoleCaller } from './console-session.js';
import type { ConsoleRouterOptions } from './console-router-options.js';
import { countIssuedCredentials } from './credentials/count-issued-credentials.js';
import { CONSOLE_ROLES, hasConsoleRole, rolesInWords } from './lib/console-roles.js';
import { formText } from './lib/form-fields.js';
import { recordConsoleEvent } from './lib/record-console-event.js';
import { sendConsolePage } from './render-console-page.js';
import { consoleOidcConfig, finishOidcSignIn, startOidcSignIn, type OidcSignInOptions, type OidcSignInState } from './sign-in/oidc-sign-in.js';
import { clearOidcStateCookie, readOidcStateCookie, setOidcStateCookie } from './sign-in/oidc-state-cookie.js';
import { OIDC_METHOD, SIGN_IN_FIELDS, sendSignInPage, type SignInPageModel } from './sign-in/render-sign-in-page.js';

const HOME = '/console/home';
const MAX_FIELD = 2000;
const WRONG_KEY = 'The organisation or API key is not right';
const NOT_OFFERED = 'Your organisation does not offer sign-in with its own account here: check the organisation ID, or sign in with an API key';
const UNREACHABLE = "Your organisation's sign-in service cannot be reached. Try again later, or sign in with an API key";

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

function tooMany(err: RateLimitedError): string {
  return `You have tried to sign in too many times. Wait ${plural(Math.max(1, Math.ceil(err.retryAfterSeconds / 60)), 'minute')}, then try again`;
}

/** Who signed in, for the header: an OIDC user's name or email; an API key by its id. */
function displayNameOf(principal: AuthenticatedPrincipal, claims: Record<string, unknown> = {}): string {
  // The key's id is for the audit log and support, not the header: the home page folds it away.
  if (principal.kind === 'api-key') return 'API key';
  const named = [claims['name'], claims['email'], claims['preferred_username']].find((v): v is string => typeof v === 'string' && v.trim() !== '');
  return (named ?? principal.subject).slice(0, 100);
}

/** The page shown after signing in with the provider: it goes on to the console by itself. */
function sendContinuePage(res: Response, next: string): void {
  // The session cookie is SameSite=Strict, and this answer ends a navigation the provider started
  // (cross-site): a redirect would arrive without the cookie. A refresh from this page is
  // same-site, so the next page sees the session. The link is there for anyone the refresh misses.
  sendConsolePage(res, {
    title: 'Signed in',
    head: html`<meta http-equiv="refresh" content="0; url=${next}">`,
    content: html`<h1 class="nhsuk-heading-l">You are signed in</h1>
      <p><a href="${next}" id="continue">Continue to the HR console</a></p>`,
  });
}

function homeContent(caller: ConsoleCaller, counts: Awaited<ReturnType<typeof countIssuedCredentials>>): SafeHtml {
  const { org } = caller;
  const links: { text: string; href: string; hint: string; show: boolean }[] = [
    { text: 'Issue a credential', href: '/console/issue', hint: 'Fill in a form and give the person a QR code or link for their wallet.', show: hasConsoleRole(caller, CONSOLE_ROLES.changeStatus) },
    { text: 'Bulk upload', href: '/console/bulk', hint: 'Issue many credentials from an ESR export or a JSON lines file.', show: hasConsoleRole(caller, CONSOLE_ROLES.changeStatus) },
    { text: 'Issued credentials', href: '/console/credentials', hint: 'Find credentials by person and type; revoke, suspend or reinstate them.', show: hasConsoleRole(caller, CONSOLE_ROLES.viewCredentials) },
    { text: 'Audit log', href: '/console/audit', hint: 'Read who did what, and check the log has not been changed.', show: hasConsoleRole(caller, CONSOLE_ROLES.readAudit) },
  ];
  return html`<h1 class="nhsuk-heading-l"><span class="nhsuk-caption-l">HR console</span> ${org.name}</h1>
    ${summaryList([
      { key: 'ODS code', value: org.odsCode },
      { key: 'Signed in as', value: `${caller.session.displayName ?? 'a user'} (${rolesInWords(caller)})` },
    ])}
    <details class="nhsuk-details">
      <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">Technical details</span></summary>
      <div class="nhsuk-details__text">
        <p>For your organisation administrator or support: the identifiers the service and the credentials use.</p>
        ${summaryList([
          { key: 'Organisation ID', value: html`<span class="nhsuk-u-text-break-word" id="org-id">${org.id}</span>` },
          { key: 'Decentralised identifier (DID)', value: html`<span class="nhsuk-u-text-break-word" id="org-did">${org.did}</span>` },
          ...(caller.principal.kind === 'api-key' ? [{ key: 'API key ID', value: html`<span class="nhsuk-u-text-break-word" id="api-key-id">${caller.principal.keyId}</span>` }] : []),
        ])}
      </div>
    </details>
    <h2 class="nhsuk-heading-m">Issued credentials</h2>
    ${summaryList([
      { key: 'Issued', value: html`<span id="count-total">${counts.total.toLocaleString('en-GB')}</span>` },
      { key: 'Active', value: html`<span id="count-active">${counts.active.toLocaleString('en-GB')}</span>` },
      { key: 'Suspended', value: html`<span id="count-suspended">${counts.suspended.toLocaleString('en-GB')}</span>` },
      { key: 'Revoked', value: html`<span id="count-revoked">${counts.revoked.toLocaleString('en-GB')}</span>` },
    ])}
    <h2 class="nhsuk-heading-m">What do you want to do?</h2>
    <ul class="nhsuk-list">
      ${links
        .filter((l) => l.show)
        .map((l) => html`<li class="nhsuk-u-margin-bottom-4"><a href="${l.href}" class="nhsuk-u-font-size-22">${l.text}</a><br><span class="nhsuk-body-s nhsuk-u-secondary-text-colour">${l.hint}</span></li>`)}
    </ul>`;
}

/**
 * Sign-in (an API key, or the organisation's OpenID provider with the authorization code flow and
 * PKCE), sign-out and the console's home page:
 * - `GET /console/sign-in` (`?org=` names the organisation: its own sign-in first when it offers one;
 *   `?next=` where to go after), `POST /console/sign-in` (organisation ID and API key, or
 *   `method=oidc` to find the organisation's own sign-in);
 * - `GET /console/sign-in/oidc?org=` redirects to the provider, `GET /console/sign-in/callback` comes back;
 * - `POST /console/sign-out`; `GET /console/home`.
 */
export function addSignInPages(router: Router, ctx: IssuerContext, authenticate: Authenticator, signedIn: RequestHandler, options: ConsoleRouterOptions): void {
  const oidcOptions: OidcSignInOptions = { ...(options.oidc ?? {}), allowHttpLoopback: options.allowHttpLoopback ?? false };
  const redirectUri = `${ctx.publicUrl.replace(/\/$/, '')}/console/sign-in/callback`;

  const nextOf = (source: unknown): string | undefined => safeNextPath(formText(source, 'next'));

  // The organisation's name for the link to its sign-in, when it offers one in the console.
  const oidcOrgOf = async (orgId: string): Promise<SignInPageModel['oidcOrg']> => {
    if (!(await consoleOidcConfig(ctx, orgId))) return undefined;
    const org = await getOrganisation(ctx, orgId);
    return { id: org.id, name: org.name };
  };

  // An OIDC sign-in that did not work: the page again, with the link to try again when there is one.
  const oidcFailure = async (res: Response, saved: Pick<OidcSignInState, 'orgId' | 'next'> | undefined, err: unknown): Promise<void> => {
    if (!(err instanceof PassportError)) throw err;
    const oidcOrg = saved ? await oidcOrgOf(saved.orgId).catch(() => undefined) : undefined;
    const field = oidcOrg ? SIGN_IN_FIELDS.oidcLink : SIGN_IN_FIELDS.orgId;
    let message: string;
    if (err instanceof RateLimitedError) message = tooMany(err);
    else if (err.code === 'ERR_OIDC_PROVIDER_UNAVAILABLE') message = UNREACHABLE;
    else if (err.code === 'ERR_OIDC_NOT_CONFIGURED' || err.code === 'ERR_ORG_NOT_FOUND') message = NOT_OFFERED;
    else if (err.code === 'ERR_FORBIDDEN') message = 'Your account does not give you a role in the HR console. Ask your organisation administrator for access';
    else if (err.code === 'ERR_OIDC_TOKEN_INVALID') message = "Your organisation's sign-in service gave a sign-in the HR console cannot accept. Ask your organisation administrator to check its set-up";
    else message = "Your organisation's sign-in service did not sign you in. Try again, or sign in with an API key";
    const status = err instanceof RateLimitedError ? 429 : err.code === 'ERR_OIDC_PROVIDER_UNAVAILABLE' ? 503 : err.code === 'ERR_FORBIDDEN' ? 403 : 401;
    if (err instanceof RateLimitedError) res.setHeader('retry-after', String(err.retryAfterSeconds));
    ctx.logger.info({ code: err.code, orgId: saved?.orgId }, 'console sign-in with an OpenID provider failed');
    sendSignInPage(res, {
      ...(oidcOrg ? { oidcOrg } : {}),
      ...(saved ? { orgId: saved.orgId } : {}),
      ...(saved?.next ? { next: saved.next } : {}),
      errors: [{ field, message }],
      status,
    });
  };

  router.get('/console/sign-in', async (req, res) => {
    const next = nextOf(req.query);
    const banner = req.query['signed-out'] !== undefined ? 'signed-out' : req.query['expired'] !== undefined ? 'expired' : undefined;
    const base: SignInPageModel = { ...(next ? { next } : {}), ...(banner ? { banner } : {}) };
    if (req.query['org'] === undefined) {
      sendSignInPage(res, base);
      return;
    }
    // A link naming the organisation: its own sign-in first when it offers one, else the API key form, filled in.
    const orgId = formText(req.query, 'org').slice(0, MAX_FIELD);
    const oidcOrg = orgId === '' ? undefined : await oidcOrgOf(orgId);
    sendSignInPage(res, { ...base, ...(orgId === '' ? {} : { orgId }), ...(oidcOrg ? { oidcOrg } : {}) });
  });

  router.post('/console/sign-in', async (req, res) => {
    const orgId = formText(req.body, 'orgId').slice(0, MAX_FIELD);
    // An API key is never trimmed of more than the form's own whitespace, and never shown again.
    const apiKey = formText(req.body, 'apiKey').slice(0, MAX_FIELD);
    const next = nextOf(req.body);
    const model: SignInPageModel = { orgId, ...(next ? { next } : {}) };
    // Login CSRF: another site's form must not sign this browser in to someone else's session.
    // Browsers say where a request comes from (Fetch Metadata); one from another site is refused.
    if (req.get('sec-fetch-site') === 'cross-site') {
      sendSignInPage(res, { ...model, status: 403, errors: [{ field: SIGN_IN_FIELDS.orgId, message: 'Sign in from this page, not from a link or form on another website' }] });
      return;
    }
    const errors: FieldError[] = [];
    if (orgId === '') errors.push({ field: SIGN_IN_FIELDS.orgId, message: 'Enter your organisation ID' });
    if (formText(req.body, 'method') === OIDC_METHOD) {
      // "Continue with your organisation's account": the page again, leading with its sign-in link.
      const oidcOrg = orgId === '' ? undefined : await oidcOrgOf(orgId);
      if (!oidcOrg && orgId !== '') errors.push({ field: SIGN_IN_FIELDS.orgId, message: NOT_OFFERED });
      sendSignInPage(res, { ...model, ...(oidcOrg ? { oidcOrg } : {}), errors });
      return;
    }
    if (apiKey === '') errors.push({ field: SIGN_IN_FIELDS.apiKey, message: 'Enter your API key' });
    if (errors.length > 0) {
      sendSignInPage(res, { ...model, errors });
      return;
    }
    let principal: AuthenticatedPrincipal;
    try {
      principal = await authenticate({ headers: { authorization: `Bearer ${apiKey}` }, ip: req.ip, socket: req.socket }, orgId);
    } catch (err: unknown) {
      if (!(err instanceof PassportError)) throw err;
      if (err instanceof RateLimitedError) {
        res.setHeader('retry-after', String(err.retryAfterSeconds));
        sendSignInPage(res, { ...model, status: 429, errors: [{ field: SIGN_IN_FIELDS.apiKey, message: tooMany(err) }] });
      } else if (err.code === 'ERR_OIDC_PROVIDER_UNAVAILABLE') {
        sendSignInPage(res, { ...model, status: 503, errors: [{ field: SIGN_IN_FIELDS.apiKey, message: 'Your sign-in could not be checked. Try again later' }] });
      } else {
        // The same words whatever was wrong: no one learns which organisations or keys exist.
        sendSignInPage(res, { ...model, status: 401, errors: [{ field: SIGN_IN_FIELDS.apiKey, message: WRONG_KEY }] });
      }
      return;
    }
    setConsoleSession(ctx, res, { orgId, token: apiKey, kind: principal.kind, displayName: displayNameOf(principal) });
    await recordConsoleEvent(ctx, { orgId, actor: principal.keyId, action: 'console.sign-in', detail: { method: principal.kind } });
    res.redirect(303, next ?? HOME);
  });

  router.get('/console/sign-in/oidc', async (req, res) => {
    const orgId = formText(req.query, 'org').slice(0, MAX_FIELD);
    const next = nextOf(req.query);
    try {
      const { authorizationUrl, state } = await startOidcSignIn(ctx, { orgId, redirectUri, ...(next ? { next } : {}) }, oidcOptions);
      setOidcStateCookie(ctx, res, state);
      res.redirect(303, authorizationUrl);
    } catch (err: unknown) {
      await oidcFailure(res, { orgId, ...(next ? { next } : {}) }, err);
    }
  });

  router.get('/console/sign-in/callback', async (req, res) => {
    const saved = readOidcStateCookie(ctx, req);
    clearOidcStateCookie(ctx, res);
    if (!saved) {
      sendSignInPage(res, {
        status: 400,
        errors: [{ field: SIGN_IN_FIELDS.orgId, message: 'Your sign-in took too long or was started in another browser. Enter your organisation ID to start again' }],
      });
      return;
    }
    const query = readOidcCallbackQuery(req.query);
    try {
      const { accessToken, idToken } = await finishOidcSignIn(ctx, saved, query, oidcOptions);
      // The access token is checked exactly as on an API call (issuer, audience, keys, roles), and
      // must name the person the ID token does.
      const principal = await authenticate({ headers: { authorization: `Bearer ${accessToken}` }, ip: req.ip, socket: req.socket }, saved.orgId);
      if (principal.kind !== 'oidc' || principal.subject !== idToken.sub) {
        throw new PassportError('ERR_OIDC_SIGN_IN_FAILED', 'the access token and the ID token name different people');
      }
      setConsoleSession(ctx, res, { orgId: saved.orgId, token: accessToken, kind: 'oidc', displayName: displayNameOf(principal, idToken) });
      await recordConsoleEvent(ctx, { orgId: saved.orgId, actor: principal.keyId, action: 'console.sign-in', detail: { method: 'oidc' } });
      sendContinuePage(res, saved.next ?? HOME);
    } catch (err: unknown) {
      await oidcFailure(res, saved, err);
    }
  });

  router.post('/console/sign-out', signedIn, async (req, res) => {
    const caller = consoleCallerOf(res);
    checkCsrf(caller, req.body);
    clearConsoleSession(ctx, res);
    await recordConsoleEvent(ctx, { orgId: caller.org.id, actor: caller.principal.keyId, action: 'console.sign-out' });
    res.redirect(303, '/console/sign-in?signed-out=1');
  });

  router.get('/console/home', signedIn, async (_req: Request, res) => {
    const caller = consoleCallerOf(res);
    sendConsolePage(res, { title: 'Home', caller, section: 'home', content: homeContent(caller, await countIssuedCredentials(ctx, caller.org.id)) });
  });
}
