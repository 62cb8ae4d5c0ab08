import { PassportError, isObject, type ErrorCode } from '@staff-passport/core';
import { VC_CONTEXT_V2 } from '@staff-passport/schemas';

// The rules of the W3C Verifiable Credentials Data Model 2.0 (https://www.w3.org/TR/vc-data-model-2.0/)
// a credential must meet before the issuer signs it, each refused with a code naming the rule and
// the field at fault (`credential.` + the path in the credential). Section numbers are the
// Recommendation's (15 May 2025).

function refuse(code: ErrorCode, field: string, message: string): never {
  throw new PassportError(code, message, { field: `credential.${field}` });
}

/** A URL as the data model means it (section 4.4): absolute, with a scheme (`https:`, `did:`, `urn:`...). */
function isUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || /\s/.test(value)) return false;
  // DIDs and URNs (most ids on this path) by their syntax, without building a URL.
  if (DID_OR_URN.test(value)) return true;
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value) && URL.canParse(value);
}

const DID_OR_URN = /^(did:[a-z0-9]+:[A-Za-z0-9._:%-]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\s]+)([/?#][^\s]*)?$/;

/** XML Schema `dateTimeStamp` (section 4.9): a date-time with its time zone. */
const DATE_TIME_STAMP = /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d)(\.\d+)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))$/;

