import type { IssuerContext } from '../../issuer-context.js';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { PassportError, RateLimitedError } from '@staff-passport/core';
import { jsonSchema as s, openCors } from '@staff-passport/web-kit';
import { AUTHORIZATION_CODE_GRANT, buildCollectionMetadata, exchangeAuthorizationCode } from '../../collect/index.js';
import {
  buildAuthorizationServerMetadata,
  buildCredentialIssuerMetadata,
  exchangePreAuthorizedCode,
  getCredentialOfferJson,
  listOfferableTypes,
  issueNonce,
  receiveNotification,
  requestCredential,
  requestDeferredCredential,
  NOTIFICATION_EVENTS,
  PRE_AUTHORIZED_CODE_GRANT,
  toOauthError,
  type Oid4vciEndpoint,
} from '../../oid4vci/index.js';
import { getOrganisation } from '../../organisations/get-organisation.js';
import type { Organisation } from '../../organisations/organisation.js';
import { EXAMPLE, PARAM, type IssuerRoute, type IssuerRouteDeps } from '../issuer-route.js';
import { orgIdOf } from '../request-helpers.js';

const PROTOCOL_POST = /^\/orgs\/[^/]+\/oid4vci\/(token|nonce|credential|deferred-credential|notification)\/?$/;
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

/** The paths wallets in browsers call from other origins (metadata, offers, protocol): CORS open. */
export const OID4VCI_CORS_PATHS = ['/.well-known/openid-credential-issuer', '/.well-known/oauth-authorization-server', '/orgs/:orgId/oid4vci', '/orgs/:orgId/.well-known'];

