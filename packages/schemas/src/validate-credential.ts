import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { CATALOGUE } from './catalogue.js';
import type { CredentialTypeDefinition, SchemaIssue } from './lib/catalogue-types.js';
import { indexCatalogue } from './lib/index-catalogue.js';

// ajv-formats is CommonJS with a default export; under NodeNext the namespace arrives whole.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** The result of validating a credential document against its catalogue type. */
export type CredentialValidation =
  | { valid: true; definition: CredentialTypeDefinition }
  | { valid: false; definition?: CredentialTypeDefinition; issues: SchemaIssue[] };

/** Validation over a fixed set of catalogue entries, every schema compiled once. */
export interface CredentialValidator {
  validate(credential: unknown, definition: CredentialTypeDefinition): CredentialValidation;
  validateBySchemaId(credential: unknown, schemaId: string): CredentialValidation;
}

const DEFAULT_MESSAGES: Record<string, (e: ErrorObject) => string> = {
  required: () => 'is required',
  additionalProperties: () => 'is not a field of this credential type',
  type: (e) => `must be ${String(e.params['type'])}`,
  enum: (e) => `must be one of ${(e.params['allowedValues'] as unknown[]).join(', ')}`,
  const: (e) => `must be ${JSON.stringify(e.params['allowedValue'])}`,
  format: (e) => `must be a valid ${String(e.params['format'])}`,
  pattern: (e) => `must match ${String(e.params['pattern'])}`,
  minItems: (e) => `must have at least ${String(e.params['limit'])} item${e.params['limit'] === 1 ? '' : 's'}`,
  maxItems: (e) => `must have at most ${String(e.params['limit'])} items`,
  minLength: (e) => (e.params['limit'] === 1 ? 'must not be empty' : `must be at least ${String(e.params['limit'])} characters`),
  maxLength: (e) => `must be at most ${String(e.params['limit'])} characters`,
  minimum: (e) => `must be at least ${String(e.params['limit'])}`,
  maximum: (e) => `must be at most ${String(e.params['limit'])}`,
  exclusiveMinimum: (e) => `must be more than ${String(e.params['limit'])}`,
  uniqueItems: () => 'must not repeat an item',
};

function customMessage(e: ErrorObject): unknown {
  if (e.keyword === 'additionalProperties') return undefined;
  // A `required` inside a conditional block (`then`, no properties of its own) may explain the
  // condition; on an ordinary object schema an `x-message` would be about the object instead.
  if (e.keyword === 'required') return e.parentSchema?.['properties'] === undefined ? e.parentSchema?.['x-message'] : undefined;
  return e.parentSchema?.['x-message'];
}

function toIssue(e: ErrorObject): SchemaIssue {
  const segments = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'required') segments.push(String(e.params['missingProperty']));
  if (e.keyword === 'additionalProperties') segments.push(String(e.params['additionalProperty']));
  const code = e.keyword === 'additionalProperties' ? 'unknown_property' : e.keyword;
  const custom = customMessage(e);
  const message = typeof custom === 'string' ? custom : (DEFAULT_MESSAGES[e.keyword]?.(e) ?? e.message ?? 'is invalid');
  return { path: segments.join('.'), code, message };
}

/** One issue per path and message (a `then` and the main schema may both say a field is not a string). */
function dedupe(issues: SchemaIssue[]): SchemaIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function unknownSchema(message: string): CredentialValidation {
  return { valid: false, issues: [{ path: 'credentialSchema.id', code: 'unknown_schema', message }] };
}

/**
 * A validator over some catalogue entries, each schema compiled once, here. The package's own
 * {@link validateCredential} is one over the whole catalogue; tests make others (for example to
 * show an older schema version still validating after a newer one is added).
 *
 * @throws Error when a schema does not compile (a programming error in the catalogue).
 */
export function createCredentialValidator(entries: readonly CredentialTypeDefinition[]): CredentialValidator {
  // strictTuples off: a VC's @context and type are open-ended arrays whose first item is fixed.
  // strictRequired off: `then: {required: [...]}` names properties its parent schema defines
  // (ajv cannot see that); the catalogue test checks every required name is defined.
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTuples: false, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv, ['date', 'date-time', 'uri', 'email']);
  // Annotation keyword of ours: a plain-English message for the field, and nothing else.
  ajv.addKeyword({ keyword: 'x-message', schemaType: 'string' });
  const validators = new Map<string, ValidateFunction>(entries.map((d) => [d.schemaId, ajv.compile(d.schema)]));
  const index = indexCatalogue(entries);

  function validate(credential: unknown, definition: CredentialTypeDefinition): CredentialValidation {
    const check = validators.get(definition.schemaId);
    if (!check) return unknownSchema('is not a schema of the catalogue');
    if (!check(credential)) {
      // `if` errors only repeat that a `then` failed (the `then` errors say what), and a failed
      // `contains` also reports every item that did not match: the `contains` error says it all.
      const errors = (check.errors ?? []).filter((e) => e.keyword !== 'if' && !e.schemaPath.includes('/contains/'));
      return { valid: false, definition, issues: dedupe(errors.map(toIssue)) };
    }
    const subject = (credential as { credentialSubject: Record<string, unknown> }).credentialSubject;
    const ruleIssues = definition.checkRules?.(subject) ?? [];
    return ruleIssues.length > 0 ? { valid: false, definition, issues: ruleIssues } : { valid: true, definition };
  }

  return {
    validate,
    validateBySchemaId(credential, schemaId) {
      const definition = index.bySchemaId(schemaId);
      return definition ? validate(credential, definition) : unknownSchema(`${schemaId} is not a schema of the catalogue`);
    },
  };
}

// Compiled once, at module load, for every schema version in the catalogue.
const catalogueValidator = createCredentialValidator(CATALOGUE);

/**
 * Validates a credential document against a catalogue type's schema and rules.
 *
 * Never throws for a bad document: problems come back as `issues`, each with a dotted path from
 * the credential root, a stable code and a plain-English message.
 *
 * @example
 * const r = validateCredential(credential, trainingRecordType);
 * if (!r.valid) r.issues // [{ path: 'credentialSubject.training.level', code: 'enum', message: 'must be 1, 2 or 3' }]
 */
export function validateCredential(credential: unknown, definition: CredentialTypeDefinition): CredentialValidation {
  return catalogueValidator.validate(credential, definition);
}

/**
 * Validates a credential against the schema its `credentialSchema` names (any catalogue version).
 *
 * @example
 * validateCredentialBySchemaId(vc, vc.credentialSchema.id)
 */
export function validateCredentialBySchemaId(credential: unknown, schemaId: string): CredentialValidation {
  return catalogueValidator.validateBySchemaId(credential, schemaId);
}
