import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { CATALOGUE, getCredentialTypeBySchemaId } from './catalogue.js';
import type { CredentialTypeDefinition, SchemaIssue } from './lib/catalogue-types.js';

// ajv-formats is CommonJS with a default export; under NodeNext the namespace arrives whole.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** The result of validating a credential document against its catalogue type. */
export type CredentialValidation =
  | { valid: true; definition: CredentialTypeDefinition }
  | { valid: false; definition?: CredentialTypeDefinition; issues: SchemaIssue[] };

// strictTuples off: a VC's @context and type are open-ended arrays whose first item is fixed.
const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTuples: false, allowUnionTypes: true });
addFormats(ajv, ['date', 'date-time', 'uri', 'email']);
// Annotation keywords of ours: a plain-English message for the field, and nothing else.
ajv.addKeyword({ keyword: 'x-message', schemaType: 'string' });

// Compiled once, at module load, for every schema version in the catalogue.
const validators = new Map<string, ValidateFunction>(CATALOGUE.map((d) => [d.schemaId, ajv.compile(d.schema)]));

const DEFAULT_MESSAGES: Record<string, (e: ErrorObject) => string> = {
  required: () => 'is required',
  additionalProperties: () => 'is not a field of this credential type',
  type: (e) => `must be ${String(e.params['type'])}`,
  enum: (e) => `must be one of ${(e.params['allowedValues'] as unknown[]).join(', ')}`,
  const: (e) => `must be ${JSON.stringify(e.params['allowedValue'])}`,
  format: (e) => `must be a valid ${String(e.params['format'])}`,
};

function toIssue(e: ErrorObject): SchemaIssue {
  const segments = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'required') segments.push(String(e.params['missingProperty']));
  if (e.keyword === 'additionalProperties') segments.push(String(e.params['additionalProperty']));
  const code = e.keyword === 'additionalProperties' ? 'unknown_property' : e.keyword;
  const custom = e.keyword === 'required' || e.keyword === 'additionalProperties' ? undefined : e.parentSchema?.['x-message'];
  const message = typeof custom === 'string' ? custom : (DEFAULT_MESSAGES[e.keyword]?.(e) ?? e.message ?? 'is invalid');
  return { path: segments.join('.'), code, message };
}

/** Keep the most useful issue per path: `prefixItems`/`contains` noise is folded into one. */
function dedupe(issues: SchemaIssue[]): SchemaIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

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
  const validate = validators.get(definition.schemaId);
  if (!validate) {
    return { valid: false, issues: [{ path: 'credentialSchema.id', code: 'unknown_schema', message: 'is not a schema of the catalogue' }] };
  }
  if (!validate(credential)) {
    return { valid: false, definition, issues: dedupe((validate.errors ?? []).map(toIssue)) };
  }
  const subject = (credential as { credentialSubject: Record<string, unknown> }).credentialSubject;
  const ruleIssues = definition.checkRules?.(subject) ?? [];
  return ruleIssues.length > 0 ? { valid: false, definition, issues: ruleIssues } : { valid: true, definition };
}

/**
 * Validates a credential against the schema its `credentialSchema` names (any catalogue version).
 *
 * @example
 * validateCredentialBySchemaId(vc, vc.credentialSchema.id)
 */
export function validateCredentialBySchemaId(credential: unknown, schemaId: string): CredentialValidation {
  const definition = getCredentialTypeBySchemaId(schemaId);
  if (!definition) {
    return { valid: false, issues: [{ path: 'credentialSchema.id', code: 'unknown_schema', message: `${schemaId} is not a schema of the catalogue` }] };
  }
  return validateCredential(credential, definition);
}