/** Open CORS for {@link OID4VCI_CORS_PATHS}. */
export const oid4vciCors: RequestHandler = openCors();

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
  endpoint: Oid4vciEndpoint,
  handle: (deps: IssuerRouteDeps, req: Request, res: Response, org: Organisation) => Promise<void>,
  limited = false,
): IssuerRoute['handler'] {
  return async (deps, req, res) => {
    const org = await getOrganisation(deps.ctx, orgIdOf(req));
    res.setHeader('cache-control', 'no-store');
    const caller = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const limiter = limited ? deps.tokenLimiter : undefined;
    try {
      limiter?.check(caller);
      await handle(deps, req, res, org);
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

const JWT = 'eyJhbGciOiJFZERTQSJ9.eyJ...fQ.c2ln';
const ISSUER_URL = `https://issuer.example.nhs.uk/orgs/${EXAMPLE.orgId}`;
const credentialsAnswer = s.object({ credentials: s.array(s.object({ credential: { anyOf: [s.string(), s.anyObject('an ldp_vc credential')] } }, ['credential'])), notification_id: s.string() }, ['credentials', 'notification_id']);
const deferredAnswer = s.object({ transaction_id: s.string(), interval: s.integer({ description: 'seconds to wait before asking again' }) }, ['transaction_id', 'interval']);
const CREDENTIALS_EXAMPLE = { credentials: [{ credential: JWT }], notification_id: 'ntf_0a1b2c3d4e5f' };
const DEFERRED_EXAMPLE = { transaction_id: 'txn_0a1b2c3d4e5f', interval: 5 };
// The protocol endpoints read and check their own bodies, and answer errors the OAuth way with OpenID4VCI's error codes.
const handlerChecked = { validation: 'handler' } as const;
const protocol = { access: 'public', tag: 'oid4vci', errorFormat: 'oauth', params: [PARAM.orgId] } as const;
const metadataParams = [PARAM.orgId];

// The metadata documents. At the pre-1.0 locations (the well-known segment appended after the
// issuer's path, where drafts up to 15 and their wallets look) only while draft compatibility is on.
function metadataHandler(build: (ctx: IssuerContext, org: Organisation) => unknown, draftLocation: boolean): IssuerRoute['handler'] {
  return async ({ ctx, oid4vciDraftCompatibility }, req, res) => {
    if (draftLocation && !oid4vciDraftCompatibility) throw new PassportError('ERR_NOT_FOUND', 'no such route: the metadata is at /.well-known/openid-credential-issuer/orgs/{orgId}', { field: 'path' });
    const org = await getOrganisation(ctx, orgIdOf(req));
    res.setHeader('cache-control', 'public, max-age=300');
    res.json(await build(ctx, org));
  };
}
// The issuer metadata offers the catalogue's types and those registered at run time.
const issuerMetadataHandler = (draftLocation: boolean) => metadataHandler(async (ctx, org) => buildCredentialIssuerMetadata(ctx.publicUrl, org, await listOfferableTypes(ctx)), draftLocation);
// The authorization server metadata adds the authorization code flow once the organisation lets staff collect.
const authorizationServerMetadataHandler = (draftLocation: boolean) =>
  metadataHandler(async (ctx, org) => ({ ...buildAuthorizationServerMetadata(ctx.publicUrl, org), ...(await buildCollectionMetadata(ctx, org.id)) }), draftLocation);
const issuerMetadataResponse = {
  description: 'credential issuer metadata',
  schema: s.object({ credential_issuer: s.string(), credential_endpoint: s.string(), nonce_endpoint: s.string(), credential_configurations_supported: s.anyObject('by configuration id') }, ['credential_issuer', 'credential_endpoint'], { open: true }),
  example: { credential_issuer: ISSUER_URL, credential_endpoint: `${ISSUER_URL}/oid4vci/credential`, nonce_endpoint: `${ISSUER_URL}/oid4vci/nonce`, credential_configurations_supported: {} },
};
const authorizationServerMetadataResponse = {
  description: 'authorization server metadata',
  schema: s.object({ issuer: s.string(), token_endpoint: s.string() }, ['issuer', 'token_endpoint'], { open: true }),
  example: { issuer: ISSUER_URL, token_endpoint: `${ISSUER_URL}/oid4vci/token`, 'pre-authorized_grant_anonymous_access_supported': true },
};

/**
 * The wallet-facing OpenID4VCI 1.0 endpoints of every organisation (no HR sign-in, CORS open):
 * credential issuer and authorisation server metadata at their well-known URLs, offers by
 * reference, and the token, nonce, credential, deferred credential and notification endpoints
 * under `/orgs/{orgId}/oid4vci/`. Failed token requests are limited per client address
 * (`ERR_RATE_LIMITED`, 429 with `retry-after`).
 */
export const OID4VCI_ROUTES: IssuerRoute[] = [
  {
    method: 'get',
    path: '/.well-known/openid-credential-issuer/orgs/:orgId',
    summary: 'OpenID4VCI Credential Issuer Metadata of the organisation (OpenID4VCI 1.0, 12.2)',
    tag: 'oid4vci',
    access: 'public',
    params: metadataParams,
    responses: { 200: issuerMetadataResponse },
    errors: [404],
    handler: issuerMetadataHandler(false),
  },
  {
    method: 'get',
    path: '/.well-known/oauth-authorization-server/orgs/:orgId',
    summary: 'OAuth 2.0 Authorization Server Metadata of the organisation (RFC 8414)',
    tag: 'oid4vci',
    access: 'public',
    params: metadataParams,
    responses: { 200: authorizationServerMetadataResponse },
    errors: [404],
    handler: authorizationServerMetadataHandler(false),
  },
  {
    method: 'get',
    path: '/orgs/:orgId/.well-known/openid-credential-issuer',
    summary: 'The same Credential Issuer Metadata where wallets on OpenID4VCI drafts look for it (the well-known segment after the issuer path; draft compatibility, on by default)',
    tag: 'oid4vci',
    access: 'public',
    params: metadataParams,
    responses: { 200: issuerMetadataResponse },
    errors: [404],
    handler: issuerMetadataHandler(true),
  },
  {
    method: 'get',
    path: '/orgs/:orgId/.well-known/oauth-authorization-server',
    summary: 'The same Authorization Server Metadata where wallets on OpenID4VCI drafts look for it (draft compatibility, on by default)',
    tag: 'oid4vci',
    access: 'public',
    params: metadataParams,
    responses: { 200: authorizationServerMetadataResponse },
    errors: [404],
    handler: authorizationServerMetadataHandler(true),
  },
  {
    // The credential_offer_uri target (OpenID4VCI 1.0, section 4.1.3): the offer JSON while unused.
    method: 'get',
    path: '/orgs/:orgId/oid4vci/offers/:offerId',
    summary: 'A credential offer by reference (credential_offer_uri)',
    tag: 'oid4vci',
    access: 'public',
    params: [PARAM.orgId, PARAM.offerId],
    responses: {
      200: {
        description: 'the credential offer (OpenID4VCI 1.0, section 4.1.1)',
        schema: s.object({ credential_issuer: s.string(), credential_configuration_ids: s.array(s.string()), grants: s.anyObject('the pre-authorised code grant') }, ['credential_issuer', 'credential_configuration_ids'], { open: true }),
        example: {
          credential_issuer: ISSUER_URL,
          credential_configuration_ids: ['TrainingRecord_jwt_vc_json'],
          grants: { [PRE_AUTHORIZED_CODE_GRANT]: { 'pre-authorized_code': 'Xq3...', tx_code: { input_mode: 'numeric', length: 6 } } },
        },
      },
    },
    errors: [400, 404],
    handler: async ({ ctx }, req, res) => {
      const json = await getCredentialOfferJson(ctx, orgIdOf(req), req.params['offerId'] as string);
      res.setHeader('cache-control', 'no-store');
      res.type('application/json').send(json);
    },
  },
  {
    ...protocol,
    method: 'post',
    path: '/orgs/:orgId/oid4vci/token',
    summary: 'Token endpoint: pre-authorised code and transaction code, or authorization code and PKCE verifier, for an access token (form-encoded)',
    body: {
      contentType: 'application/x-www-form-urlencoded',
      schema: s.object({ grant_type: s.enum([PRE_AUTHORIZED_CODE_GRANT, AUTHORIZATION_CODE_GRANT]), 'pre-authorized_code': s.string(), tx_code: s.string(), code: s.string(), code_verifier: s.string(), redirect_uri: s.string() }, ['grant_type']),
      example: { grant_type: PRE_AUTHORIZED_CODE_GRANT, 'pre-authorized_code': 'Xq3...', tx_code: '493817' },
      ...handlerChecked,
    },
    responses: {
      200: {
        description: 'an access token',
        schema: s.object({ access_token: s.string(), token_type: s.enum(['Bearer']), expires_in: s.integer() }, ['access_token', 'token_type', 'expires_in'], { open: true }),
        example: { access_token: 'at_...', token_type: 'Bearer', expires_in: 600 },
      },
    },
    errors: [400, 401, 415, 429],
    handler: protocolRoute(
      'token',
      async ({ ctx }, req, res, org) => {
        const form = (await readBody(req, res, 'form')) as Record<string, unknown>;
        res.json(form['grant_type'] === AUTHORIZATION_CODE_GRANT ? await exchangeAuthorizationCode(ctx, org.id, form) : await exchangePreAuthorizedCode(ctx, org.id, form));
      },
      true,
    ),
  },
  {
    ...protocol,
    method: 'post',
    path: '/orgs/:orgId/oid4vci/nonce',
    summary: 'Nonce endpoint: a fresh c_nonce for key proofs',
    responses: { 200: { description: 'a nonce', schema: s.object({ c_nonce: s.string() }, ['c_nonce']), example: { c_nonce: 'n-0S6_WzA2Mj' } } },
    errors: [404],
    handler: protocolRoute('credential', async ({ ctx }, _req, res, org) => {
      res.json(await issueNonce(ctx, org.id));
    }),
  },
  {
    ...protocol,
    method: 'post',
    path: '/orgs/:orgId/oid4vci/credential',
    summary: 'Credential endpoint (access token): one credential per key proof, or 202 with a transaction_id when deferred',
    body: {
      schema: s.object({ credential_configuration_id: s.string(), proofs: s.object({ jwt: s.array(s.string(), { maxItems: 10 }) }) }, ['credential_configuration_id', 'proofs'], { open: true }),
      example: { credential_configuration_id: 'TrainingRecord_jwt_vc_json', proofs: { jwt: [JWT] } },
      ...handlerChecked,
    },
    responses: {
      200: { description: 'the credentials', schema: credentialsAnswer, example: CREDENTIALS_EXAMPLE },
      202: { description: 'deferred: ask the deferred credential endpoint later', schema: deferredAnswer, example: DEFERRED_EXAMPLE },
    },
    errors: [400, 401, 415],
    handler: protocolRoute('credential', async ({ ctx, oid4vciDraftCompatibility }, req, res, org) => {
      const body = await readBody(req, res, 'json');
      const result = await requestCredential(ctx, org, req.get('authorization'), body, { acceptSingleProof: oid4vciDraftCompatibility });
      res.status(result.status).json(result.body);
    }),
  },
  {
    ...protocol,
    method: 'post',
    path: '/orgs/:orgId/oid4vci/deferred-credential',
    summary: 'Deferred credential endpoint (access token): the credentials once HR completes the offer, 202 until then',
    body: { schema: s.object({ transaction_id: s.string() }, ['transaction_id'], { open: true }), example: { transaction_id: 'txn_0a1b2c3d4e5f' }, ...handlerChecked },
    responses: {
      200: { description: 'the credentials', schema: credentialsAnswer, example: CREDENTIALS_EXAMPLE },
      202: { description: 'not yet: ask again after the interval', schema: deferredAnswer, example: DEFERRED_EXAMPLE },
    },
    errors: [400, 401, 415],
    handler: protocolRoute('deferred-credential', async ({ ctx }, req, res, org) => {
      const body = await readBody(req, res, 'json');
      const result = await requestDeferredCredential(ctx, org, req.get('authorization'), body);
      res.status(result.status).json(result.body);
    }),
  },
  {
    ...protocol,
    method: 'post',
    path: '/orgs/:orgId/oid4vci/notification',
    summary: 'Notification endpoint (access token): credential_accepted, credential_failure or credential_deleted',
    body: {
      schema: s.object({ notification_id: s.string(), event: s.enum(Object.keys(NOTIFICATION_EVENTS)), event_description: s.string() }, ['notification_id', 'event'], { open: true }),
      example: { notification_id: 'ntf_0a1b2c3d4e5f', event: 'credential_accepted' },
      ...handlerChecked,
    },
    responses: { 204: { description: 'recorded', contentType: 'none' } },
    errors: [400, 401, 415],
    handler: protocolRoute('notification', async ({ ctx }, req, res, org) => {
      const body = await readBody(req, res, 'json');
      await receiveNotification(ctx, org, req.get('authorization'), body);
      res.status(204).end();
    }),
  },
];
