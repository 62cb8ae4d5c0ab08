import { PassportError, isObject } from '@staff-passport/core/browser';
import { httpRequest } from '../../lib/http-request.js';
import type { WalletParts } from '../../wallet-parts.js';

/**
 * Posts an authorization response to the response_uri (OpenID4VP 1.0, section 8.2, direct_post):
 * form-encoded. Returns the `redirect_uri` the verifier answers, if any (section 8.2: the wallet
 * sends the user agent there; here the app decides).
 *
 * @throws PassportError `ERR_WALLET_VERIFIER_ERROR` when the verifier cannot be reached or answers an error.
 */
export async function postResponse(parts: WalletParts, responseUri: string, form: Record<string, string | undefined>): Promise<string | undefined> {
  const answer = await httpRequest(parts.fetch, responseUri, { form, errorCode: 'ERR_WALLET_VERIFIER_ERROR', what: 'the response_uri' });
  const body = isObject(answer.body) ? answer.body : {};
  if (!answer.ok) {
    const error = typeof body['error'] === 'string' ? body['error'] : `http_${answer.status}`;
    const description = typeof body['error_description'] === 'string' ? `: ${body['error_description']}` : '';
    throw new PassportError('ERR_WALLET_VERIFIER_ERROR', `the verifier answered ${error}${description}`, { field: error });
  }
  return typeof body['redirect_uri'] === 'string' ? body['redirect_uri'] : undefined;
}
