import { PassportError } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import { organisationFromRow, type Organisation, type OrganisationRow } from './organisation.js';

/**
 * The organisation with an id.
 *
 * @throws PassportError `ERR_ORG_NOT_FOUND`
 */
export async function getOrganisation(ctx: IssuerContext, orgId: string): Promise<Organisation> {
  const rows = (await ctx.db.query('SELECT * FROM sp_organisations WHERE id = ?', [orgId])) as OrganisationRow[];
  const row = rows[0];
  if (!row) throw new PassportError('ERR_ORG_NOT_FOUND', 'no organisation with that id', { field: 'orgId' });
  return organisationFromRow(row);
}

/** Every organisation, oldest first. */
export async function listOrganisations(ctx: IssuerContext): Promise<Organisation[]> {
  const rows = (await ctx.db.query('SELECT * FROM sp_organisations ORDER BY created_at, id')) as OrganisationRow[];
  return rows.map(organisationFromRow);
}
