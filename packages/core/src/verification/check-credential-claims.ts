import { findCatalogueTypes, getCredentialTypeBySchemaId, validateCredentialBySchemaId } from '@staff-passport/schemas';
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
 * Adds the `schema` check (VC Data Model 2.0, section 4.11 "Data Schemas": a verifier validates
 * against the schemas it can use, and a schema it cannot is no failure by itself):
 * - every `credentialSchema` the catalogue knows (any version) is enforced, and a mismatch fails
 *   with `ERR_VC_SCHEMA_INVALID` and the issues;
 * - a credential of no catalogue type that names no schema, or only schemas this verifier does not
 *   know, gets a `skipped` check saying so: a well-formed generic credential verifies;
 * - a credential of a catalogue type must name a catalogue schema, as before: without one, or
 *   with only unknown ones, the check fails (`ERR_VC_SCHEMA_INVALID`), so the profile rules that
 *   read its claims never read unchecked ones.
 */
export function checkCredentialSchema(list: CheckList, credential: Record<string, unknown>, at: At = {}): void {
  const schemas = Array.isArray(credential['credentialSchema']) ? credential['credentialSchema'] : [credential['credentialSchema']];
  const schemaIds = schemas.flatMap((s) => (isObject(s) && typeof s['id'] === 'string' ? [s['id']] : []));
  const known = schemaIds.filter((id) => getCredentialTypeBySchemaId(id) !== undefined);
  const catalogueType = findCatalogueTypes(credential['type']).length > 0;
  if (known.length === 0) {
    if (catalogueType) {
      const why = schemaIds.length === 0 ? 'the credential names no credentialSchema' : `no credentialSchema of the catalogue (${schemaIds.join(', ')})`;
      list.fail('schema', 'ERR_VC_SCHEMA_INVALID', why, at);
    } else {
      list.skip('schema', schemaIds.length === 0 ? 'the credential names no credentialSchema' : `no schema this verifier knows (${schemaIds.join(', ')})`, at);
    }
    return;
  }
  const issues = known.flatMap((id) => {
    const r = validateCredentialBySchemaId(credential, id);
    return r.valid ? [] : r.issues;
  });
  if (issues.length > 0) list.fail('schema', 'ERR_VC_SCHEMA_INVALID', 'the claims do not match the schema', { ...at, issues });
  else list.pass('schema', at);
}
