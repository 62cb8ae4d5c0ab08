import type { SqlExecutor } from '@staff-passport/core';
import type { Kysely } from 'kysely';

/** sp_credential_types: each published version of a credential type beyond the catalogue; never updated. */
export type CredentialTypesTable = {
  slug: string;
  version: string;
  type: string;
  /** The definition as published: title, description, labels, disclosable, rules and the JSON Schema (JSON). */
  definition: string;
  published_at: string;
  published_by: string;
};

/** sp_org_type_settings: what an organisation may issue beyond the catalogue and the registry. */
export type OrgTypeSettingsTable = {
  org_id: string;
  /** 1 when credentials of types nobody registered may be issued (checked against the VC Data Model only). */
  allow_unregistered: number;
  updated_at: string;
  updated_by: string;
};

type TypeTables = { sp_credential_types: CredentialTypesTable; sp_org_type_settings: OrgTypeSettingsTable };

function typeSql(db: SqlExecutor): Kysely<TypeTables> {
  return db.kysely.withTables<TypeTables>();
}

/** A published version as stored. */
export type CredentialTypeRow = CredentialTypesTable;

/**
 * Records a published version; false when that slug and version exist already (nothing changes:
 * a published version is immutable).
 *
 * @example
 * const inserted = await insertCredentialType(tx, { slug: 'fit-test', version: '1.0.0', type: 'FitTest', definition, published_at, published_by });
 */
export async function insertCredentialType(tx: SqlExecutor, row: CredentialTypeRow): Promise<boolean> {
  const inserted = await typeSql(tx)
    .insertInto('sp_credential_types')
    .values(row)
    .onConflict((oc) => oc.columns(['slug', 'version']).doNothing())
    .executeTakeFirst();
  return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/**
 * Published versions, matched on the type name or the slug (either may be left out), oldest
 * publication first.
 *
 * @example
 * const versions = await findCredentialTypes(db, { type: 'FitTest' });
 */
export async function findCredentialTypes(db: SqlExecutor, match: { type?: string; slug?: string; version?: string } = {}): Promise<CredentialTypeRow[]> {
  let q = typeSql(db).selectFrom('sp_credential_types').selectAll();
  if (match.type !== undefined) q = q.where('type', '=', match.type);
  if (match.slug !== undefined) q = q.where('slug', '=', match.slug);
  if (match.version !== undefined) q = q.where('version', '=', match.version);
  return q.orderBy('published_at').orderBy('slug').orderBy('version').execute();
}

/**
 * Whether an organisation may issue credentials of types not registered (false until set).
 *
 * @example
 * if (await readAllowUnregistered(db, org.id)) ...
 */
export async function readAllowUnregistered(db: SqlExecutor, orgId: string): Promise<boolean> {
  const row = await typeSql(db).selectFrom('sp_org_type_settings').select('allow_unregistered').where('org_id', '=', orgId).executeTakeFirst();
  return Number(row?.allow_unregistered ?? 0) === 1;
}

/**
 * Sets whether an organisation may issue credentials of types not registered.
 *
 * @example
 * await writeAllowUnregistered(tx, org.id, true, { at: now.toISOString(), by: 'key_1' });
 */
export async function writeAllowUnregistered(tx: SqlExecutor, orgId: string, allow: boolean, change: { at: string; by: string }): Promise<void> {
  const row = { org_id: orgId, allow_unregistered: allow ? 1 : 0, updated_at: change.at, updated_by: change.by };
  await typeSql(tx)
    .insertInto('sp_org_type_settings')
    .values(row)
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ allow_unregistered: row.allow_unregistered, updated_at: row.updated_at, updated_by: row.updated_by }))
    .execute();
}
