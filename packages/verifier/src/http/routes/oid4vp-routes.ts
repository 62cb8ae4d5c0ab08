import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import {
  PassportError,
  httpStatusFor,
  isObject,
  toProblem,
  type ErrorCode,
  type Logger,
} from '@staff-passport/core';
import {
  clientErrorOf,
  jsonBody,
  jsonSchema as s,
  openCors,
  qrCodeRoutes,
  registerApiRoutes,
} from '@staff-passport/web-kit';
import {
  REQUEST_OBJECT_MEDIA_TYPE,
  buildVerifierDidDocument,
  createOid4vpRequest,
  getOid4vpRequest,
  handleOid4vpResponse,
  loadVerifierKey,
  signRequestObject,
  type CreateOid4vpRequestInput,
} from '../../oid4vp/index.js';
import { odsRecordUri } from '../../organisations/verifier-organisation.js';
import { scopeToRequest } from '../../organisations/scope-to-request.js';
import type { VerifierRole } from '../../auth/verifier-roles.js';
import type { VerifierContext } from '../../verifier-context.js';
import { callerOf } from '../verifier-caller.js';
import { EXAMPLE, PARAM, type VerifierRoute, type VerifierRouteDeps } from '../verifier-route.js';
import { DEFAULT_MOVE_KIND, MOVE_KIND_CODES } from '@staff-passport/schemas';

// OAuth error codes for our codes (RFC 6749 section 5.2, RFC 9101 section 7, OpenID4VP 1.0 section 8.5).
function oauthErrorOf(code: ErrorCode, requestUri: boolean): string {
  if (httpStatusFor(code) >= 500) return 'server_error';
  if (requestUri && (code === 'ERR_VP_REQUEST_NOT_FOUND' || code === 'ERR_VP_REQUEST_EXPIRED' || code === 'ERR_VP_REQUEST_ANSWERED')) return 'invalid_request_uri';
  return 'invalid_request';
}

/**
 * Errors of the protocol endpoints (request_uri and response_uri) in the OAuth error format the
 * wallet expects, `{error, error_description}`, with our stable `code` (and `field`) beside it.
 */
function oauthErrors(logger: Logger, requestUri: boolean): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    let error = err;
    const parserType = (err as { type?: unknown } | null)?.type;
    if (parserType === 'entity.too.large') error = new PassportError('ERR_BODY_TOO_LARGE', 'the body is over the size limit', { cause: err });
    else if (typeof parserType === 'string') error = new PassportError('ERR_VP_RESPONSE_INVALID', 'the body could not be read', { cause: err });
    // Everything else the parsers or the router raise (a body that is not the gzip it claims,
    // bad percent-encoding) is the client's too: the same mapping as the rest of the API.
    else error = clientErrorOf(err);
    const problem = toProblem(error);
    if (problem.status >= 500) logger.error({ reqId: res.locals['requestId'], err: error }, 'internal error');
    if (res.headersSent) {
      res.end();
      return;
    }
    const code = problem.code as ErrorCode;
    res
      .status(problem.status)
      .setHeader('cache-control', 'no-store')
      .json({ error: oauthErrorOf(code, requestUri), error_description: problem.title, code, ...(problem.field ? { field: problem.field } : {}) });
  };
}

// direct_post and request_uri POST bodies are form-encoded (OpenID4VP 1.0 sections 8.2 and 5.10).
const formBody: RequestHandler[] = [
  express.urlencoded({ extended: false, limit: '4mb', parameterLimit: 20 }),
  (req, _res, next) => {
    if (!req.is('application/x-www-form-urlencoded')) {
      next(new PassportError('ERR_UNSUPPORTED_MEDIA_TYPE', 'send the body as application/x-www-form-urlencoded'));
      return;
    }
    next();
  },
];

function createInput(body: Record<string, unknown>): CreateOid4vpRequestInput {
  const { profileId, startDate, purpose, move, query, expiresInSeconds } = body as Partial<Record<string, string>> & { expiresInSeconds?: number };
  return {
    profileId: profileId!,
    ...(startDate === undefined ? {} : { startDate }),
    ...(purpose === undefined ? {} : { purpose }),
    ...(move === undefined ? {} : { move }),
    ...(query === undefined ? {} : { query: query as 'dcql' | 'pe' }),
    ...(expiresInSeconds === undefined ? {} : { expiresInSeconds }),
  };
}

/**
 * An organisation's did:web document: the key its request objects are signed with, and its ODS
 * record in `alsoKnownAs`.
 *
 * @example
 * res.type('application/did+json').send(JSON.stringify(await organisationDidDocument(orgCtx)));
 */
export async function organisationDidDocument(ctx: VerifierContext): Promise<Record<string, unknown>> {
  return buildVerifierDidDocument(await loadVerifierKey(ctx), ctx.org.odsCode ? [odsRecordUri(ctx.org.odsCode)] : []);
}

/** Sends the organisation's did:web document, cacheable for five minutes. */
export async function sendDidDocument(res: express.Response, ctx: VerifierContext): Promise<void> {
  res.setHeader('cache-control', 'public, max-age=300');
  res.type('application/did+json').send(JSON.stringify(await organisationDidDocument(ctx)));
}

