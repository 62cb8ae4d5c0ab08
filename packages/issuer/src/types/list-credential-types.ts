import { PassportError } from '@staff-passport/core';
import type { CredentialTypeDefinition } from '@staff-passport/schemas';
import type { IssuerContext } from '../issuer-context.js';
import { findCredentialTypes } from '../store/credential-type-store.js';
import { compareVersions, registeredTypeFromRow, toTypeDefinition, type RegisteredType } from './registered-type.js';

/**
 * Every published version of the registry, by type, newest version first.
 *
 * @example
 * const all = await listCredentialTypes(ctx);
 */
export async function listCredentialTypes(ctx: IssuerContext): Promise<RegisteredType[]> {
  const rows = (await findCredentialTypes(ctx.db)).map(registeredTypeFromRow);
  return rows.sort((a, b) => a.type.localeCompare(b.type) || compareVersions(b.version, a.version));
}

/**
 * One published version, by slug and version.
 *
 * @throws PassportError `ERR_TYPE_NOT_FOUND`
 */
export async function getCredentialTypeVersion(ctx: IssuerContext, slug: string, version: string): Promise<RegisteredType> {
  const [row] = await findCredentialTypes(ctx.db, { slug, version });
  if (!row) throw new PassportError('ERR_TYPE_NOT_FOUND', 'no credential type with that slug and version', { field: 'slug' });
  return registeredTypeFromRow(row);
}

/**
 * The newest version of each registered type, as catalogue entries (what is issued and offered).
 *
 * @example
 * const offered = [...offerableTypes(), ...(await listNewestRegisteredTypes(ctx))];
 */
export async function listNewestRegisteredTypes(ctx: IssuerContext): Promise<CredentialTypeDefinition[]> {
  const all = await listCredentialTypes(ctx);
  return all.filter((t, i) => all.findIndex((x) => x.type === t.type) === i).map(toTypeDefinition);
}

/**
 * The newest registered version of one of these type names, or undefined (a type the registry
 * does not hold). Two registered names in one credential are ambiguous: undefined too.
 */
export async function findNewestRegisteredType(ctx: IssuerContext, names: readonly string[]): Promise<CredentialTypeDefinition | undefined> {
  const found: CredentialTypeDefinition[] = [];
  for (const type of new Set(names)) {
    if (type === 'VerifiableCredential') continue;
    const versions = (await findCredentialTypes(ctx.db, { type })).map(registeredTypeFromRow).sort((a, b) => compareVersions(b.version, a.version));
    if (versions[0]) found.push(toTypeDefinition(versions[0]));
  }
  return found.length === 1 ? found[0] : undefined;
}
