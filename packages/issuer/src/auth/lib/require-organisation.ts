import { PassportError, type SqlExecutor } from '@staff-passport/core';

/**
 * Checks that an organisation exists, inside the caller's transaction.
 *
 * @throws PassportError `ERR_ORG_NOT_FOUND`
 */
export async function requireOrganisation(tx: SqlExecutor, orgId: string): Promise<void> {
  const rows = (await tx.query('SELECT id FROM sp_organisations WHERE id = ?', [orgId])) as unknown[];
  if (rows.length === 0) throw new PassportError('ERR_ORG_NOT_FOUND', 'no organisation with that id', { field: 'orgId' });
}
