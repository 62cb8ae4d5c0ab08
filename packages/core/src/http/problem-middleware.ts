import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { clientErrorOf } from './client-error-of.js';
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

/**
 * The last middleware: every error becomes problem details with a stable code. Body-parser
 * errors, undecodable path parameters and express's other 4xx errors map to our codes; anything
 * unexpected is logged and answered 500 without its message.
 */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    const error = clientErrorOf(err);
    const problem = toProblem(error);
    if (problem.status >= 500) logger.error({ reqId: res.locals['requestId'], err: error }, 'internal error');
    if (res.headersSent) {
      res.end();
      return;
    }
    sendProblem(res, { ...problem, ...(res.locals['requestId'] ? { instance: `urn:request:${String(res.locals['requestId'])}` } : {}) });
  };
}
