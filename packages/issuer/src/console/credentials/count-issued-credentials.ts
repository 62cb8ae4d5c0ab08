import type { IssuerContext } from '../../issuer-context.js';
import type { CredentialStatusValue } from '../../status/change-credential-status.js';

/** How many credentials an organisation has issued, by status. */
export type CredentialCounts = Record<CredentialStatusValue | 'total', number>;

/**
 * Counts an organisation's issued credentials by status (one grouped query over its records).
 *
 * @example
 * const { total, revoked } = await countIssuedCredentials(ctx, org.id);
 */
export async function countIssuedCredentials(ctx: Pick<IssuerContext, 'db'>, orgId: string): Promise<CredentialCounts> {
  const rows = (await ctx.db.query('SELECT status, COUNT(*) AS n FROM sp_issued_credentials WHERE org_id = ? GROUP BY status', [orgId])) as {
    status: CredentialStatusValue;
    n: number;
  }[];
  const counts: CredentialCounts = { active: 0, suspended: 0, revoked: 0, total: 0 };
  for (const row of rows) {
    if (row.status in counts) counts[row.status] = Number(row.n);
    counts.total += Number(row.n);
  }
  return counts;
}
