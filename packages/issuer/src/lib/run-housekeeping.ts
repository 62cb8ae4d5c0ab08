import type { IssuerContext } from '../issuer-context.js';
import { deleteExpiredAccessTokens, deleteExpiredNonces, expireOffers } from '../store/housekeeping-store.js';
import { deleteUnneededUploads } from '../store/job-upload-store.js';

// Expired nonces and tokens are kept an hour, so a late request still hears "expired", not "unknown".
const KEEP_EXPIRED_MS = 3_600_000;
// An upload no job took (cut off, or its instance killed mid-upload) is deleted after an hour.
const ORPHAN_UPLOAD_MS = 3_600_000;

/** What one pass of {@link runHousekeeping} removed. */
export interface HousekeepingReport {
  nonces: number;
  accessTokens: number;
  offersExpired: number;
  uploadChunks: number;
}

/**
 * One pass of the issuer's housekeeping, run on a timer owned by the context (never on a request's
 * path): c_nonces and access tokens expired over an hour ago deleted; open offers past their
 * expiry marked expired, their pre-authorised codes dropped; uploads no job needs any more deleted
 * (those of ended jobs, and those no job took after an hour). Every step is one idempotent
 * statement, so instances sharing a database may run it at the same time.
 *
 * @example
 * const removed = await runHousekeeping(ctx);
 */
export async function runHousekeeping(ctx: Pick<IssuerContext, 'db' | 'now'>): Promise<HousekeepingReport> {
  const now = ctx.now();
  const before = new Date(now.getTime() - KEEP_EXPIRED_MS).toISOString();
  return {
    nonces: await deleteExpiredNonces(ctx.db, before),
    accessTokens: await deleteExpiredAccessTokens(ctx.db, before),
    offersExpired: await expireOffers(ctx.db, now.toISOString()),
    uploadChunks: await deleteUnneededUploads(ctx.db, ORPHAN_UPLOAD_MS),
  };
}
