import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { clientErrorOf } from './client-error-of.js';
import { PROBLEM_CONTENT_TYPE, PassportError, toProblem, type ProblemDetails } from '@staff-passport/core';

/**
 * Notes the error code an answer carries, for the request's log line. Pages that answer 4xx in
 * HTML call it; JSON answers are read for their code without it.
 */
export function noteErrorCode(res: express.Response, code: string): void {
  res.locals['errorCode'] = code;
}

/** Sends problem details as `application/problem+json`. */
export function sendProblem(res: express.Response, problem: ProblemDetails): void {
  noteErrorCode(res, problem.code);
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

const CODE = /^[A-Za-z0-9_.-]{1,80}$/;

/**
 * The code in a JSON error answer: ours (`code`, or the first failed check's in `errors`), or
 * OAuth's (`error`, as OpenID4VCI and OpenID4VP answer).
 */
function codeOfBody(body: unknown, contentType: string | undefined): string | undefined {
  if (typeof body !== 'string' && !Buffer.isBuffer(body)) return undefined;
  if (!contentType || !/json/i.test(contentType) || body.length > 262_144) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body.toString());
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { code, errors, error } = value as { code?: unknown; errors?: unknown; error?: unknown };
  const first = Array.isArray(errors) ? (errors[0] as { code?: unknown } | undefined)?.code : undefined;
  const found = [code, first, error].find((c): c is string => typeof c === 'string' && CODE.test(c));
  return found;
}

/**
 * Gives every request an id (kept from `x-request-id` when sane), logs it once it is answered
 * (method, path, status, time, and for a 4xx or 5xx the error code; never headers or bodies),
 * and echoes the id back. An error answer with no code of its own is logged as `ERR_HTTP_<status>`.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const id = incoming && /^[A-Za-z0-9._-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.locals['requestId'] = id;
    res.setHeader('x-request-id', id);
    const started = process.hrtime.bigint();
    // An error answer is read for its code as it is sent (express's json() ends in send()).
    const send = res.send.bind(res);
    res.send = ((body?: unknown) => {
      if (res.statusCode >= 400 && res.locals['errorCode'] === undefined) {
        const code = codeOfBody(body, res.get('content-type'));
        if (code) noteErrorCode(res, code);
      }
      return send(body);
    }) as typeof res.send;
    res.on('finish', () => {
      const status = res.statusCode;
      const code = status >= 400 ? ((res.locals['errorCode'] as string | undefined) ?? `ERR_HTTP_${status}`) : undefined;
      logger.info(
        { reqId: id, method: req.method, path: req.path, status, ...(code ? { code } : {}), ms: Number(process.hrtime.bigint() - started) / 1e6 },
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
