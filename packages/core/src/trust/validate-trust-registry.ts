import { CATALOGUE, MOVE_KIND_CODES } from '@staff-passport/schemas';
import type { FieldIssue } from '../errors/passport-error.js';
import { isObject } from '../lib/is-object.js';
import { isDateTime, periodOf } from './lib/registry-dates.js';
import { TRUST_REGISTRY_TYPE } from './trust-registry-model.js';

/** Options for {@link validateTrustRegistry}. */
export interface ValidateTrustRegistryOptions {
  /** A draft (being edited, not yet signed) may lack `issuedAt` and `validUntil`. */
  draft?: boolean;
}

// DID Core, section 3.1: did:method:method-specific-id (idchar or pct-encoded, colon-separated).
const DID = /^did:[a-z0-9]+:(?:(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})*:)*(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})+$/;
// ODS codes: trusts 3 characters (RTH), sites 5 (RTH01), GP practices 6 (A81001); as the catalogue.
const ODS_CODE = /^[A-Z0-9]{3,6}$/;
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const MAX_NAME = 300;

const REGISTRY_FIELDS = new Set(['type', 'id', 'name', 'version', 'issuedAt', 'validUntil', 'operator', 'entries']);
const OPERATOR_FIELDS = new Set(['name', 'did']);
const ENTRY_FIELDS = new Set(['did', 'odsCode', 'name', 'credentialTypes', 'asks', 'validFrom', 'validUntil', 'successor']);
const ASK_FIELDS = new Set(['purposes', 'credentials']);
const CREDENTIAL_ASK_FIELDS = new Set(['type', 'claims']);
// A claim path under credentialSubject, as check profiles name them: `person.givenName`.
const CLAIM_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Catalogue type names, computed when first needed (the catalogue never changes at run time). */
let catalogueTypes: Set<string> | undefined;
function knownTypes(): Set<string> {
  catalogueTypes ??= new Set(CATALOGUE.map((d) => d.type));
  return catalogueTypes;
}

class Issues {
  readonly list: FieldIssue[] = [];

  add(path: string, code: string, message: string): void {
    this.list.push({ path, code, message });
  }

  unknownFields(value: Record<string, unknown>, allowed: Set<string>, prefix: string, what: string): void {
    for (const key of Object.keys(value)) {
      if (!allowed.has(key)) this.add(`${prefix}${key}`, 'unknown_property', `is not a field of ${what}`);
    }
  }

  text(value: Record<string, unknown>, key: string, path: string, required = true): void {
    const v = value[key];
    if (v === undefined) {
      if (required) this.add(path, 'required', 'is required');
    } else if (typeof v !== 'string') this.add(path, 'type', 'must be a string');
    else if (v.trim() === '') this.add(path, 'minLength', 'must not be empty');
    else if (v.length > MAX_NAME) this.add(path, 'maxLength', `must be at most ${MAX_NAME} characters`);
  }

  did(value: Record<string, unknown>, key: string, path: string, required = true): void {
    const v = value[key];
    if (v === undefined) {
      if (required) this.add(path, 'required', 'is required');
    } else if (typeof v !== 'string' || !DID.test(v)) this.add(path, 'pattern', 'must be a DID such as did:web:example.nhs.uk');
  }

  dateTime(value: Record<string, unknown>, key: string, path: string, required: boolean): void {
    const v = value[key];
    if (v === undefined) {
      if (required) this.add(path, 'required', 'is required');
    } else if (!isDateTime(v)) this.add(path, 'format', 'must be an ISO 8601 date-time with an offset, such as 2025-04-01T00:00:00Z');
  }
}

/** Checks a list of distinct strings, each by `check`; false when it is not a non-empty array. */
function checkList(value: unknown, path: string, issues: Issues, what: string, check: (item: string, at: string) => void): boolean {
  if (value === undefined) {
    issues.add(path, 'required', 'is required');
    return false;
  }
  if (!Array.isArray(value)) {
    issues.add(path, 'type', `must be an array of ${what}`);
    return false;
  }
  if (value.length === 0) {
    issues.add(path, 'minItems', 'must have at least 1 item');
    return false;
  }
  const seen = new Set<unknown>();
  value.forEach((item: unknown, i) => {
    if (seen.has(item)) issues.add(`${path}.${i}`, 'uniqueItems', 'must not repeat an item');
    seen.add(item);
    if (typeof item !== 'string') issues.add(`${path}.${i}`, 'type', 'must be a string');
    else check(item, `${path}.${i}`);
  });
  return true;
}

