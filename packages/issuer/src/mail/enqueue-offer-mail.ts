import { randomBytes } from 'node:crypto';
import type { SqlExecutor } from '@staff-passport/core';
import type { Organisation } from '../organisations/organisation.js';
import { createMailOutboxStore } from '../store/mail-outbox-store.js';

/**
 * Puts the email telling a person that credentials wait for them in the outbox (sent by the
 * mail worker, retried): the organisation's name, the https page that opens their wallet at the
 * offer (with a QR code), and the offer link itself; the sign-in proves who they are. No PIN and nothing of the credential goes in it.
 *
 * @example
 * await enqueueOfferMail(ctx.db, org, { offerId, to: 'amara@example.nhs.uk', link, collectUrl, at: ctx.now() });
 */
export async function enqueueOfferMail(db: SqlExecutor, org: Organisation, mail: { offerId: string; to: string; link: string; collectUrl: string; at: Date }): Promise<string> {
  const id = `mail_${randomBytes(12).toString('hex')}`;
  const at = mail.at.toISOString();
  const text = [
    `${org.name} has credentials ready for you to keep in your digital staff passport wallet.`,
    '',
    'Open this page, then open your wallet from it and sign in with your work account:',
    '',
    mail.collectUrl,
    '',
    'If your wallet app asks for the offer link, give it this one:',
    '',
    mail.link,
    '',
    'If you did not expect this email, you can ignore it: nothing is issued until you sign in.',
  ].join('\n');
  await createMailOutboxStore(db).insert({
    id,
    org_id: org.id,
    offer_id: mail.offerId,
    to_address: mail.to,
    subject: `Your credentials from ${org.name} are ready to collect`,
    body: text,
    status: 'pending',
    attempts: 0,
    next_attempt_at: at,
    leased_by: null,
    lease_until: null,
    last_error: null,
    created_at: at,
    updated_at: at,
  });
  return id;
}
