import type { IssuerContext } from '../issuer-context.js';
import { getJob } from '../jobs/get-job.js';
import { findOffer } from '../oid4vci/lib/offer-store.js';
import { createMailOutboxStore } from '../store/mail-outbox-store.js';
import { createStaffCollectionStore } from '../store/staff-collection-store.js';

/** How one row's credential is reaching its person. */
export interface RowDelivery {
  row: number;
  personNumber: string;
  offerId: string;
  /** The held offer's status: `offered` until the person collects (`token_issued`, `issued`, `accepted`), or `expired`, `withdrawn`. */
  offerStatus: string;
  /** The email telling them, when the row gave an address: `pending` (retrying), `sent`, `failed` with the server's answer, or `cancelled` (renewed before it went). */
  email?: { to: string; status: 'pending' | 'sent' | 'failed' | 'cancelled'; attempts: number; lastError: string | null };
}

/**
 * The delivery state of each row of a bulk job that named its person (`deliverTo`): the offer
 * held for them, and the email that told them (a failed address is reported here).
 *
 * @example
 * const rows = await listJobDeliveries(ctx, org.id, jobId);
 * @throws PassportError `ERR_JOB_NOT_FOUND`
 */
export async function listJobDeliveries(ctx: IssuerContext, orgId: string, jobId: string): Promise<RowDelivery[]> {
  await getJob(ctx, orgId, jobId);
  const held = await createStaffCollectionStore(ctx.db).listHeldByJob(jobId);
  const mails = await createMailOutboxStore(ctx.db).listForOffers(held.map((h) => h.offer_id));
  const rows: RowDelivery[] = [];
  for (const h of held) {
    const mail = mails.filter((m) => m.offer_id === h.offer_id).at(-1);
    const offer = await findOffer(ctx, orgId, h.offer_id);
    rows.push({
      row: h.job_row ?? 0,
      personNumber: h.person_number,
      offerId: h.offer_id,
      offerStatus: offer?.status ?? 'withdrawn',
      ...(mail ? { email: { to: mail.to_address, status: mail.status, attempts: mail.attempts, lastError: mail.last_error } } : {}),
    });
  }
  return rows;
}