function checkCredentialAsk(value: unknown, at: string, issues: Issues): void {
  if (!isObject(value)) return issues.add(at, 'type', 'must be an object {type, claims}');
  issues.unknownFields(value, CREDENTIAL_ASK_FIELDS, `${at}.`, 'a registered credential ask');
  const type = value['type'];
  if (type === undefined) issues.add(`${at}.type`, 'required', 'is required');
  else if (typeof type !== 'string' || !knownTypes().has(type)) issues.add(`${at}.type`, 'enum', `must be a catalogue credential type (${[...knownTypes()].join(', ')})`);
  checkList(value['claims'], `${at}.claims`, issues, 'claim paths', (claim, path) => {
    if (!CLAIM_PATH.test(claim)) issues.add(path, 'pattern', 'must be a dotted claim path under credentialSubject, such as person.givenName');
  });
}

/** A verifier's asks: per purposes (kinds of move), the credential types and claims it may ask for. */
function checkAsks(value: unknown, path: string, issues: Issues): void {
  if (!Array.isArray(value)) return issues.add(path, 'type', 'must be an array of {purposes, credentials}');
  if (value.length === 0) return issues.add(path, 'minItems', 'must have at least 1 item (leave asks out for an entry that asks for nothing)');
  value.forEach((ask: unknown, i) => {
    const at = `${path}.${i}`;
    if (!isObject(ask)) return issues.add(at, 'type', 'must be an object {purposes, credentials}');
    issues.unknownFields(ask, ASK_FIELDS, `${at}.`, 'a registered ask');
    checkList(ask['purposes'], `${at}.purposes`, issues, 'purposes', (purpose, p) => {
      if (!(MOVE_KIND_CODES as readonly string[]).includes(purpose)) issues.add(p, 'enum', `${purpose} is not a purpose (${MOVE_KIND_CODES.join(', ')})`);
    });
    const credentials = ask['credentials'];
    if (credentials === undefined) return issues.add(`${at}.credentials`, 'required', 'is required');
    if (!Array.isArray(credentials) || credentials.length === 0) return issues.add(`${at}.credentials`, 'minItems', 'must be an array of at least 1 {type, claims}');
    const types = new Set<unknown>();
    credentials.forEach((c: unknown, j) => {
      const type = isObject(c) ? c['type'] : undefined;
      if (type !== undefined && types.has(type)) issues.add(`${at}.credentials.${j}.type`, 'uniqueItems', 'must not repeat a type within an ask');
      types.add(type);
      checkCredentialAsk(c, `${at}.credentials.${j}`, issues);
    });
  });
}

function checkCredentialTypes(value: unknown, path: string, issues: Issues, asks: boolean): void {
  // An entry that only asks (a verifier) may issue nothing.
  if (Array.isArray(value) && value.length === 0 && asks) return;
  if (Array.isArray(value) && value.includes('*') && value.length > 1) return issues.add(path, 'wildcard', '"*" (every type) must be the only item');
  checkList(value, path, issues, 'credential type names, or ["*"]', (t, at) => {
    if (t !== '*' && !knownTypes().has(t)) issues.add(at, 'enum', `${t} is not a catalogue credential type (${[...knownTypes()].join(', ')}, or *)`);
  });
}

function checkEntry(entry: unknown, i: number, issues: Issues): void {
  const at = `entries.${i}`;
  if (!isObject(entry)) return issues.add(at, 'type', 'must be an object');
  issues.unknownFields(entry, ENTRY_FIELDS, `${at}.`, 'a trust registry entry');
  issues.did(entry, 'did', `${at}.did`);
  const ods = entry['odsCode'];
  if (ods === undefined) issues.add(`${at}.odsCode`, 'required', 'is required');
  else if (typeof ods !== 'string' || !ODS_CODE.test(ods)) issues.add(`${at}.odsCode`, 'pattern', 'must be an ODS code such as RTH or A81001');
  issues.text(entry, 'name', `${at}.name`);
  checkCredentialTypes(entry['credentialTypes'], `${at}.credentialTypes`, issues, entry['asks'] !== undefined);
  if (entry['asks'] !== undefined) checkAsks(entry['asks'], `${at}.asks`, issues);
  issues.dateTime(entry, 'validFrom', `${at}.validFrom`, true);
  issues.dateTime(entry, 'validUntil', `${at}.validUntil`, false);
  if (isDateTime(entry['validFrom']) && isDateTime(entry['validUntil']) && Date.parse(entry['validUntil']) <= Date.parse(entry['validFrom'])) {
    issues.add(`${at}.validUntil`, 'period', 'must be after validFrom');
  }
  issues.did(entry, 'successor', `${at}.successor`, false);
  if (entry['successor'] !== undefined) {
    if (entry['successor'] === entry['did']) issues.add(`${at}.successor`, 'successor', 'must be another DID than the entry\'s own');
    // A successor takes over at a merge: the entry must say when this organisation stopped.
    if (entry['validUntil'] === undefined) issues.add(`${at}.validUntil`, 'required', 'is required when the entry names a successor (the date of the merge)');
  }
}

