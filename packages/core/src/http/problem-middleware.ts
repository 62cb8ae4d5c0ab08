import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { PassportError } from '../errors/passport-error.js';
import { PROBLEM_CONTENT_TYPE, toProblem, type ProblemDetails } from '../errors/to-problem.js';

/** Sends problem details as `application/problem+json`. */
export function sendProblem(res: express.Response, problem: ProblemDetails): void {
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/**
 * Gives every request an id (kept from `x-request-id` when sane), logs it once it is answered
 * (method, path, status, time; never headers or bodies), and echoes the id back.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const id = incoming && /^[A-Za-z0-9._-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.locals['requestId'] = id;
    res.setHeader('x-request-id', id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info(
        { reqId: id, method: req.method, path: req.path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 },
        'request',
      );
    });
    next();
  };
}

/**
 * Parses JSON bodies (`application/json` and `application/*+json`) up to a size limit; a POST
 * without a JSON body is refused with 415.
 */
export function jsonBody(limit = '1mb'): RequestHandler[] {
  return [
    express.json({ limit, strict: true, type: ['application/json', 'application/*+json'] }),
    (req, _res, next) => {
      if (req.method === 'POST' && !req.is(['application/json', 'application/*+json'])) {
        next(new PassportError('ERR_UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json'));
        return;
      }
      next();
    },
  ];
}

/** 404 problem for any route not matched. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new PassportError('ERR_NOT_FOUND', `no route for ${req.method} ${req.path}`));
};

interface BodyParserError {
  type?: string;
  status?: number;
}

// An http-errors 4xx raised by express or a parser (`expose` marks it safe to show): a client's fault.
function isClientHttpError(err: unknown): boolean {
  const e = err as { status?: unknown; expose?: unknown } | null;
  return typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true && !(err instanceof PassportError);
}

/**
 * The last middleware: every error becomes problem details with a stable code. Body-parser
 * errors, undecodable path parameters and express's other 4xx errors map to our codes; anything
 * unexpected is logged and answered 500 without its message.
 */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    let error = err;
    const parserType = (err as BodyParserError | null)?.type;
    if (parserType === 'entity.parse.failed') error = new PassportError('ERR_JSON_MALFORMED', 'the body is not valid JSON', { cause: err });
    else if (parserType === 'entity.too.large') error = new PassportError('ERR_BODY_TOO_LARGE', 'the body is over the size limit', { cause: err });
    else if (parserType === 'encoding.unsupported' || parserType === 'charset.unsupported') {
      error = new PassportError('ERR_UNSUPPORTED_MEDIA_TYPE', 'unsupported content encoding or charset', { cause: err });
    } else if (typeof parserType === 'string') error = new PassportError('ERR_REQUEST_INVALID', 'the body could not be read', { cause: err });
    else if (err instanceof URIError) {
      // The router's own error for a path parameter that is not valid percent-encoding (`/x/%ZZ`).
      error = new PassportError('ERR_REQUEST_INVALID', 'the path is not valid percent-encoding', { field: 'path', cause: err });
    } else if (isClientHttpError(err)) error = new PassportError('ERR_REQUEST_INVALID', 'the request could not be read', { cause: err });
    const problem = toProblem(error);
    if (problem.status >= 500) logger.error({ reqId: res.locals['requestId'], err: error }, 'internal error');
    if (res.headersSent) {
      res.end();
      return;
    }
    sendProblem(res, { ...problem, ...(res.locals['requestId'] ? { instance: `urn:request:${String(res.locals['requestId'])}` } : {}) });
  };
}
