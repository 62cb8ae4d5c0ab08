import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { PassportError, openCors } from '@staff-passport/core';
import { createSignInLimiter, type SignInLimiter } from '../../auth/create-sign-in-limiter.js';
import { RateLimitedError } from '../../auth/rate-limited-error.js';
import type { IssuerContext } from '../../issuer-context.js';
import {
  buildAuthorizationServerMetadata,
  buildCredentialIssuerMetadata,
  exchangePreAuthorizedCode,
  getCredentialOfferJson,
  issueNonce,
  receiveNotification,
  requestCredential,
  requestDeferredCredential,
  toOauthError,
  type Oid4vciEndpoint,
} from '../../oid4vci/index.js';
import { getOrganisation } from '../../organisations/get-organisation.js';
import type { Organisation } from '../../organisations/organisation.js';
import { orgIdOf } from '../request-helpers.js';

const PROTOCOL_POST = /^\/orgs\/[^/]+\/oid4vci\/(token|nonce|credential|deferred-credential|notification)\/?$/;
const OFFER_ID = /^off_[0-9a-f]{32}$/;
const parseForm = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 50 });
const parseJson = express.json({ limit: '1mb', strict: true, type: () => true });

/**
 * Whether a request is a POST to an OpenID4VCI protocol endpoint: those read their own bodies
 * (the token endpoint is form-encoded, the nonce endpoint has none) and answer errors the OAuth
 * way, so the app's JSON body parser leaves them alone.
 */
export function isOid4vciProtocolRequest(req: { method: string; path: string }): boolean {
  return req.method === 'POST' && PROTOCOL_POST.test(req.path);
}

// Wallets in browsers call these endpoints from other origins (metadata, offers, protocol).
const cors = openCors();

function runParser(parser: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    void parser(req, res, (err?: unknown) => (err === undefined || err === null ? resolve() : reject(err as Error)));
  });
}

async function readBody(req: Request, res: Response, kind: 'form' | 'json'): Promise<unknown> {
  const expected = kind === 'form' ? 'application/x-www-form-urlencoded' : ['application/json', 'application/*+json'];
  if (!req.is(expected)) {
    throw new PassportError('ERR_UNSUPPORTED_MEDIA_TYPE', kind === 'form' ? 'send the token request form-encoded (application/x-www-form-urlencoded)' : 'send the request as application/json', {
      field: 'content-type',
    });
  }
  try {
    await runParser(kind === 'form' ? parseForm : parseJson, req, res);
  } catch (err: unknown) {
    const type = (err as { type?: string } | null)?.type;
    if (type === 'entity.too.large') throw new PassportError('ERR_BODY_TOO_LARGE', 'the body is over the size limit', { field: 'body', cause: err });
    throw new PassportError(kind === 'form' ? 'ERR_REQUEST_INVALID' : 'ERR_JSON_MALFORMED', 'the body could not be read', { field: 'body', cause: err });
  }
  return req.body as unknown;
}

function protocolRoute(
  ctx: IssuerContext,
  endpoint: Oid4vciEndpoint,
  handle: (req: Request, res: Response, org: Organisation) => Promise<void>,
  limiter?: SignInLimiter,
): RequestHandler {
  return async (req, res) => {
    const org = await getOrganisation(ctx, orgIdOf(req));
    res.setHeader('cache-control', 'no-store');
    const caller = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    try {
      limiter?.check(caller);
      await handle(req, res, org);
    } catch (err: unknown) {
      if (!(err instanceof PassportError)) throw err;
      if (err instanceof RateLimitedError) {
        // RFC 6585: 429 with Retry-After; the OAuth body keeps the wallet's error parsing working.
        res.setHeader('retry-after', String(err.retryAfterSeconds));
        res.status(429).json({ error: 'invalid_request', error_description: 'too many failed token requests: try again later', code: err.code });
        return;
      }
      limiter?.fail(caller);
      const answer = toOauthError(err, endpoint);
      if (answer.wwwAuthenticate) res.setHeader('www-authenticate', answer.wwwAuthenticate);
      res.status(answer.status).json(answer.body);
    }
  };
}