type Period = { index: number; from: number; until: number };

/** Entries of one DID must not overlap: at any instant a DID is at most one organisation. */
function checkOverlaps(entries: unknown[], issues: Issues): void {
  const byDid = new Map<string, Period[]>();
  entries.forEach((e, index) => {
    if (!isObject(e) || typeof e['did'] !== 'string' || !isDateTime(e['validFrom'])) return;
    if (e['validUntil'] !== undefined && !isDateTime(e['validUntil'])) return;
    const period = { index, ...periodOf({ validFrom: e['validFrom'], ...(typeof e['validUntil'] === 'string' ? { validUntil: e['validUntil'] } : {}) }) };
    byDid.set(e['did'], [...(byDid.get(e['did']) ?? []), period]);
  });
  for (const periods of byDid.values()) {
    for (let a = 0; a < periods.length; a++) {
      for (let b = a + 1; b < periods.length; b++) {
        const p = periods[a]!;
        const q = periods[b]!;
        if (p.from < q.until && q.from < p.until) {
          issues.add(`entries.${q.index}.validFrom`, 'overlap', `the period overlaps entries.${p.index} for the same DID`);
        }
      }
    }
  }
}

/**
 * Checks a trust registry document (or a draft) field by field and returns every problem, each
 * naming its field as a dotted path (`entries.2.credentialTypes.0`). An empty list means valid.
 * Credential type names are checked against the catalogue; a verifier's `asks` name purposes
 * (kinds of move), catalogue types and dotted claim paths.
 *
 * @example
 * const issues = validateTrustRegistry(JSON.parse(text), { draft: true });
 * if (issues.length > 0) throw new PassportError('ERR_TRUST_REGISTRY_INVALID', 'not a trust registry', { issues });
 */
export function validateTrustRegistry(value: unknown, options: ValidateTrustRegistryOptions = {}): FieldIssue[] {
  const issues = new Issues();
  if (!isObject(value)) {
    issues.add('', 'type', 'a trust registry must be a JSON object');
    return issues.list;
  }
  issues.unknownFields(value, REGISTRY_FIELDS, '', 'a trust registry');
  if (value['type'] === undefined) issues.add('type', 'required', 'is required');
  else if (value['type'] !== TRUST_REGISTRY_TYPE) issues.add('type', 'const', `must be ${JSON.stringify(TRUST_REGISTRY_TYPE)}`);
  if (value['id'] === undefined) issues.add('id', 'required', 'is required');
  else if (typeof value['id'] !== 'string' || !URI.test(value['id'])) issues.add('id', 'format', 'must be a URI (the URL the registry is published at, or a urn:uuid:)');
  issues.text(value, 'name', 'name');
  const version = value['version'];
  if (version === undefined) issues.add('version', 'required', 'is required');
  else if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) issues.add('version', 'type', 'must be a whole number, 0 or more');
  const required = options.draft !== true;
  issues.dateTime(value, 'issuedAt', 'issuedAt', required);
  issues.dateTime(value, 'validUntil', 'validUntil', required);
  if (isDateTime(value['issuedAt']) && isDateTime(value['validUntil']) && Date.parse(value['validUntil']) <= Date.parse(value['issuedAt'])) {
    issues.add('validUntil', 'period', 'must be after issuedAt');
  }
  const operator = value['operator'];
  if (operator === undefined) issues.add('operator', 'required', 'is required');
  else if (!isObject(operator)) issues.add('operator', 'type', 'must be an object {name, did?}');
  else {
    issues.unknownFields(operator, OPERATOR_FIELDS, 'operator.', 'the operator');
    issues.text(operator, 'name', 'operator.name');
    issues.did(operator, 'did', 'operator.did', false);
  }
  const entries = value['entries'];
  if (entries === undefined) issues.add('entries', 'required', 'is required');
  else if (!Array.isArray(entries)) issues.add('entries', 'type', 'must be an array');
  else {
    entries.forEach((e: unknown, i) => checkEntry(e, i, issues));
    checkOverlaps(entries, issues);
  }
  return issues.list;
}
