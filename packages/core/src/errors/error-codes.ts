/**
 * Every failure the staff passport reports has one of these stable codes, and one HTTP status.
 * Tests assert on codes, never on message text.
 */
export const ERROR_STATUS = {
  // Requests
  ERR_JSON_MALFORMED: 400,
  ERR_BODY_TOO_LARGE: 413,
  ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  ERR_REQUEST_INVALID: 400,
  ERR_NOT_FOUND: 404,
  ERR_METHOD_NOT_ALLOWED: 405,
  // Authentication and tenancy
  ERR_AUTH_MISSING: 401,
  ERR_AUTH_INVALID: 401,
  ERR_FORBIDDEN: 403,
  ERR_ORG_NOT_FOUND: 404,
  ERR_ORG_CONFLICT: 409,
  // Issuing
  ERR_TYPE_UNKNOWN: 400,
  ERR_SCHEMA_INVALID: 400,
  ERR_FORMAT_UNSUPPORTED: 400,
  ERR_ISSUER_MISMATCH: 400,
  // Verification (reported per check; the endpoint answers 400)
  ERR_VERIFICATION_FAILED: 400,
  ERR_VC_MALFORMED: 400,
  ERR_VC_ALG_UNSUPPORTED: 400,
  ERR_VC_ISSUER_INVALID: 400,
  ERR_VC_KEY_NOT_FOUND: 400,
  ERR_VC_SIGNATURE_INVALID: 400,
  ERR_VC_EXPIRED: 400,
  ERR_VC_NOT_YET_VALID: 400,
  ERR_VC_SCHEMA_INVALID: 400,
  ERR_VP_MALFORMED: 400,
  ERR_VP_ALG_UNSUPPORTED: 400,
  ERR_VP_KEY_NOT_FOUND: 400,
  ERR_VP_SIGNATURE_INVALID: 400,
  ERR_VP_NONCE_MISMATCH: 400,
  ERR_VP_AUDIENCE_MISMATCH: 400,
  ERR_VP_EXPIRED: 400,
  ERR_VP_HOLDER_MISMATCH: 400,
  ERR_VP_EMPTY: 400,
  ERR_STATUS_REVOKED: 400,
  ERR_STATUS_SUSPENDED: 400,
  ERR_ISSUER_NOT_TRUSTED: 400,
  // DID resolution
  ERR_DID_INVALID: 400,
  ERR_DID_METHOD_UNSUPPORTED: 400,
  ERR_DID_NOT_FOUND: 400,
  ERR_DID_UNRESOLVABLE: 400,
  ERR_DID_WEB_FORBIDDEN_ADDRESS: 400,
  ERR_DID_WEB_TIMEOUT: 400,
  ERR_DID_WEB_TOO_LARGE: 400,
  // Configuration and the rest
  ERR_CONFIG_INVALID: 500,
  ERR_INTERNAL: 500,
} as const;

/** A stable, machine-readable error code. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** The HTTP status an error code maps to (the one table every service uses). */
export function httpStatusFor(code: ErrorCode): number {
  return ERROR_STATUS[code];
}

/** Whether a string is one of our error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);
}