/** Options for {@link addOid4vciRoutes}. */
export interface Oid4vciRouteOptions {
  /**
   * Limits failed token requests per client address (default: a burst of 30, then 10 a minute),
   * on top of the five tries each offer allows its transaction code; `false` turns it off.
   */
  tokenLimiter?: SignInLimiter | false;
}

/**
 * The wallet-facing OpenID4VCI 1.0 endpoints of every organisation (no HR sign-in, CORS open):
 * credential issuer and authorisation server metadata at their well-known URLs, offers by
 * reference, and the token, nonce, credential, deferred credential and notification endpoints
 * under `/orgs/{orgId}/oid4vci/`. Failed token requests are limited per client address
 * (`ERR_RATE_LIMITED`, 429 with `retry-after`).
 */
export function addOid4vciRoutes(router: Router, ctx: IssuerContext, options: Oid4vciRouteOptions = {}): void {
  // Guessing codes across many offers from one address is refused (429) before the per-offer lock.
  const tokenLimiter = options.tokenLimiter === false ? undefined : (options.tokenLimiter ?? createSignInLimiter({ burst: 30, perMinute: 10 }));
  router.use(['/.well-known/openid-credential-issuer', '/.well-known/oauth-authorization-server', '/orgs/:orgId/oid4vci'], cors);

  router.get('/.well-known/openid-credential-issuer/orgs/:orgId', async (req, res) => {
    const org = await getOrganisation(ctx, orgIdOf(req));
    res.setHeader('cache-control', 'public, max-age=300');
    res.json(buildCredentialIssuerMetadata(ctx.publicUrl, org));
  });

  router.get('/.well-known/oauth-authorization-server/orgs/:orgId', async (req, res) => {
    const org = await getOrganisation(ctx, orgIdOf(req));
    res.setHeader('cache-control', 'public, max-age=300');
    res.json(buildAuthorizationServerMetadata(ctx.publicUrl, org));
  });

  // The credential_offer_uri target (OpenID4VCI 1.0, section 4.1.3): the offer JSON while unused.
  router.get('/orgs/:orgId/oid4vci/offers/:offerId', async (req, res) => {
    const orgId = orgIdOf(req);
    const offerId = req.params['offerId'];
    if (typeof offerId !== 'string' || !OFFER_ID.test(offerId)) throw new PassportError('ERR_OFFER_NOT_FOUND', 'no credential offer with that id', { field: 'offerId' });
    const json = await getCredentialOfferJson(ctx, orgId, offerId);
    res.setHeader('cache-control', 'no-store');
    res.type('application/json').send(json);
  });

  router.post(
    '/orgs/:orgId/oid4vci/token',
    protocolRoute(ctx, 'token', async (req, res, org) => {
      const form = (await readBody(req, res, 'form')) as Record<string, unknown>;
      res.json(await exchangePreAuthorizedCode(ctx, org.id, form));
    }, tokenLimiter),
  );

  router.post(
    '/orgs/:orgId/oid4vci/nonce',
    protocolRoute(ctx, 'credential', async (_req, res, org) => {
      res.json(await issueNonce(ctx, org.id));
    }),
  );

  router.post(
    '/orgs/:orgId/oid4vci/credential',
    protocolRoute(ctx, 'credential', async (req, res, org) => {
      const body = await readBody(req, res, 'json');
      const result = await requestCredential(ctx, org, req.get('authorization'), body);
      res.status(result.status).json(result.body);
    }),
  );

  router.post(
    '/orgs/:orgId/oid4vci/deferred-credential',
    protocolRoute(ctx, 'deferred-credential', async (req, res, org) => {
      const body = await readBody(req, res, 'json');
      const result = await requestDeferredCredential(ctx, org, req.get('authorization'), body);
      res.status(result.status).json(result.body);
    }),
  );

  router.post(
    '/orgs/:orgId/oid4vci/notification',
    protocolRoute(ctx, 'notification', async (req, res, org) => {
      const body = await readBody(req, res, 'json');
      await receiveNotification(ctx, org, req.get('authorization'), body);
      res.status(204).end();
    }),
  );
}
