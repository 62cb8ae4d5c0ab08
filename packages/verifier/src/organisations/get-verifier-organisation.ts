import { PassportError } from '@staff-passport/core';
import type { VerifierContext } from '../verifier-context.js';
import { organisationFromRow, type VerifierOrganisation } from './verifier-organisation.js';

const ORG_ID = /^org_[0-9a-f]{16}$/;

/**
 * One organisation of the verifier.
 *
 * @example
 * const org = await getVerifierOrganisation(ctx, 'org_0123456789abcdef');
 * @throws PassportError `ERR_ORG_NOT_FOUND`
 */
export async function getVerifierOrganisation(ctx: Pick<VerifierContext, 'stores' | 'publicUrl'>, orgId: string): Promise<VerifierOrganisation> {
  const row = ORG_ID.test(orgId) ? await ctx.stores.organisations.find(orgId) : undefined;
  if (!row) throw new PassportError('ERR_ORG_NOT_FOUND', 'no organisation with that id', { field: 'orgId' });
  return organisationFromRow(row, ctx.publicUrl);
}

/**
 * Every organisation of the verifier, oldest first.
 *
 * @example
 * const orgs = await listVerifierOrganisations(ctx);
 */
export async function listVerifierOrganisations(ctx: Pick<VerifierContext, 'stores' | 'publicUrl'>): Promise<VerifierOrganisation[]> {
  return (await ctx.stores.organisations.list()).map((row) => organisationFromRow(row, ctx.publicUrl));
}
