import { PassportError } from '@staff-passport/core';
import { findCatalogueTypes, type CredentialTypeDefinition } from '@staff-passport/schemas';
import type { IssuerContext } from '../issuer-context.js';
import type { Organisation } from '../organisations/organisation.js';
import { readAllowUnregistered } from '../store/credential-type-store.js';
import { findNewestRegisteredType } from '../types/list-credential-types.js';

/** What a credential's `type` names: a catalogue type, a registered one, or (where allowed) neither. */
export type IssueType = { kind: 'catalogue' | 'registered'; definition: CredentialTypeDefinition } | { kind: 'unregistered' };

function unknownType(): PassportError {
  return new PassportError('ERR_TYPE_UNKNOWN', 'credential.type must be ["VerifiableCredential", <one catalogue or registered type>]', { field: 'credential.type' });
}

/**
 * The type a credential is issued as, from the names in its `type`: one catalogue type (no
 * database read), else one registered type (its newest version), else, when the organisation
 * allows types not registered, none (the credential is checked against the VC Data Model only).
 *
 * @throws PassportError `ERR_TYPE_UNKNOWN` when the names are none of these, or name two known types.
 */
export async function findIssueType(ctx: IssuerContext, org: Pick<Organisation, 'id'>, type: unknown): Promise<IssueType> {
  const names = (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
  const catalogue = findCatalogueTypes(names);
  if (catalogue.length === 1 && Array.isArray(type)) return { kind: 'catalogue', definition: catalogue[0]! };
  if (catalogue.length === 0) {
    const registered = names.length > 0 ? await findNewestRegisteredType(ctx, names) : undefined;
    if (registered && Array.isArray(type)) return { kind: 'registered', definition: registered };
    if (!registered && (await readAllowUnregistered(ctx.db, org.id))) return { kind: 'unregistered' };
  }
  throw unknownType();
}

/** The catalogue type of a credential, without reading the database (for callers that offer the catalogue only). */
export function catalogueIssueType(type: unknown): IssueType {
  const catalogue = findCatalogueTypes(type);
  if (catalogue.length !== 1 || !Array.isArray(type)) throw unknownType();
  return { kind: 'catalogue', definition: catalogue[0]! };
}
