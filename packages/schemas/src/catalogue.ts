import type { CredentialTypeDefinition } from './lib/catalogue-types.js';
import { trainingRecordType } from './types/training-record-type.js';

/**
 * Every credential type the staff passport knows, newest version of each first. A verifier
 * accepts every version listed here (see docs/credentials.md, "Versioning").
 */
export const CATALOGUE: readonly CredentialTypeDefinition[] = [trainingRecordType];

const byType = new Map<string, CredentialTypeDefinition>();
const bySchemaId = new Map<string, CredentialTypeDefinition>();
for (const entry of CATALOGUE) {
  if (!byType.has(entry.type)) byType.set(entry.type, entry);
  bySchemaId.set(entry.schemaId, entry);
}

/**
 * The newest catalogue entry for a VC type name, or undefined.
 *
 * @example
 * getCredentialType('TrainingRecord')?.schemaId
 */
export function getCredentialType(type: string): CredentialTypeDefinition | undefined {
  return byType.get(type);
}

/** The catalogue entry whose schema has this `$id` (any version), or undefined. */
export function getCredentialTypeBySchemaId(schemaId: string): CredentialTypeDefinition | undefined {
  return bySchemaId.get(schemaId);
}

/**
 * The catalogue types named in a credential's `type` (anything but `VerifiableCredential`).
 *
 * @example
 * findCatalogueTypes(['VerifiableCredential', 'TrainingRecord']) // [trainingRecordType]
 */
export function findCatalogueTypes(type: unknown): CredentialTypeDefinition[] {
  const names = Array.isArray(type) ? type : [type];
  return names.flatMap((name) => (typeof name === 'string' ? (byType.get(name) ?? []) : []));
}
