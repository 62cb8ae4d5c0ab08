import { PassportError } from '@staff-passport/core';

/**
 * What an error handler should report for an error: a body parser's or the router's own error
 * (unreadable or malformed body, too large, too many fields, an unsupported encoding, bad
 * percent-encoding in the path, express's other exposed 4xx) is the client's fault and becomes a
 * 4xx `PassportError` with our code, never a 500; anything else is returned as is. The API's
 * problem handler and the pages' error pages both use it.
 *
 * @example
 * const problem = toProblem(clientErrorOf(err));
 */
export function clientErrorOf(err: unknown): unknown {
  if (err instanceof PassportError) return err;
  const parserType = (err as { type?: unknown } | null)?.type;
  if (parserType === 'entity.parse.failed') return new PassportError('ERR_JSON_MALFORMED', 'the body is not valid JSON', { cause: err });
  if (parserType === 'entity.too.large') return new PassportError('ERR_BODY_TOO_LARGE', 'the body is over the size limit', { cause: err });
  if (parserType === 'parameters.too.many') return new PassportError('ERR_BODY_TOO_LARGE', 'the form has too many fields', { cause: err });
  if (parserType === 'encoding.unsupported' || parserType === 'charset.unsupported') {
    return new PassportError('ERR_UNSUPPORTED_MEDIA_TYPE', 'unsupported content encoding or charset', { cause: err });
  }
  if (typeof parserType === 'string') return new PassportError('ERR_REQUEST_INVALID', 'the body could not be read', { cause: err });
  // The router's own error for a path parameter that is not valid percent-encoding (`/x/%ZZ`).
  if (err instanceof URIError) return new PassportError('ERR_REQUEST_INVALID', 'the path is not valid percent-encoding', { field: 'path', cause: err });
  const status = (err as { status?: unknown; expose?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500 && (err as { expose?: unknown }).expose === true) {
    return new PassportError('ERR_REQUEST_INVALID', 'the request could not be read', { cause: err });
  }
  return err;
}
