import type { IssuerContext } from '../../issuer-context.js';
import type { CredentialStatusValue } from '../../status/change-credential-status.js';
import { createIssuedCredentialStore } from '../../store/issued-credential-store.js';

/** How many credentials an organisation has issued, by status. */
export type CredentialCounts = Record<CredentialStatusValue | 'total', number>;

/**
 * Counts an organisation's issued credentials by status (one grouped query over its records).
 *
 * @example
 * const { total, revoked } = await countIssuedCredentials(ctx, org.id);
 */
export async function countIssuedCredentials(ctx: Pick<IssuerContext, 'db'>, orgId: string): Promise<CredentialCounts> {
  const counts: CredentialCounts = { active: 0, suspended: 0, revoked: 0, total: 0 };
  for (const [status, n] of await createIssuedCredentialStore(ctx.db).countByStatus(orgId)) {
    if (status in counts) counts[status as CredentialStatusValue] = n;
    counts.total += n;
  }
  return counts;
}
