import { PassportError, type SqlExecutor } from '@staff-passport/core';
import { createOrganisationStore } from '../../store/organisation-store.js';

/**
 * Checks that an organisation exists, inside the caller's transaction.
 *
 * @throws PassportError `ERR_ORG_NOT_FOUND`
 */
export async function requireOrganisation(tx: SqlExecutor, orgId: string): Promise<void> {
  if (!(await createOrganisationStore(tx).exists(orgId))) throw new PassportError('ERR_ORG_NOT_FOUND', 'no organisation with that id', { field: 'orgId' });
}
