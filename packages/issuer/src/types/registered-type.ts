import { PassportError, isObject } from '@staff-passport/core';
import { CATALOGUE, VC_CONTEXT_V2, addMonths, type CredentialTypeDefinition, type RuleDescription } from '@staff-passport/schemas';
import type { CredentialTypeRow } from '../store/credential-type-store.js';

/** What a platform administrator publishes: one version of a credential type beyond the catalogue. */
export interface CredentialTypeInput {
  /** The VC `type` value, for example `FitTestRecord`. */
  type: string;
  /** URL path segment (default: the type in kebab-case). */
  slug?: string;
  /** `MAJOR.MINOR.PATCH`. */
  version: string;
  /** The type's display name, and what it is for. */
  title: string;
  description: string;
  /** The JSON Schema (2020-12) of the whole credential; the issuer sets its `$id`. */
  schema: Record<string, unknown>;
  /** Claim display names, by dotted path under `credentialSubject`. */
  labels?: Record<string, string>;
  /** Claims (dotted paths under `credentialSubject`) selectively disclosable by default. */
  disclosable?: string[];
  /** Rules beyond the fields' formats, in plain English (the schema's conditions enforce them). */
  rules?: RuleDescription[];
  /** The rule of validity the issuer applies: `validUntil` is the end of the day `months` after the date claim `from`. */
  validity?: ValidityRule;
}

/** How long a credential of a registered type is valid: from a date claim, for whole months. */
export interface ValidityRule {
  /** A claim path under `credentialSubject` holding a date (YYYY-MM-DD). */
  from: string;
  months: number;
}

/** A published version, as the registry answers it. */
export interface RegisteredType {
  /** Where its JSON Schema is served (its `$id`, and `credentialSchema.id` of its credentials). */
  id: string;
  type: string;
  slug: string;
  version: string;
  title: string;
  description: string;
  labels: Record<string, string>;
  disclosable: string[];
  rules: RuleDescription[];
  validity?: ValidityRule;
  schema: Record<string, unknown>;
  publishedAt: string;
  publishedBy: string;
}

const JSON_SCHEMA_2020 = 'https://json-schema.org/draft/2020-12/schema';
const TYPE_NAME = /^[A-Z][A-Za-z0-9]{1,63}$/;
const SLUG = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const VERSION = /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/;
const CLAIM_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const MAX_SCHEMA_BYTES = 256 * 1024;

function invalid(field: string, message: string): PassportError {
  return new PassportError('ERR_TYPE_INVALID', message, { field });
}

function text(body: Record<string, unknown>, field: string, max: number): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) throw invalid(field, `${field} must be text of 1 to ${max} characters`);
  return value.trim();
}

function kebab(type: string): string {
  return type.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase();
}

function labelsOf(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (!isObject(value)) throw invalid('labels', 'labels must map claim paths to display names');
  for (const [path, label] of Object.entries(value)) {
    if (!CLAIM_PATH.test(path)) throw invalid(`labels.${path}`, `${path} is not a claim path such as fitTest.result`);
    if (typeof label !== 'string' || label.length === 0 || label.length > 200) throw invalid(`labels.${path}`, 'a display name is text of 1 to 200 characters');
  }
  return value as Record<string, string>;
}

function disclosableOf(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 200) throw invalid('disclosable', 'disclosable must list claim paths');
  value.forEach((path, i) => {
    if (typeof path !== 'string' || !CLAIM_PATH.test(path)) throw invalid(`disclosable[${i}]`, 'not a claim path such as fitTest.result');
  });
  return value as string[];
}

function rulesOf(value: unknown): RuleDescription[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 50) throw invalid('rules', 'rules must list {code, rule}');
  return value.map((r, i) => {
    if (!isObject(r) || typeof r['code'] !== 'string' || !/^[a-z][a-z0-9_]{0,63}$/.test(r['code']) || typeof r['rule'] !== 'string' || r['rule'].length === 0 || r['rule'].length > 500) {
      throw invalid(`rules[${i}]`, 'each rule is {code: a snake_case code, rule: the rule in plain English}');
    }
    return { code: r['code'], rule: r['rule'] };
  });
}

function validityOf(value: unknown): ValidityRule | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value) || typeof value['from'] !== 'string' || !CLAIM_PATH.test(value['from']) || !Number.isInteger(value['months']) || (value['months'] as number) < 1 || (value['months'] as number) > 1200) {
    throw invalid('validity', 'validity is {from: a date claim path such as fitTest.passedOn, months: 1 to 1200}');
  }
  return { from: value['from'], months: value['months'] as number };
}

