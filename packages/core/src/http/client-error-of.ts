import { PassportError } from '../errors/passport-error.js';

/**
 * What a page's error handler should report for an error: a parser's or the router's own error
 * (too large, too many fields, unreadable, bad percent-encoding in the address) is the client's
 * fault and becomes a 4xx `PassportError` with our code, never a 500; anything else is returned as is.
 *
 * @example
 * const problem = toProblem(clientErrorOf(err));
 */
export function clientErrorOf(err: unknown): unknown {
  if (err instanceof PassportError) return err;
  const parserType = (err as { type?: unknown } | null)?.type;
  if (parserType === 'entity.too.large') return new PassportError('ERR_BODY_TOO_LARGE', 'the form is too large', { cause: err });
  if (parserType === 'parameters.too.many') return new PassportError('ERR_BODY_TOO_LARGE', 'the form has too many fields', { cause: err });
  if (typeof parserType === 'string') return new PassportError('ERR_REQUEST_INVALID', 'the form could not be read', { cause: err });
  if (err instanceof URIError) return new PassportError('ERR_REQUEST_INVALID', 'the address is not valid', { cause: err });
  const status = (err as { status?: unknown; expose?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500 && (err as { expose?: unknown }).expose === true) {
    return new PassportError('ERR_REQUEST_INVALID', 'the request could not be read', { cause: err });
  }
  return err;
}
