import type { ErrorCode, PassportError } from '@staff-passport/core';

/** The wallet-facing endpoints that answer errors the OAuth way. */
export type Oid4vciEndpoint = 'token' | 'credential' | 'deferred-credential' | 'notification';

/** An OAuth-style error answer: `{error, error_description}` plus our stable `code`. */
export interface OauthErrorAnswer {
  status: number;
  body: { error: string; error_description: string; code: ErrorCode };
  /** For 401: the `WWW-Authenticate` challenge (RFC 6750, section 3). */
  wwwAuthenticate?: string;
}

const TOKEN_GRANT_ERRORS: readonly ErrorCode[] = ['ERR_GRANT_INVALID', 'ERR_OFFER_EXPIRED', 'ERR_OFFER_USED', 'ERR_OFFER_NOT_FOUND', 'ERR_TX_CODE_INVALID', 'ERR_TX_CODE_LOCKED'];

function errorFor(err: PassportError, endpoint: Oid4vciEndpoint): string {
  switch (endpoint) {
    // RFC 6749, section 5.2, and OpenID4VCI 1.0, section 6.3.
    case 'token':
      if (TOKEN_GRANT_ERRORS.includes(err.code)) return 'invalid_grant';
      return err.field === 'grant_type' ? 'unsupported_grant_type' : 'invalid_request';
    // OpenID4VCI 1.0, section 8.3.1.2.
    case 'credential':
      switch (err.code) {
        case 'ERR_PROOF_INVALID':
          return 'invalid_proof';
        case 'ERR_NONCE_UNKNOWN':
        case 'ERR_NONCE_EXPIRED':
        case 'ERR_NONCE_REPLAYED':
          return 'invalid_nonce';
        case 'ERR_CREDENTIAL_CONFIGURATION_UNKNOWN':
          return err.field === 'credential_identifier' ? 'unknown_credential_identifier' : 'unknown_credential_configuration';
        case 'ERR_OFFER_USED':
        case 'ERR_OFFER_EXPIRED':
          return 'credential_request_denied';
        default:
          return err.field === 'credential_response_encryption' ? 'invalid_encryption_parameters' : 'invalid_credential_request';
      }
    // Section 9.3.
    case 'deferred-credential':
      if (err.code === 'ERR_TRANSACTION_ID_INVALID') return 'invalid_transaction_id';
      if (err.code === 'ERR_OFFER_EXPIRED') return 'credential_request_denied';
      return err.field === 'credential_response_encryption' ? 'invalid_encryption_parameters' : 'invalid_credential_request';
    // Section 11.3.
    case 'notification':
      return err.code === 'ERR_NOTIFICATION_INVALID' && err.field === 'notification_id' ? 'invalid_notification_id' : 'invalid_notification_request';
  }
}

/**
 * Maps an error of a wallet-facing endpoint to the answer the specification defines: 401
 * `invalid_token` with a `WWW-Authenticate: Bearer` challenge for a bad access token, otherwise
 * 400 with the endpoint's error code; our `code` goes beside it. Not for unexpected errors (those
 * stay 500 problems).
 *
 * @example
 * const answer = toOauthError(err, 'token'); // {status: 400, body: {error: 'invalid_grant', ...}}
 */
export function toOauthError(err: PassportError, endpoint: Oid4vciEndpoint): OauthErrorAnswer {
  // error_description is printable ASCII without '"' or '\' (RFC 6749, section 5.2).
  const description = err.message.replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, "'");
  if (err.code === 'ERR_ACCESS_TOKEN_INVALID') {
    return {
      status: 401,
      body: { error: 'invalid_token', error_description: description, code: err.code },
      wwwAuthenticate: `Bearer error="invalid_token", error_description="${description}"`,
    };
  }
  return { status: 400, body: { error: errorFor(err, endpoint), error_description: description, code: err.code } };
}
