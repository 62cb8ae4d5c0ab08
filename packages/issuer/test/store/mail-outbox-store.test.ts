/**
 * The mail outbox store's contract on SQLite and PostgreSQL: due emails listed oldest first, each
 * leased to one instance at a time, sent once, retried when due again, failed for good.
 */
import { expect, it } from '@jest/globals';
import { createMailOutboxStore, type MailRow } from '../../src/store/mail-outbox-store.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { issuerDatabase } from './helpers/issuer-database.js';

const T0 = '2026-12-01T10:00:00.000Z';
const T1 = '2026-12-01T10:01:00.000Z';
const T5 = '2026-12-01T10:05:00.000Z';

function mail(id: string, at: string): MailRow {
  return { id, org_id: 'org_a', offer_id: 'off_1', to_address: `${id}@alpha.test`, subject: 's', body: 'b', status: 'pending', attempts: 0, next_attempt_at: at, leased_by: null, lease_until: null, last_error: null, created_at: at, updated_at: at };
}

describeEngines('the mail outbox store', (engine) => {
  const db = issuerDatabase(engine, ['org_a']);

  it('leases each due email to one instance, sends it once, retries and fails the others', async () => {
    const store = createMailOutboxStore(db());
    await store.insert(mail('m2', T1));
    await store.insert(mail('m1', T0));
    expect(await store.listDue(T0, 10)).toEqual(['m1']);
    expect(await store.listDue(T1, 10)).toEqual(['m1', 'm2']);
    expect(await store.lease('m1', 'a', T1, T5)).toBe(true);
    expect(await store.lease('m1', 'b', T1, T5)).toBe(false);
    expect(await store.listDue(T1, 10)).toEqual(['m2']);
    await store.markSent('m1', 'a', T1);
    expect(await store.find('m1')).toMatchObject({ status: 'sent', attempts: 1, leased_by: null });
    expect(await store.lease('m1', 'b', T5, T5)).toBe(false);

    expect(await store.lease('m2', 'b', T1, T5)).toBe(true);
    await store.markAttemptFailed('m2', 'b', 'down', T5, T1);
    expect(await store.find('m2')).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: T5, last_error: 'down' });
    expect(await store.listDue(T1, 10)).toEqual([]);
    expect(await store.lease('m2', 'a', T5, '2026-12-01T10:09:00.000Z')).toBe(true);
    await store.markAttemptFailed('m2', 'a', '550 mailbox unavailable', null, T5);
    expect(await store.find('m2')).toMatchObject({ status: 'failed', attempts: 2, last_error: '550 mailbox unavailable' });
    await store.insert({ ...mail('m3', T5), offer_id: 'off_2' });
    await store.cancelForOffer('off_2', T5);
    expect(await store.listDue(T5, 10)).toEqual([]);
    expect((await store.listForOffers(['off_1', 'off_2'])).map((m) => [m.id, m.status])).toEqual([
      ['m1', 'sent'],
      ['m2', 'failed'],
      ['m3', 'cancelled'],
    ]);
  });
});
