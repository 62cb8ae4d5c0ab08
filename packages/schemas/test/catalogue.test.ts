/**
 * The catalogue as a whole: every type is complete (versioned $id, display metadata, a label for
 * every claim, disclosable claims that exist, attribute metadata), its example validates, and
 * what the issuer derives still validates.
 */
import { describe, expect, it } from '@jest/globals';
import {
  CATALOGUE,
  findCatalogueTypes,
  getCredentialType,
  getCredentialTypeBySchemaId,
  schemaIdFor,
  validateCredential,
  validateCredentialBySchemaId,
} from '@staff-passport/schemas';
import { withHolder } from './helpers/examples.js';
import { objectSchemas, subjectSchemaOf, walkClaims } from './helpers/schema-walk.js';

const THE_ISSUE_TYPES = [
  'IdentityVerification',
  'RightToWork',
  'ProfessionalRegistration',
  'DbsCheck',
  'OccupationalHealthClearance',
  'EmploymentAssignment',
  'EmploymentReference',
  'EmploymentHistory',
  'TrainingRecord',
  'TrainingSummary',
  'RoleCompetence',
  'TrainingProgramme',
  'TrainingPlacement',
  // Issue 16: statutory and mandatory training outside the CSTF (Oliver McGowan, Care Certificate).
  'TrainingCompletion',
];

const compareVersions = (a: string, b: string) => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if (x![i] !== y![i]) return (x![i] ?? 0) - (y![i] ?? 0);
  return 0;
};

describe('the catalogue', () => {
  it('has every type of the issues (at least 14), each schema $id once', () => {
    expect(new Set(CATALOGUE.map((d) => d.type))).toEqual(new Set(THE_ISSUE_TYPES));
    expect(new Set(CATALOGUE.map((d) => d.schemaId)).size).toBe(CATALOGUE.length);
  });

  it('lists the newest version of each type first, and finds every version kept by its $id', () => {
    for (const type of new Set(CATALOGUE.map((d) => d.type))) {
      const versions = CATALOGUE.filter((d) => d.type === type).map((d) => d.version);
      expect([...versions].sort((a, b) => compareVersions(b, a))).toEqual(versions);
      expect(getCredentialType(type)?.version).toBe(versions[0]);
    }
    for (const d of CATALOGUE) expect(getCredentialTypeBySchemaId(d.schemaId)).toBe(d);
    expect(getCredentialTypeBySchemaId(schemaIdFor('training-record', '0.0.1'))).toBeUndefined();
  });
});

describe.each(CATALOGUE.map((d) => [`${d.type} ${d.version}`, d] as const))('%s', (_name, d) => {
  const subject = subjectSchemaOf(d.schema);
  const claims = walkClaims(subject);

  it('has a versioned $id, display metadata and a 2020-12 schema', () => {
    expect(d.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(d.schemaId).toBe(schemaIdFor(d.slug, d.version));
    expect(d.schema['$id']).toBe(d.schemaId);
    expect(d.schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(d.title).toBe(d.schema['title']);
    expect(d.description.length).toBeGreaterThan(20);
    expect(findCatalogueTypes(['VerifiableCredential', d.type])).toEqual([getCredentialType(d.type)]);
  });

  it('carries the attribute metadata block and closes every object to unknown fields', () => {
    expect(subject['required']).toEqual(expect.arrayContaining(['id', 'attributeMetadata']));
    expect(claims.map((c) => c.path)).toEqual(expect.arrayContaining(['attributeMetadata.origin', 'attributeMetadata.pedigree', 'attributeMetadata.lastRefresh']));
    for (const o of objectSchemas(subject)) if (o['type'] === 'object') expect(o['additionalProperties']).toBe(false);
  });

  it('labels every claim, and nothing else', () => {
    expect(Object.keys(d.labels).sort()).toEqual(claims.map((c) => c.path).sort());
    for (const label of Object.values(d.labels)) expect(label.trim().length).toBeGreaterThan(1);
  });

  it('makes only existing, optional-to-show claims disclosable by default', () => {
    const paths = new Set(claims.map((c) => c.path));
    for (const p of d.disclosable) expect(paths.has(p) ? p : `${p} is not a claim`).toBe(p);
    expect(d.disclosable.some((p) => p.startsWith('attributeMetadata'))).toBe(false);
  });

  it('requires only properties it defines, in conditional blocks too', () => {
    for (const o of objectSchemas(d.schema)) {
      const defined = new Set(Object.keys(o['properties'] as object));
      for (const name of (o['required'] as string[] | undefined) ?? []) expect(defined.has(name) ? name : `${name} undefined`).toBe(name);
      for (const block of (o['allOf'] as { then?: { required?: string[] } }[] | undefined) ?? []) {
        for (const name of block.then?.required ?? []) expect(defined.has(name) ? name : `${name} undefined`).toBe(name);
      }
    }
  });

  it('documents its rules', () => {
    for (const r of d.rules ?? []) {
      expect(r.code).toMatch(/^[a-z_]+$|^[a-z]+[A-Z][A-Za-z]*$/);
      expect(r.rule.length).toBeGreaterThan(10);
    }
    if (d.derive) expect(d.derives?.length).toBeGreaterThan(0);
  });

  it('validates its example, and what derive makes of it, by type and by schema $id', () => {
    const credential = withHolder(d.example);
    expect(validateCredential(credential, d)).toEqual({ valid: true, definition: d });
    const derived = d.derive?.(credential['credentialSubject'] as Record<string, unknown>);
    if (!derived) return;
    const issued = { ...credential, credentialSubject: derived.credentialSubject, ...(derived.validUntil ? { validUntil: derived.validUntil } : {}) };
    expect(validateCredentialBySchemaId(issued, d.schemaId)).toEqual({ valid: true, definition: d });
    // Deriving twice changes nothing.
    expect(d.derive!(derived.credentialSubject)).toEqual(derived);
    if (derived.validUntil) expect(derived.validUntil).toMatch(/^\d{4}-\d{2}-\d{2}T23:59:59Z$/);
  });
});
