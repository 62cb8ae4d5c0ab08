import type { CredentialTypeDefinition } from './catalogue-types.js';

/** Lookups over a list of catalogue entries (newest version of each type first). */
export interface CatalogueIndex {
  /** The newest entry for a VC type name. */
  byType(type: string): CredentialTypeDefinition | undefined;
  /** The entry whose schema has this `$id`, whatever its version. */
  bySchemaId(schemaId: string): CredentialTypeDefinition | undefined;
  /** Every version of a type, newest first. */
  versionsOf(type: string): CredentialTypeDefinition[];
}

/**
 * Indexes catalogue entries by type name (the first entry of a name wins, so list the newest
 * first) and by schema `$id` (every version stays reachable, so older credentials still verify).
 *
 * @throws Error when two entries share a schema `$id` (a programming error in the catalogue).
 */
export function indexCatalogue(entries: readonly CredentialTypeDefinition[]): CatalogueIndex {
  const byType = new Map<string, CredentialTypeDefinition>();
  const bySchemaId = new Map<string, CredentialTypeDefinition>();
  for (const entry of entries) {
    if (bySchemaId.has(entry.schemaId)) throw new Error(`the catalogue lists ${entry.schemaId} twice`);
    if (!byType.has(entry.type)) byType.set(entry.type, entry);
    bySchemaId.set(entry.schemaId, entry);
  }
  return {
    byType: (type) => byType.get(type),
    bySchemaId: (schemaId) => bySchemaId.get(schemaId),
    versionsOf: (type) => entries.filter((e) => e.type === type),
  };
}
