import { PassportError } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import { createOrganisationStore } from '../store/organisation-store.js';
import { organisationFromRow, type Organisation } from './organisation.js';

/**
 * The organisation with an id.
 *
 * @throws PassportError `ERR_ORG_NOT_FOUND`
 */
export async function getOrganisation(ctx: IssuerContext, orgId: string): Promise<Organisation> {
  const row = await createOrganisationStore(ctx.db).find(orgId);
  if (!row) throw new PassportError('ERR_ORG_NOT_FOUND', 'no organisation with that id', { field: 'orgId' });
  return organisationFromRow(row);
}

/** Every organisation, oldest first. */
export async function listOrganisations(ctx: IssuerContext): Promise<Organisation[]> {
  return (await createOrganisationStore(ctx.db).list()).map(organisationFromRow);
}
