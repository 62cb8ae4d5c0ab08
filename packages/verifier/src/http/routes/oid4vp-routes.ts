import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Router } from 'express';
import { PassportError, clientErrorOf, httpStatusFor, isObject, jsonBody, openCors, renderQrPng, renderQrSvg, toProblem, type ErrorCode, type Logger } from '@staff-passport/core';
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
import type { VerifierContext } from '../../verifier-context.js';

const REQUEST_ID = /^req_[0-9a-f]{20}$/;
const CREATE_FIELDS = ['profileId', 'startDate', 'purpose', 'move', 'query', 'expiresInSeconds'];

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

function requestId(req: Request): string {
  const value = req.params['id'];
  if (typeof value !== 'string' || !REQUEST_ID.test(value)) throw new PassportError('ERR_VP_REQUEST_NOT_FOUND', 'no OpenID4VP request with that id', { field: 'id' });
  return value;
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

function createInput(body: unknown): CreateOid4vpRequestInput {
  if (!isObject(body)) throw new PassportError('ERR_REQUEST_INVALID', 'the body must be {profileId, startDate?, purpose?, move?, query?, expiresInSeconds?}', { field: 'body' });
  for (const key of Object.keys(body)) if (!CREATE_FIELDS.includes(key)) throw new PassportError('ERR_REQUEST_INVALID', `${key} is not a field of this request`, { field: key });
  const str = (field: string): string | undefined => {
    const value = body[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new PassportError('ERR_REQUEST_INVALID', `${field} must be text`, { field });
    return value;
  };
  const profileId = str('profileId');
  if (profileId === undefined) throw new PassportError('ERR_REQUEST_INVALID', 'profileId is required', { field: 'profileId' });
  const startDate = str('startDate');
  const purpose = str('purpose');
  const move = str('move');
  const query = str('query');
  const ttl = body['expiresInSeconds'];
  if (ttl !== undefined && typeof ttl !== 'number') throw new PassportError('ERR_REQUEST_INVALID', 'expiresInSeconds must be a number', { field: 'expiresInSeconds' });
  if (query !== undefined && query !== 'dcql' && query !== 'pe') throw new PassportError('ERR_REQUEST_INVALID', "query must be 'dcql' or 'pe'", { field: 'query' });
  return {
    profileId,
    ...(startDate === undefined ? {} : { startDate }),
    ...(purpose === undefined ? {} : { purpose }),
    ...(move === undefined ? {} : { move }),
    ...(query === undefined ? {} : { query }),
    ...(ttl === undefined ? {} : { expiresInSeconds: ttl }),
  };
}

/**
 * The OpenID4VP routes (mounted before the app's JSON body parser: the protocol endpoints take
 * form-encoded bodies):
 * - `GET /.well-known/did.json`: the verifier's did:web document (the key its request objects are signed with);
 * - `POST /oid4vp/requests` `{profileId, startDate?, purpose?, move?, query?: 'dcql'|'pe', expiresInSeconds?}`:
 *   201 `{id, clientId, requestUri, link, qr: {png, svg}, pollUrl, query, expiresAt}`;
 * - `GET /oid4vp/requests/{id}`: the state to poll (pending, answered with a result summary, refused, expired);
 * - `GET /oid4vp/requests/{id}/qr.png|qr.svg`: the `openid4vp://` link as a QR code;
 * - `GET|POST /oid4vp/requests/{id}/request-object`: the signed request object (`application/oauth-authz-req+jwt`;
 *   a POST may carry `wallet_nonce`, OpenID4VP 1.0 section 5.10);
 * - `POST /oid4vp/requests/{id}/response`: the response URI (`direct_post`, section 8.2): 200 `{}`.
 * HR-facing routes answer errors as problem details; the protocol endpoints as OAuth errors with our `code`.
 */
export function createOid4vpRouter(ctx: VerifierContext): Router {
  const router = express.Router();
  const protocol = express.Router();

  // Wallets in browsers fetch the request object and post the response from their own origin.
  router.use(['/.well-known/did.json', '/oid4vp/requests/:id/request-object', '/oid4vp/requests/:id/response'], openCors());

  router.get('/.well-known/did.json', async (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=300');
    res.type('application/did+json').send(JSON.stringify(buildVerifierDidDocument(await loadVerifierKey(ctx))));
  });

  router.post('/oid4vp/requests', ...jsonBody('64kb'), async (req, res) => {
    res.status(201).json(await createOid4vpRequest(ctx, createInput(req.body)));
  });

  router.get('/oid4vp/requests/:id', async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json(await getOid4vpRequest(ctx, requestId(req)));
  });

  router.get('/oid4vp/requests/:id/qr.png', async (req, res) => {
    const status = await getOid4vpRequest(ctx, requestId(req));
    res.setHeader('cache-control', 'no-store');
    res.type('image/png').send(await renderQrPng(status.link));
  });

  router.get('/oid4vp/requests/:id/qr.svg', async (req, res) => {
    const status = await getOid4vpRequest(ctx, requestId(req));
    res.setHeader('cache-control', 'no-store');
    res.type('image/svg+xml').send(await renderQrSvg(status.link));
  });

  const requestObject: RequestHandler = async (req, res) => {
    const body: Record<string, unknown> = isObject(req.body) ? req.body : {};
    const walletNonce = body['wallet_nonce'];
    if (walletNonce !== undefined && typeof walletNonce !== 'string') throw new PassportError('ERR_REQUEST_INVALID', 'wallet_nonce must be given once', { field: 'wallet_nonce' });
    const jwt = await signRequestObject(ctx, requestId(req), walletNonce === undefined ? {} : { walletNonce });
    res.setHeader('cache-control', 'no-store');
    res.type(REQUEST_OBJECT_MEDIA_TYPE).send(jwt);
  };
  const requestObjects = express.Router();
  requestObjects.get('/oid4vp/requests/:id/request-object', requestObject);
  requestObjects.post('/oid4vp/requests/:id/request-object', ...formBody, requestObject);
  requestObjects.use('/oid4vp/requests/:id/request-object', oauthErrors(ctx.logger, true));

  protocol.post('/oid4vp/requests/:id/response', ...formBody, async (req, res) => {
    const body: Record<string, unknown> = isObject(req.body) ? req.body : {};
    await handleOid4vpResponse(ctx, requestId(req), body);
    res.setHeader('cache-control', 'no-store');
    res.status(200).json({});
  });
  protocol.use('/oid4vp/requests/:id/response', oauthErrors(ctx.logger, false));

  router.use(requestObjects);
  router.use(protocol);
  return router;
}
