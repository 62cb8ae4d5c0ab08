import { validateCredentialBySchemaId } from '@staff-passport/schemas';
import { isObject } from '../lib/is-object.js';
import type { CheckList, VerificationCheck } from './verification-result.js';

/** Where a check sits in a presentation, stamped on it. */
type At = Partial<Pick<VerificationCheck, 'credentialIndex'>>;

/** The start and end of a credential's validity, as written, with the property names for messages. */
export interface ValidityWindow {
  from?: unknown;
  until?: unknown;
  /** `validFrom` (VC Data Model 2.0) or `issuanceDate` (1.1). */
  fromName: string;
  /** `validUntil` (VC Data Model 2.0) or `expirationDate` (1.1). */
  untilName: string;
}

/**
 * Adds the `validity` check: the dates are date-times, and `now` (give or take the skew) lies
 * between them. The same rule for every securing format (VC Data Model 2.0, section 4.9).
 */
export function checkValidityWindow(list: CheckList, window: ValidityWindow, now: Date, skewMs: number, at: At = {}): void {
  const parse = (v: unknown): number | undefined => (v === undefined ? undefined : typeof v === 'string' ? Date.parse(v) : Number.NaN);
  const from = parse(window.from);
  const until = parse(window.until);
  if ((from !== undefined && Number.isNaN(from)) || (until !== undefined && Number.isNaN(until))) {
    list.fail('validity', 'ERR_VC_MALFORMED', `${window.fromName} or ${window.untilName} is not a date-time`, at);
  } else if (from !== undefined && from - skewMs > now.getTime()) {
    list.fail('validity', 'ERR_VC_NOT_YET_VALID', `not valid until ${String(window.from)}`, at);
  } else if (until !== undefined && until + skewMs < now.getTime()) {
    list.fail('validity', 'ERR_VC_EXPIRED', `expired at ${String(window.until)}`, at);
  } else {
    list.pass('validity', at);
  }
}

/**
 * Adds the `schema` check: the credential names a catalogue schema (`credentialSchema.id`, any
 * version the catalogue knows) and its claims match it.
 */
export function checkCredentialSchema(list: CheckList, credential: Record<string, unknown>, at: At = {}): void {
  const schemas = Array.isArray(credential['credentialSchema']) ? credential['credentialSchema'] : [credential['credentialSchema']];
  const schemaIds = schemas.flatMap((s) => (isObject(s) && typeof s['id'] === 'string' ? [s['id']] : []));
  if (schemaIds.length === 0) {
    list.fail('schema', 'ERR_VC_SCHEMA_INVALID', 'the credential names no credentialSchema', at);
    return;
  }
  const issues = schemaIds.flatMap((id) => {
    const r = validateCredentialBySchemaId(credential, id);
    return r.valid ? [] : r.issues;
  });
  if (issues.length > 0) list.fail('schema', 'ERR_VC_SCHEMA_INVALID', 'the claims do not match the schema', { ...at, issues });
  else list.pass('schema', at);
}
