import { randomBytes } from 'node:crypto';
import type { IssuerContext } from '../issuer-context.js';
import { createMailOutboxStore } from '../store/mail-outbox-store.js';
import { SmtpSendError, sendSmtpMail } from './send-smtp-mail.js';

/** Where mail goes: `SMTP_URL` and `MAIL_FROM`. */
export interface MailSettings {
  smtpUrl: string;
  from: string;
  /** Attempts before an address is reported failed (default 5). */
  maxAttempts?: number;
  /** The first retry's delay in seconds, doubled each time (default 60). */
  retrySeconds?: number;
}

const LEASE_SECONDS = 120;
const BATCH = 20;

/** What one pass sent and gave up on. */
export interface MailPass {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Sends the emails due in the outbox, once each: every email is leased to this instance first (a
 * conditional update, so several instances never send one twice at once), sent over SMTP, and
 * marked sent; a failure is retried later with a doubling delay, and an address the server
 * refuses (5xx), or that fails `maxAttempts` times, is marked failed with the server's answer.
 *
 * @example
 * await runMailOutbox(ctx, { smtpUrl: 'smtp://127.0.0.1:2525', from: 'passport@trust.example' });
 */
export async function runMailOutbox(ctx: Pick<IssuerContext, 'db' | 'now' | 'logger'>, settings: MailSettings, instance = `mailer_${randomBytes(6).toString('hex')}`): Promise<MailPass> {
  const store = createMailOutboxStore(ctx.db);
  const pass: MailPass = { sent: 0, retrying: 0, failed: 0 };
  const now = ctx.now();
  const due = await store.listDue(now.toISOString(), BATCH);
  for (const id of due) {
    const until = new Date(now.getTime() + LEASE_SECONDS * 1000).toISOString();
    if (!(await store.lease(id, instance, now.toISOString(), until))) continue;
    const mail = (await store.find(id))!;
    try {
      await sendSmtpMail(settings.smtpUrl, { from: settings.from, to: mail.to_address, subject: mail.subject, text: mail.body }, { now });
      await store.markSent(id, instance, ctx.now().toISOString());
      pass.sent += 1;
    } catch (err: unknown) {
      const attempts = mail.attempts + 1;
      const permanent = err instanceof SmtpSendError && err.permanent;
      const giveUp = permanent || attempts >= (settings.maxAttempts ?? 5);
      const retryAt = giveUp ? null : new Date(ctx.now().getTime() + (settings.retrySeconds ?? 60) * 1000 * 2 ** (attempts - 1)).toISOString();
      await store.markAttemptFailed(id, instance, err instanceof Error ? err.message : String(err), retryAt, ctx.now().toISOString());
      ctx.logger.warn({ mailId: id, attempts, giveUp }, 'an email could not be sent');
      if (giveUp) pass.failed += 1;
      else pass.retrying += 1;
    }
  }
  return pass;
}

/**
 * Runs {@link runMailOutbox} every `intervalMs` (default 5 s) until stopped; owned by whoever
 * owns the issuer context (the `start` command).
 */
export function startMailOutbox(ctx: Pick<IssuerContext, 'db' | 'now' | 'logger'>, settings: MailSettings, intervalMs = 5000): { stop(): void } {
  const instance = `mailer_${randomBytes(6).toString('hex')}`;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runMailOutbox(ctx, settings, instance)
      .catch((err: unknown) => ctx.logger.error({ err }, 'the mail outbox pass failed'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
