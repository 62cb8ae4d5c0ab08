import { PassportError, isObject } from '@staff-passport/core/browser';
import type { HttpAnswer } from '../../lib/http-request.js';

/**
 * An issuer's error answer as `ERR_WALLET_ISSUER_ERROR`, its OAuth `error` (RFC 6749 section 5.2,
 * OpenID4VCI 1.0 section 8.3.1.2) in the message and as the field.
 */
export function issuerError(answer: HttpAnswer, what: string): PassportError {
  const body = isObject(answer.body) ? answer.body : {};
  const error = typeof body['error'] === 'string' ? body['error'] : `http_${answer.status}`;
  const description = typeof body['error_description'] === 'string' ? `: ${body['error_description']}` : '';
  return new PassportError('ERR_WALLET_ISSUER_ERROR', `${what} answered ${error}${description}`, { field: error });
}