const requestObject: VerifierRoute['handler'] = async ({ ctx }, req, res) => {
  const body: Record<string, unknown> = isObject(req.body) ? req.body : {};
  const walletNonce = body['wallet_nonce'];
  if (walletNonce !== undefined && typeof walletNonce !== 'string') throw new PassportError('ERR_REQUEST_INVALID', 'wallet_nonce must be given once', { field: 'wallet_nonce' });
  const id = req.params['id'] as string;
  const jwt = await signRequestObject(await scopeToRequest(ctx, id, 'ERR_VP_REQUEST_NOT_FOUND'), id, walletNonce === undefined ? {} : { walletNonce });
  res.setHeader('cache-control', 'no-store');
  res.type(REQUEST_OBJECT_MEDIA_TYPE).send(jwt);
};

const LINK = `openid4vp://?client_id=decentralized_identifier%3A${encodeURIComponent(EXAMPLE.verifier)}&request_uri=https%3A%2F%2Fverifier.example.nhs.uk%2Foid4vp%2Frequests%2F${EXAMPLE.requestId}%2Frequest-object`;
const STATUS_EXAMPLE = { id: EXAMPLE.requestId, state: 'pending', clientId: `decentralized_identifier:${EXAMPLE.verifier}`, link: LINK, query: 'dcql', profileId: EXAMPLE.profileId, startDate: '2026-04-01', requestFetched: false, expiresAt: '2026-03-01T09:40:00.000Z' };
const REQUEST_OBJECT = 'eyJhbGciOiJFZERTQSIsInR5cCI6Im9hdXRoLWF1dGh6LXJlcStqd3QifQ.eyJ...fQ.c2ln';
const idParams = [PARAM.oid4vpId];
const requestObjectAnswer = {
  description: 'the signed request object (application/oauth-authz-req+jwt)',
  contentType: REQUEST_OBJECT_MEDIA_TYPE,
  schema: s.string({ description: 'a compact JWS' }),
  example: REQUEST_OBJECT,
};
// The protocol endpoints answer errors the OAuth way, with our code beside it.
const protocol = { access: 'public', tag: 'oid4vp', errorFormat: 'oauth', params: idParams } as const;

/**
 * The OpenID4VP routes: the verifier's did:web document; `POST /oid4vp/requests`; the state to
 * poll; its QR codes; the signed request object (`request_uri`, GET or POST with `wallet_nonce`,
 * OpenID4VP 1.0 section 5.10) and the `direct_post` response URI (section 8.2). HR-facing routes
 * answer errors as problem details; the protocol endpoints as OAuth errors with our `code`.
 */