function schemaOf(value: unknown, id: string): Record<string, unknown> {
  if (!isObject(value)) throw invalid('schema', 'schema must be a JSON Schema (2020-12) object');
  if (JSON.stringify(value).length > MAX_SCHEMA_BYTES) throw invalid('schema', `schema must be under ${MAX_SCHEMA_BYTES / 1024} KB`);
  if (value['$schema'] !== undefined && value['$schema'] !== JSON_SCHEMA_2020) throw invalid('schema.$schema', `schema.$schema must be ${JSON_SCHEMA_2020}`);
  if (value['$id'] !== undefined && value['$id'] !== id) throw invalid('schema.$id', `leave schema.$id out: the issuer serves the schema at ${id}`);
  if (value['type'] !== 'object') throw invalid('schema.type', 'the schema is of the whole credential: type must be object');
  const properties = value['properties'];
  if (!isObject(properties) || !isObject(properties['credentialSubject'])) throw invalid('schema.properties.credentialSubject', 'the schema must describe credentialSubject (the claims)');
  return { $schema: JSON_SCHEMA_2020, $id: id, ...value };
}

/** Where a registered version's schema is served: the issuer's own URL. */
export function registeredTypeIdFor(publicUrl: string, slug: string, version: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/types/${slug}/${version}`;
}

/**
 * Reads and checks what is published (before it meets the registry): names that are not the
 * catalogue's, a semantic version, a 2020-12 schema of the whole credential.
 *
 * @throws PassportError `ERR_TYPE_INVALID` naming the field.
 */
export function parseCredentialTypeInput(body: unknown, publicUrl: string): Omit<RegisteredType, 'publishedAt' | 'publishedBy'> {
  if (!isObject(body)) throw invalid('body', 'the body must be a JSON object');
  const type = text(body, 'type', 64);
  if (!TYPE_NAME.test(type) || type === 'VerifiableCredential') throw invalid('type', 'type must be a name such as FitTestRecord (a capital letter, then letters and digits)');
  const slug = body['slug'] === undefined ? kebab(type) : text(body, 'slug', 64);
  if (!SLUG.test(slug)) throw invalid('slug', 'slug must be kebab-case, such as fit-test-record');
  if (CATALOGUE.some((d) => d.type === type)) throw new PassportError('ERR_TYPE_CONFLICT', `${type} is a catalogue type`, { field: 'type' });
  if (CATALOGUE.some((d) => d.slug === slug)) throw new PassportError('ERR_TYPE_CONFLICT', `${slug} is a catalogue type's slug`, { field: 'slug' });
  const version = text(body, 'version', 20);
  if (!VERSION.test(version)) throw invalid('version', 'version must be MAJOR.MINOR.PATCH, such as 1.0.0');
  const id = registeredTypeIdFor(publicUrl, slug, version);
  return {
    id,
    type,
    slug,
    version,
    title: text(body, 'title', 200),
    description: text(body, 'description', 1000),
    labels: labelsOf(body['labels']),
    disclosable: disclosableOf(body['disclosable']),
    rules: rulesOf(body['rules']),
    ...(body['validity'] === undefined ? {} : { validity: validityOf(body['validity'])! }),
    schema: schemaOf(body['schema'], id),
  };
}

/** A stored version read back. */
export function registeredTypeFromRow(row: CredentialTypeRow): RegisteredType {
  const d = JSON.parse(row.definition) as Omit<RegisteredType, 'type' | 'slug' | 'version' | 'publishedAt' | 'publishedBy'>;
  return { ...d, type: row.type, slug: row.slug, version: row.version, publishedAt: row.published_at, publishedBy: row.published_by };
}

/**
 * A registered version as a catalogue entry, so issuing, OpenID4VCI and the HR console treat it
 * as they treat the catalogue's (no `checkRules` or `derive`: its rules are the schema's).
 */
export function toTypeDefinition(registered: RegisteredType): CredentialTypeDefinition {
  return {
    type: registered.type,
    slug: registered.slug,
    version: registered.version,
    schemaId: registered.id,
    // SD-JWT VC names the type by a URI; the schema's URL is this version's one name.
    vct: registered.id,
    schema: registered.schema,
    title: registered.title,
    description: registered.description,
    labels: registered.labels,
    disclosable: registered.disclosable,
    ...(registered.rules.length > 0 ? { rules: registered.rules } : {}),
    ...(registered.validity ? validityDerivation(registered.validity) : {}),
    example: { '@context': [VC_CONTEXT_V2], type: ['VerifiableCredential', registered.type], credentialSubject: { id: '{holderDid}' } },
  };
}

function claimAt(subject: Record<string, unknown>, path: string): unknown {
  let value: unknown = subject;
  for (const key of path.split('.')) value = isObject(value) ? value[key] : undefined;
  return value;
}

/** The type's validity rule as a catalogue derivation: `validUntil` at the end of the day the rule gives, when the claim holds a date. */
function validityDerivation(rule: ValidityRule): Pick<CredentialTypeDefinition, 'derive' | 'derives'> {
  return {
    derives: [`validUntil: the end of the day ${rule.months} months after ${rule.from}`],
    derive: (subject) => {
      const from = claimAt(subject, rule.from);
      if (typeof from !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(from)) return { credentialSubject: subject };
      return { credentialSubject: subject, validUntil: `${addMonths(from, rule.months)}T23:59:59Z` };
    },
  };
}

/** Compares two `MAJOR.MINOR.PATCH` versions (negative when `a` is older). */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}
