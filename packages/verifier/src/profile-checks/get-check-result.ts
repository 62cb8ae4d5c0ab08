import { PassportError, type VerificationCheck } from '@staff-passport/core';
import type { ExportedAttributes } from '../report/export-verified-attributes.js';
import type { ProfileReport } from '../report/profile-report.js';
import type { VerifierContext } from '../verifier-context.js';
import type { CheckResult } from './check-result.js';

/**
 * A stored result, while its retention period lasts (housekeeping deletes expired results on a
 * timer; one past its period is not found meanwhile).
 *
 * @example
 * (await getCheckResult(ctx, 'res_...')).decision;
 * @throws PassportError `ERR_RESULT_NOT_FOUND`
 */
export async function getCheckResult(ctx: VerifierContext, id: string): Promise<CheckResult> {
  const row = await ctx.stores.results.find(id, ctx.now().toISOString());
  if (!row) throw new PassportError('ERR_RESULT_NOT_FOUND', 'no result with that id (it may have passed its retention period)', { field: 'resultId' });
  const stored = JSON.parse(row.report) as { report: ProfileReport; checks: VerificationCheck[] };
  return {
    id: row.id,
    requestId: row.request_id ?? '',
    profileId: row.profile_id,
    decision: row.decision as ProfileReport['overall']['decision'],
    report: stored.report,
    checks: stored.checks,
    attributes: JSON.parse(row.attributes) as ExportedAttributes,
    credentialHashes: JSON.parse(row.credential_hashes) as string[],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