export const OID4VP_ROUTES: VerifierRoute[] = [
  {
    method: 'get',
    path: '/.well-known/did.json',
    summary: "The default organisation's did:web document, the verifier's root DID (the key its request objects are signed with)",
    tag: 'oid4vp',
    access: 'public',
    responses: {
      200: {
        description: 'DID document',
        contentType: 'application/did+json',
        schema: s.object({ '@context': {}, id: s.string(), verificationMethod: s.array(s.anyObject('a verification method with publicKeyJwk')) }, ['id'], { open: true }),
        example: { '@context': ['https://www.w3.org/ns/did/v1'], id: EXAMPLE.verifier, verificationMethod: [] },
      },
    },
    handler: async ({ ctx }, _req, res) => {
      await sendDidDocument(res, ctx);
    },
  },
  {
    method: 'post',
    path: '/oid4vp/requests',
    summary: 'Create an OpenID4VP request from a check profile: a link and QR codes for the wallet, and a URL to poll',
    tag: 'oid4vp',
    access: ['checker'],
    before: jsonBody('64kb'),
    body: {
      schema: s.object(
        {
          profileId: s.string({ description: 'the check profile' }),
          startDate: s.string({ description: 'the start date, such as 2026-12-01' }),
          purpose: s.string({ description: 'why, as shown to the person' }),
          move: s.enum(MOVE_KIND_CODES, { description: `the kind of move, which decides what may be relied on (default ${DEFAULT_MOVE_KIND})` }),
          query: s.enum(['dcql', 'pe'], { description: 'DCQL (default) or Presentation Exchange' }),
          expiresInSeconds: s.number({ description: 'a whole number from 60 to 86400' }),
        },
        ['profileId'],
      ),
      example: { profileId: EXAMPLE.profileId, startDate: '2026-04-01', move: 'new_employer', query: 'dcql' },
    },
    responses: {
      201: {
        description: 'the request',
        schema: s.object(
          { id: s.string(), clientId: s.string(), requestUri: s.string(), link: s.string(), qr: s.object({ png: s.string(), svg: s.string() }, ['png', 'svg']), pollUrl: s.string(), query: s.enum(['dcql', 'pe']), expiresAt: s.string() },
          ['id', 'clientId', 'requestUri', 'link', 'qr', 'pollUrl', 'query', 'expiresAt'],
          { open: true },
        ),
        example: {
          id: EXAMPLE.requestId,
          clientId: `decentralized_identifier:${EXAMPLE.verifier}`,
          requestUri: `https://verifier.example.nhs.uk/oid4vp/requests/${EXAMPLE.requestId}/request-object`,
          link: LINK,
          qr: { png: `/oid4vp/requests/${EXAMPLE.requestId}/qr.png`, svg: `/oid4vp/requests/${EXAMPLE.requestId}/qr.svg` },
          pollUrl: `/oid4vp/requests/${EXAMPLE.requestId}`,
          query: 'dcql',
          expiresAt: '2026-03-01T09:40:00.000Z',
        },
      },
    },
    errors: [400, 403, 404, 413, 415],
    handler: async (_deps, req, res) => {
      res.status(201).json(await createOid4vpRequest(callerOf(res).ctx, createInput(req.body as Record<string, unknown>)));
    },
  },
  {
    method: 'get',
    path: '/oid4vp/requests/:id',
    summary: 'The state of an OpenID4VP request, to poll: pending, answered (with a result summary), refused or expired',
    tag: 'oid4vp',
    access: ['checker'],
    params: idParams,
    responses: { 200: { description: 'the state', schema: s.ref('Oid4vpRequestStatus'), example: STATUS_EXAMPLE } },
    errors: [404],
    handler: async (_deps, req, res) => {
      res.setHeader('cache-control', 'no-store');
      res.json(await getOid4vpRequest(callerOf(res).ctx, req.params['id'] as string));
    },
  },
  ...qrCodeRoutes<VerifierRouteDeps, VerifierRole>({ path: '/oid4vp/requests/:id/qr', what: 'the openid4vp:// link', tag: 'oid4vp', access: ['checker'], params: idParams, errors: [404] }, async (_deps, req, res) => {
    return (await getOid4vpRequest(callerOf(res).ctx, req.params['id'] as string)).link;
  }),
  {
    ...protocol,
    method: 'get',
    path: '/oid4vp/requests/:id/request-object',
    summary: 'The signed request object (request_uri, OpenID4VP 1.0 section 5)',
    responses: { 200: requestObjectAnswer },
    errors: [400, 404, 409],
    handler: requestObject,
  },
  {
    ...protocol,
    method: 'post',
    path: '/oid4vp/requests/:id/request-object',
    summary: "The signed request object for a wallet that posts its wallet_nonce (request_uri_method post, section 5.10)",
    before: formBody,
    body: {
      contentType: 'application/x-www-form-urlencoded',
      schema: s.object({ wallet_nonce: s.string(), wallet_metadata: s.string({ description: 'JSON' }) }, [], { open: true }),
      example: { wallet_nonce: 'qPmxiNFCR3QTm19POc8u' },
      // A form, read by the handler; its errors are OAuth errors.
      validation: 'handler',
    },
    responses: { 200: requestObjectAnswer },
    errors: [400, 404, 409, 413, 415],
    handler: requestObject,
  },
  {
    ...protocol,
    method: 'post',
    path: '/oid4vp/requests/:id/response',
    summary: 'The response URI (direct_post, OpenID4VP 1.0 section 8.2): the wallet posts its vp_token (or an error)',
    before: formBody,
    body: {
      contentType: 'application/x-www-form-urlencoded',
      schema: s.object({ vp_token: s.string({ description: 'JSON: the presentations by credential query id (DCQL) or a presentation submission (PE)' }), state: s.string(), error: s.string(), error_description: s.string(), presentation_submission: s.string() }, [], {
        open: true,
      }),
      example: { vp_token: '{"training":["eyJ...~"]}', state: EXAMPLE.requestId },
      // A form, checked by the protocol handler; its errors are OAuth errors.
      validation: 'handler',
    },
    responses: { 200: { description: 'received', schema: s.object({}, [], { open: true }), example: {} } },
    errors: [400, 404, 409, 413, 415],
    handler: async ({ ctx }, req, res) => {
      const body: Record<string, unknown> = isObject(req.body) ? req.body : {};
      const id = req.params['id'] as string;
      await handleOid4vpResponse(await scopeToRequest(ctx, id, 'ERR_VP_REQUEST_NOT_FOUND'), id, body);
      res.setHeader('cache-control', 'no-store');
      res.status(200).json({});
    },
  },
];

/**
 * The router of {@link OID4VP_ROUTES} (mounted before the app's JSON body parser: the protocol
 * endpoints take form-encoded bodies), with open CORS where wallets in browsers call, and the
 * protocol endpoints' OAuth error answers.
 */
export function createOid4vpRouter(deps: VerifierRouteDeps, guard: (route: VerifierRoute) => RequestHandler | undefined): Router {
  const router = express.Router();
  // Wallets in browsers fetch the request object and post the response from their own origin.
  router.use(['/.well-known/did.json', '/oid4vp/requests/:id/request-object', '/oid4vp/requests/:id/response'], openCors());
  registerApiRoutes(router, OID4VP_ROUTES, { deps, guard });
  router.use('/oid4vp/requests/:id/request-object', oauthErrors(deps.ctx.logger, true));
  router.use('/oid4vp/requests/:id/response', oauthErrors(deps.ctx.logger, false));
  return router;
}
