import { VC_CONTEXT_V1, VC_CONTEXT_V2 } from '@staff-passport/schemas';
import { PassportError } from '../errors/passport-error.js';
import { isObject } from '../jose/compact-jws.js';

/** The Bitstring Status List context, which VC 1.1 (unlike 2.0) does not include. */
const STATUS_LIST_CONTEXT = 'https://www.w3.org/ns/credentials/status/v1';

/** Options for {@link toVcDm11}. */
export interface ToVcDm11Options {
  /** The issuance date to write when the credential has no `validFrom` (1.1 requires one). */
  issuanceDate?: Date;
}

function toDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The VC Data Model 1.1 form of one of our VC Data Model 2.0 credentials, for wallets that only
 * take the older format: the 1.1 base context in place of the 2.0 one (our context kept),
 * `validFrom` as `issuanceDate`, `validUntil` as `expirationDate`, and the Bitstring Status List
 * context added when the status needs it. Everything else is carried as it is.
 *
 * The result is meant for JWTs (`signVcJwtV1`), which are not processed as JSON-LD: the 1.1
 * context does not define some 2.0 terms (the `JsonSchema` type of `credentialSchema`, for one),
 * so a Data Integrity proof over it needs more contexts.
 *
 * @example
 * const jwt = await signVcJwtV1({ credential: toVcDm11(credential), signer });
 * @throws PassportError `ERR_VC_MALFORMED` when the input is not a VC Data Model 2.0 credential, or
 *   has neither `validFrom` nor an `issuanceDate` option.
 */
export function toVcDm11(credential: Record<string, unknown>, options: ToVcDm11Options = {}): Record<string, unknown> {
  const context = credential['@context'];
  if (!isObject(credential) || !Array.isArray(context) || context[0] !== VC_CONTEXT_V2) {
    throw new PassportError('ERR_VC_MALFORMED', 'not a VC Data Model 2.0 credential (its @context must start with the 2.0 context)', { field: '@context' });
  }
  const validFrom = credential['validFrom'] ?? (options.issuanceDate ? toDateTime(options.issuanceDate) : undefined);
  if (typeof validFrom !== 'string') throw new PassportError('ERR_VC_MALFORMED', 'VC Data Model 1.1 needs an issuanceDate: give validFrom', { field: 'validFrom' });
  const statuses = Array.isArray(credential['credentialStatus']) ? credential['credentialStatus'] : [credential['credentialStatus']];
  const needsStatusContext = statuses.some((s) => isObject(s) && s['type'] === 'BitstringStatusListEntry');
  const contexts = [VC_CONTEXT_V1, ...context.slice(1).filter((c) => c !== VC_CONTEXT_V2)];
  if (needsStatusContext && !contexts.includes(STATUS_LIST_CONTEXT)) contexts.push(STATUS_LIST_CONTEXT);

  // Same member order as the input, with the dates renamed in place.
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(credential)) {
    if (key === '@context') out[key] = contexts;
    else if (key === 'validFrom') out['issuanceDate'] = value;
    else if (key === 'validUntil') out['expirationDate'] = value;
    else out[key] = value;
  }
  out['issuanceDate'] ??= validFrom;
  return out;
}
