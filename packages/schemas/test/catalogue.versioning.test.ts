/**
 * Versioning (docs/credentials.md, "Versioning"): when a type gets a new version, the older one
 * stays in the catalogue after it. Shown here with a catalogue of its own: a hypothetical
 * TrainingRecord 1.1.0 that adds an optional claim (not the real 1.1.0, which added the CSTF
 * edition) over the frozen 1.0.0: new credentials are issued under 1.1.0, and credentials issued
 * under 1.0.0 still validate against the schema they name. The real versions' examples are under
 * test/examples/<slug>@<version>/.
 */
import { describe, expect, it } from '@jest/globals';
import { buildStaffPassportContext, schemaIdFor, trainingRecordSchema_1_0_0 as trainingRecordSchema, trainingRecordType_1_0_0 as trainingRecordType, type CredentialTypeDefinition } from '@staff-passport/schemas';
import { indexCatalogue } from '../src/lib/index-catalogue.js';
import { createCredentialValidator } from '../src/validate-credential.js';
import { withHolder } from './helpers/examples.js';

type Schema = Record<string, unknown>;
const v100 = trainingRecordSchema as unknown as Schema;

// 1.1.0 adds an optional `training.deliveryMethod` (an additive, minor change).
const v110Schema: Schema = structuredClone(v100);
v110Schema['$id'] = schemaIdFor('training-record', '1.1.0');
const training = ((v110Schema['properties'] as Record<string, Schema>)['credentialSubject']!['properties'] as Record<string, Schema>)['training']!;
(training['properties'] as Record<string, unknown>)['deliveryMethod'] = { enum: ['e_learning', 'face_to_face'] };

const trainingRecordV110: CredentialTypeDefinition = {
  ...trainingRecordType,
  version: '1.1.0',
  schemaId: v110Schema['$id'] as string,
  schema: v110Schema,
  labels: { ...trainingRecordType.labels, 'training.deliveryMethod': 'Delivery method' },
};

// Newest first, the older version kept after it.
const entries = [trainingRecordV110, trainingRecordType];
const validator = createCredentialValidator(entries);
const index = indexCatalogue(entries);

const issuedUnder = (definition: CredentialTypeDefinition, training: Record<string, unknown> = {}) => {
  const credential = withHolder(definition.example);
  Object.assign((credential['credentialSubject'] as { training: Record<string, unknown> }).training, training);
  return { ...credential, credentialSchema: { id: definition.schemaId, type: 'JsonSchema' } };
};

describe('a catalogue keeping an older schema version', () => {
  it('issues new credentials under the newest version', () => {
    expect(index.byType('TrainingRecord')).toBe(trainingRecordV110);
    expect(index.versionsOf('TrainingRecord').map((d) => d.version)).toEqual(['1.1.0', '1.0.0']);
  });

  it('finds every version by its schema $id', () => {
    expect(index.bySchemaId(schemaIdFor('training-record', '1.0.0'))).toBe(trainingRecordType);
    expect(index.bySchemaId(schemaIdFor('training-record', '1.1.0'))).toBe(trainingRecordV110);
  });

  it('still validates a credential issued under 1.0.0 against 1.0.0', () => {
    const old = issuedUnder(trainingRecordType);
    expect(validator.validateBySchemaId(old, old.credentialSchema.id)).toEqual({ valid: true, definition: trainingRecordType });
  });

  it('validates the new claim under 1.1.0 only', () => {
    const current = issuedUnder(trainingRecordV110, { deliveryMethod: 'e_learning' });
    expect(validator.validateBySchemaId(current, current.credentialSchema.id).valid).toBe(true);
    const claimedOld = { ...current, credentialSchema: { id: trainingRecordType.schemaId, type: 'JsonSchema' } };
    expect(validator.validateBySchemaId(claimedOld, claimedOld.credentialSchema.id)).toMatchObject({
      valid: false,
      issues: [{ path: 'credentialSubject.training.deliveryMethod', code: 'unknown_property' }],
    });
  });

  it('answers an unknown version as unknown_schema, never throwing', () => {
    expect(validator.validateBySchemaId({}, schemaIdFor('training-record', '9.0.0'))).toMatchObject({ valid: false, issues: [{ code: 'unknown_schema' }] });
  });

  it('grows the one v1 context with the new term (terms are only added)', () => {
    const before = buildStaffPassportContext([trainingRecordType])['@context'];
    const after = buildStaffPassportContext(entries)['@context'];
    expect(after).toMatchObject(before);
    expect(after['deliveryMethod']).toEqual({ '@id': 'sp:deliveryMethod' });
  });

  it('refuses a catalogue listing a schema $id twice', () => {
    expect(() => indexCatalogue([trainingRecordType, trainingRecordType])).toThrow(/twice/);
  });
});