/** Whether a value is an XML Schema `dateTimeStamp` naming a real instant. */
function isDateTimeStamp(value: unknown): value is string {
  return typeof value === 'string' && DATE_TIME_STAMP.test(value) && !Number.isNaN(Date.parse(value));
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

// Section 4.3: an ordered set whose first item is the 2.0 context; the rest URLs or objects.
function checkContext(context: unknown): void {
  if (context === undefined) refuse('ERR_VCDM_CONTEXT_FIRST', '@context', `@context is required and must start with ${VC_CONTEXT_V2} (VC Data Model 2.0, 4.3)`);
  if (!Array.isArray(context)) refuse('ERR_VCDM_CONTEXT_INVALID', '@context', '@context must be an ordered set (an array) of URLs and objects (VC Data Model 2.0, 4.3)');
  if (context[0] !== VC_CONTEXT_V2) refuse('ERR_VCDM_CONTEXT_FIRST', '@context[0]', `the first item of @context must be ${VC_CONTEXT_V2} (VC Data Model 2.0, 4.3)`);
  context.forEach((item, i) => {
    if (!isUrl(item) && !isObject(item)) refuse('ERR_VCDM_CONTEXT_INVALID', `@context[${i}]`, 'each item of @context must be a URL or a context object (VC Data Model 2.0, 4.3)');
  });
}

// Section 4.5: one or more terms or absolute URLs, a term without a colon, a URL that parses.
function checkTypeValue(value: unknown, field: string): string[] {
  const types = asList(value);
  if (value === undefined) refuse('ERR_VCDM_TYPE_MISSING', field, `${field} is required (VC Data Model 2.0, 4.5)`);
  if (types.length === 0 || types.some((t) => typeof t !== 'string' || t.length === 0 || /\s/.test(t) || (t.includes(':') && !isUrl(t)))) {
    refuse('ERR_VCDM_TYPE_INVALID', field, `${field} must be one or more terms or absolute URLs (VC Data Model 2.0, 4.5)`);
  }
  return types as string[];
}

function checkId(value: unknown, field: string): void {
  if (value !== undefined && !isUrl(value)) refuse('ERR_VCDM_ID_INVALID', field, `${field} must be a single URL (VC Data Model 2.0, 4.4)`);
}

// Section 11.1: a string, a language value object ({@value, @language?, @direction?}) or a list of them.
function checkLanguageValue(value: unknown, field: string): void {
  if (value === undefined) return;
  const ok = asList(value).every(
    (v) =>
      typeof v === 'string' ||
      (isObject(v) &&
        typeof v['@value'] === 'string' &&
        Object.keys(v).every((k) => k === '@value' || k === '@language' || k === '@direction') &&
        (v['@language'] === undefined || typeof v['@language'] === 'string') &&
        (v['@direction'] === undefined || v['@direction'] === 'ltr' || v['@direction'] === 'rtl')),
  );
  if (!ok) refuse('ERR_VCDM_NAME_INVALID', field, `${field} must be a string or a language value object (VC Data Model 2.0, 4.6 and 11.1)`);
}

// Sections 4.10, 4.11, 5.4, 5.5, 5.6, 5.7: objects (one or several), each with a type, and an id that is a URL.
function checkTypedObjects(value: unknown, field: string, idRequired: boolean): void {
  if (value === undefined) return;
  const list = asList(value);
  if (list.length === 0) refuse('ERR_VCDM_PROPERTY_INVALID', field, `${field} must be an object or a non-empty list of objects (VC Data Model 2.0)`);
  list.forEach((item, i) => {
    const at = Array.isArray(value) ? `${field}[${i}]` : field;
    if (!isObject(item)) refuse('ERR_VCDM_PROPERTY_INVALID', at, `${at} must be an object (VC Data Model 2.0)`);
    checkTypeValue(item['type'], `${at}.type`);
    if (idRequired && item['id'] === undefined) refuse('ERR_VCDM_SCHEMA_INVALID', `${at}.id`, `${at}.id is required (VC Data Model 2.0, 4.11)`);
    checkId(item['id'], `${at}.id`);
  });
}

// Section 4.7: a URL, or an object whose id is a URL.
function checkIssuer(issuer: unknown): void {
  if (issuer === undefined) refuse('ERR_VCDM_ISSUER_MISSING', 'issuer', 'issuer is required (VC Data Model 2.0, 4.7)');
  if (typeof issuer === 'string') {
    if (!isUrl(issuer)) refuse('ERR_VCDM_ISSUER_INVALID', 'issuer', 'issuer must be a URL or an object with an id (VC Data Model 2.0, 4.7)');
    return;
  }
  if (!isObject(issuer) || !isUrl(issuer['id'])) refuse('ERR_VCDM_ISSUER_INVALID', 'issuer', 'issuer must be a URL or an object whose id is a URL (VC Data Model 2.0, 4.7)');
  checkLanguageValue(issuer['name'], 'issuer.name');
  checkLanguageValue(issuer['description'], 'issuer.description');
}

// Section 4.8: one or more objects, each making at least one claim.
function checkSubjects(subject: unknown): void {
  if (subject === undefined) refuse('ERR_VCDM_SUBJECT_MISSING', 'credentialSubject', 'credentialSubject is required (VC Data Model 2.0, 4.8)');
  const list = asList(subject);
  if (list.length === 0) refuse('ERR_VCDM_SUBJECT_INVALID', 'credentialSubject', 'credentialSubject must make claims about at least one subject (VC Data Model 2.0, 4.8)');
  list.forEach((item, i) => {
    const at = Array.isArray(subject) ? `credentialSubject[${i}]` : 'credentialSubject';
    if (!isObject(item) || Object.keys(item).length === 0) refuse('ERR_VCDM_SUBJECT_INVALID', at, `${at} must be an object with at least one claim (VC Data Model 2.0, 4.8)`);
    checkId(item['id'], `${at}.id`);
  });
}

// Section 4.9: dateTimeStamps, and validFrom no later than validUntil.
function checkValidity(validFrom: unknown, validUntil: unknown): void {
  for (const [name, value] of [['validFrom', validFrom], ['validUntil', validUntil]] as const) {
    if (value !== undefined && !isDateTimeStamp(value)) refuse('ERR_VCDM_VALIDITY_INVALID', name, `${name} must be a date-time with a time zone, such as 2026-05-01T09:00:00Z (VC Data Model 2.0, 4.9)`);
  }
  if (typeof validFrom === 'string' && typeof validUntil === 'string' && Date.parse(validFrom) > Date.parse(validUntil)) {
    refuse('ERR_VCDM_VALIDITY_INVALID', 'validUntil', 'validUntil must not be earlier than validFrom (VC Data Model 2.0, 4.9)');
  }
}

// Section 5.3: each related resource has a URL id, unique in the list, and a digest of its content.
function checkRelatedResources(value: unknown): void {
  if (value === undefined) return;
  const seen = new Set<string>();
  const list = asList(value);
  if (list.length === 0) refuse('ERR_VCDM_RELATED_RESOURCE_INVALID', 'relatedResource', 'relatedResource must be an object or a non-empty list (VC Data Model 2.0, 5.3)');
  list.forEach((item, i) => {
    const at = Array.isArray(value) ? `relatedResource[${i}]` : 'relatedResource';
    if (!isObject(item) || !isUrl(item['id'])) refuse('ERR_VCDM_RELATED_RESOURCE_INVALID', `${at}.id`, `${at} must be an object whose id is a URL (VC Data Model 2.0, 5.3)`);
    if (seen.has(item['id'] as string)) refuse('ERR_VCDM_RELATED_RESOURCE_INVALID', `${at}.id`, `${at}.id names a resource listed before: each id must appear once (VC Data Model 2.0, 5.3)`);
    seen.add(item['id'] as string);
    const sri = item['digestSRI'];
    const multibase = item['digestMultibase'];
    if (sri === undefined && multibase === undefined) {
      refuse('ERR_VCDM_RELATED_RESOURCE_INVALID', at, `${at} must have digestSRI or digestMultibase (VC Data Model 2.0, 5.3)`);
    }
    if ((sri !== undefined && typeof sri !== 'string') || (multibase !== undefined && typeof multibase !== 'string')) {
      refuse('ERR_VCDM_RELATED_RESOURCE_INVALID', at, `${at}'s digest must be a string (VC Data Model 2.0, 5.3)`);
    }
  });
}

/**
 * Checks an unsecured credential against the rules of the VC Data Model 2.0 before it is signed:
 * `@context` (4.3), `id` (4.4), `type` (4.5), `name` and `description` (4.6), `issuer` (4.7),
 * `credentialSubject` (4.8), `validFrom` and `validUntil` (4.9), `credentialStatus` (4.10),
 * `credentialSchema` (4.11), no `proof` yet (4.12: the issuer secures it), `relatedResource` (5.3),
 * `refreshService` (5.4), `termsOfUse` (5.5) and `evidence` (5.6). Properties it does not define
 * are left alone (the model is open). The first rule broken is thrown.
 *
 * @example
 * checkDataModel({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: did, credentialSubject: { id: holder } });
 * @throws PassportError `ERR_VCDM_CONTEXT_FIRST`, `ERR_VCDM_CONTEXT_INVALID`, `ERR_VCDM_ID_INVALID`,
 *   `ERR_VCDM_TYPE_MISSING`, `ERR_VCDM_TYPE_INVALID`, `ERR_VCDM_NAME_INVALID`, `ERR_VCDM_ISSUER_MISSING`,
 *   `ERR_VCDM_ISSUER_INVALID`, `ERR_VCDM_SUBJECT_MISSING`, `ERR_VCDM_SUBJECT_INVALID`,
 *   `ERR_VCDM_VALIDITY_INVALID`, `ERR_VCDM_PROPERTY_INVALID`, `ERR_VCDM_SCHEMA_INVALID`,
 *   `ERR_VCDM_RELATED_RESOURCE_INVALID`, `ERR_VCDM_PROOF_PRESENT`; the field is `credential.<path>`.
 */
export function checkDataModel(credential: Record<string, unknown>): void {
  checkContext(credential['@context']);
  checkId(credential['id'], 'id');
  const types = checkTypeValue(credential['type'], 'type');
  if (!types.includes('VerifiableCredential')) refuse('ERR_VCDM_TYPE_MISSING', 'type', 'type must include VerifiableCredential (VC Data Model 2.0, 4.5)');
  checkLanguageValue(credential['name'], 'name');
  checkLanguageValue(credential['description'], 'description');
  checkIssuer(credential['issuer']);
  checkSubjects(credential['credentialSubject']);
  checkValidity(credential['validFrom'], credential['validUntil']);
  checkTypedObjects(credential['credentialStatus'], 'credentialStatus', false);
  checkTypedObjects(credential['credentialSchema'], 'credentialSchema', true);
  if (credential['proof'] !== undefined) refuse('ERR_VCDM_PROOF_PRESENT', 'proof', 'the credential is secured by the issuer: send it without a proof (VC Data Model 2.0, 4.12)');
  checkRelatedResources(credential['relatedResource']);
  checkTypedObjects(credential['refreshService'], 'refreshService', false);
  checkTypedObjects(credential['termsOfUse'], 'termsOfUse', false);
  checkTypedObjects(credential['evidence'], 'evidence', false);
}
