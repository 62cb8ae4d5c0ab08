/**
 * The webhook outbox on SQLite and on PostgreSQL: messages written in the transaction of the event
 * (none when it rolls back), fanned out to the organisation's endpoints subscribed to the event,
 * claimed by one instance at a time (two instances on one database never claim one message
 * together), delivered signed as Standard Webhooks says to a real receiver on 127.0.0.1, retried
 * with exponential backoff under the same `webhook-id`, failed after the last attempt, replayed,
 * and logged attempt by attempt; an endpoint answering 410 Gone disabled until updated. Endpoint URLs follow the did:web fetcher's address policy.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import {
  WEBHOOK_ENDPOINT_STATE,
  WEBHOOK_TABLES,
  createLogger,
  createSecretBox,
  createWebhookService,
  deleteWebhookEndpoint,
  enqueueWebhookEvent,
  enqueueWebhookEvents,
  listWebhookEndpoints,
  listWebhookMessages,
  registerWebhookEndpoint,
  replayWebhookMessage,
  statementsMigration,
  updateWebhookEndpoint,
  verifyWebhook,
  type Database,
  type WebhookService,
} from '../../src/index.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../../test/helpers/webhook-receiver.js';

const MIGRATIONS = [statementsMigration(1, 'webhooks', WEBHOOK_TABLES), statementsMigration(2, 'webhook endpoint state', WEBHOOK_ENDPOINT_STATE)];
const logger = createLogger({ level: 'silent' });
const box = createSecretBox('ab'.repeat(32), 'staff-passport webhook secrets');
const LOOPBACK = { allowPrivateNetwork: true, allowHttpLoopback: true };

describeEngines('the webhook outbox', (engine) => {
  let db: Database;
  let second: Database;
  let receiver: WebhookReceiver;
  let clock = new Date('2026-03-01T09:00:00.000Z');
  const now = () => clock;
  const service = (database: Database, instanceId: string, settings = {}): WebhookService =>
    createWebhookService({ db: database, events: ['credential.revoked', 'job.finished'], now, logger, secretBox: box, policy: LOOPBACK, instanceId, settings: { maxAttempts: 3, ...settings } });

  beforeAll(async () => {
    db = await engine.open({ scope: 'test', migrations: MIGRATIONS }, 'outbox');
    second = await engine.open({ scope: 'test', migrations: MIGRATIONS }, 'outbox');
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await second.close();
    await db.close();
  });

  it('writes messages only with the transaction of the event, for the endpoints subscribed to it', async () => {
    const hooks = service(db, 'a');
    const revoked = await registerWebhookEndpoint(hooks, 'org_a', { url: `${receiver.url}/a`, events: ['credential.revoked'] }, 'key_a');
    const jobs = await registerWebhookEndpoint(hooks, 'org_a', { url: `${receiver.url}/jobs`, events: ['job.finished'] }, 'key_a');
    const other = await registerWebhookEndpoint(hooks, 'org_b', { url: `${receiver.url}/b`, events: ['credential.revoked'] }, 'key_b');
    await expect(
      db.transaction(async () => {
        await enqueueWebhookEvent(hooks, { orgId: 'org_a', type: 'credential.revoked', data: { credentialId: 'urn:uuid:rolled-back' } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await listWebhookMessages(hooks, 'org_a', revoked.id)).toEqual([]);
    await db.transaction(() => enqueueWebhookEvent(hooks, { orgId: 'org_a', type: 'credential.revoked', data: { credentialId: 'urn:uuid:1' } }));
    const messages = await listWebhookMessages(hooks, 'org_a', revoked.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: 'credential.revoked', state: 'pending', attempts: 0, payload: { type: 'credential.revoked', timestamp: clock.toISOString(), data: { credentialId: 'urn:uuid:1' } }, log: [] });
    expect(await listWebhookMessages(hooks, 'org_a', jobs.id)).toEqual([]);
    expect(await listWebhookMessages(hooks, 'org_b', other.id)).toEqual([]);
    // Another organisation's endpoint is not found through this one.
    await expect(listWebhookMessages(hooks, 'org_b', revoked.id)).rejects.toMatchObject({ code: 'ERR_WEBHOOK_NOT_FOUND' });
    // A revocation of many credentials writes a message each, many to a statement.
    const many = Array.from({ length: 450 }, (_, i) => ({ orgId: 'org_a', type: 'credential.revoked' as const, data: { credentialId: `urn:uuid:${i}` } }));
    expect(await db.transaction(() => enqueueWebhookEvents(hooks, many))).toBe(450);
    expect(await hooks.store.claimDue('counter', clock.getTime(), 1000, 1000)).toHaveLength(451);
    for (const [org, e] of [['org_a', revoked], ['org_a', jobs], ['org_b', other]] as const) await deleteWebhookEndpoint(hooks, org, e.id);
  });

  it('lets two instances claim due messages without ever sharing one', async () => {
    const a = service(db, 'instance-a');
    const b = service(second, 'instance-b');
    const endpoint = await registerWebhookEndpoint(a, 'org_c', { url: `${receiver.url}/c`, events: ['job.finished'] }, null);
    await db.transaction(async () => {
      for (let i = 0; i < 30; i++) await enqueueWebhookEvent(a, { orgId: 'org_c', type: 'job.finished', data: { i } });
    });
    const at = clock.getTime();
    const claims = await Promise.all([a.store.claimDue('instance-a', at, 60_000, 20), b.store.claimDue('instance-b', at, 60_000, 20), a.store.claimDue('instance-a2', at, 60_000, 20)]);
    const ids = claims.flat().map((m) => m.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    // Claimed messages are nobody else's until the claim lapses.
    expect(await b.store.claimDue('instance-b', at + 1000, 60_000, 50)).toEqual([]);
    expect(await b.store.claimDue('instance-b', at + 61_000, 60_000, 50)).toHaveLength(30);
    await deleteWebhookEndpoint(a, 'org_c', endpoint.id);
  });

  it('delivers each message once when two instances run their workers at the same time', async () => {
    const a = service(db, 'worker-a');
    const b = service(second, 'worker-b');
    const endpoint = await registerWebhookEndpoint(a, 'org_g', { url: `${receiver.url}/g`, events: ['job.finished'] }, null);
    await db.transaction(() => enqueueWebhookEvents(a, Array.from({ length: 40 }, (_, i) => ({ orgId: 'org_g', type: 'job.finished' as const, data: { i } }))));
    const before = receiver.received.length;
    for (let round = 0; round < 20; round++) {
      const [x, y] = await Promise.all([a.dispatcher.runOnce(), b.dispatcher.runOnce()]);
      if (x + y === 0) break;
    }
    const ids = receiver.received.slice(before).map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    const messages = await listWebhookMessages(a, 'org_g', endpoint.id);
    expect(messages.every((m) => m.state === 'delivered' && m.log.length === 1)).toBe(true);
    await deleteWebhookEndpoint(a, 'org_g', endpoint.id);
  });

  it('delivers signed, retries with backoff under the same webhook-id, and logs each attempt', async () => {
    const hooks = service(db, 'worker');
    const endpoint = await registerWebhookEndpoint(hooks, 'org_d', { url: `${receiver.url}/d`, events: ['credential.revoked'] }, null);
    expect(endpoint.secret).toMatch(/^whsec_/);
    await db.transaction(() => enqueueWebhookEvent(hooks, { orgId: 'org_d', type: 'credential.revoked', data: { credentialId: 'urn:uuid:2' } }));
    const before = receiver.received.length;
    receiver.answer(503);
    expect(await hooks.dispatcher.runOnce()).toBe(1);
    let [message] = await listWebhookMessages(hooks, 'org_d', endpoint.id);
    expect(message).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: new Date(clock.getTime() + 5000).toISOString() });
    expect(message!.log).toEqual([expect.objectContaining({ attempt: 1, status: 503, error: 'the endpoint answered 503' })]);
    // Not due again before the backoff has passed.
    expect(await hooks.dispatcher.runOnce()).toBe(0);
    clock = new Date(clock.getTime() + 5000);
    expect(await hooks.dispatcher.runOnce()).toBe(1);
    [message] = await listWebhookMessages(hooks, 'org_d', endpoint.id);
    expect(message).toMatchObject({ state: 'delivered', attempts: 2, nextAttemptAt: null, deliveredAt: clock.toISOString() });
    expect(message!.log.map((l) => l.status)).toEqual([503, 204]);
    const [first, second] = receiver.received.slice(before);
    expect(first!.path).toBe('/d');
    expect(first!.headers['webhook-id']).toBe(message!.id);
    expect(second!.headers['webhook-id']).toBe(message!.id);
    expect(second!.headers['content-type']).toBe('application/json');
    expect(second!.headers['webhook-timestamp']).toBe(String(clock.getTime() / 1000));
    expect(verifyWebhook({ secret: endpoint.secret, headers: second!.headers, body: second!.body, now: clock.getTime() / 1000 })).toBe(true);
    // Each attempt is signed afresh with its own timestamp; the body and id stay the same.
    expect(Number(first!.headers['webhook-timestamp'])).toBe(clock.getTime() / 1000 - 5);
    expect(first!.body).toBe(second!.body);
    expect(first!.headers['webhook-signature']).not.toBe(second!.headers['webhook-signature']);
    expect(verifyWebhook({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', headers: second!.headers, body: second!.body, now: clock.getTime() / 1000 })).toBe(false);
    expect(JSON.parse(second!.body)).toEqual({ type: 'credential.revoked', timestamp: message!.createdAt, data: { credentialId: 'urn:uuid:2' } });
    await deleteWebhookEndpoint(hooks, 'org_d', endpoint.id);
  });

  it('marks a message failed after the last attempt, and replays it on request', async () => {
    const hooks = service(db, 'worker', { backoffBaseMs: 1000 });
    const endpoint = await registerWebhookEndpoint(hooks, 'org_e', { url: `${receiver.url}/e`, events: ['job.finished'] }, null);
    await db.transaction(() => enqueueWebhookEvent(hooks, { orgId: 'org_e', type: 'job.finished', data: { jobId: 'job_1' } }));
    receiver.answer(500, 500, 500);
    const waits: string[] = [];
    for (let i = 0; i < 3; i++) {
      expect(await hooks.dispatcher.runOnce()).toBe(1);
      const [m] = await listWebhookMessages(hooks, 'org_e', endpoint.id);
      if (m!.nextAttemptAt) waits.push(`${(Date.parse(m!.nextAttemptAt) - clock.getTime()) / 1000}s`);
      clock = new Date(clock.getTime() + 3_600_000);
    }
    // 1 s, then 2 s: doubled each time; the third attempt was the last.
    expect(waits).toEqual(['1s', '2s']);
    let [message] = await listWebhookMessages(hooks, 'org_e', endpoint.id);
    expect(message).toMatchObject({ state: 'failed', attempts: 3, nextAttemptAt: null });
    expect(await hooks.dispatcher.runOnce()).toBe(0);
    const before = receiver.received.length;
    await replayWebhookMessage(hooks, 'org_e', endpoint.id, message!.id);
    expect(await hooks.dispatcher.runOnce()).toBe(1);
    [message] = await listWebhookMessages(hooks, 'org_e', endpoint.id);
    expect(message).toMatchObject({ state: 'delivered', attempts: 4 });
    expect(receiver.received[before]!.headers['webhook-id']).toBe(message!.id);
    await expect(replayWebhookMessage(hooks, 'org_e', endpoint.id, 'msg_00000000000000000000000000000000')).rejects.toMatchObject({ code: 'ERR_WEBHOOK_NOT_FOUND' });
    // Finished messages and their log are kept for the retention period (30 days), then pruned.
    clock = new Date(clock.getTime() + 29 * 86_400_000);
    expect(await hooks.dispatcher.prune()).toBe(0);
    clock = new Date(clock.getTime() + 2 * 86_400_000);
    expect(await hooks.dispatcher.prune()).toBe(1);
    expect(await listWebhookMessages(hooks, 'org_e', endpoint.id)).toEqual([]);
    expect(await hooks.store.listAttempts([message!.id])).toEqual([]);
    await deleteWebhookEndpoint(hooks, 'org_e', endpoint.id);
    await expect(listWebhookMessages(hooks, 'org_e', endpoint.id)).rejects.toMatchObject({ code: 'ERR_WEBHOOK_NOT_FOUND' });
  });

  it('disables an endpoint that answers 410 Gone: no retry, nothing more sent, its state in the listing and the log; updating it enables it again', async () => {
    const hooks = service(db, 'gone', { backoffBaseMs: 1000 });
    const endpoint = await registerWebhookEndpoint(hooks, 'org_g', { url: `${receiver.url}/gone`, events: ['credential.revoked'] }, null);
    expect(endpoint).toMatchObject({ enabled: true, disabledAt: null, disabledReason: null });
    const revoke = (credentialId: string): Promise<number> => db.transaction(() => enqueueWebhookEvent(hooks, { orgId: 'org_g', type: 'credential.revoked', data: { credentialId } }));
    await revoke('urn:uuid:g1');
    const before = receiver.received.length;
    receiver.answer(410);
    expect(await hooks.dispatcher.runOnce()).toBe(1);
    expect(receiver.received.length).toBe(before + 1);
    // Disabled at once: the listing says so and why; the message failed after one attempt, logged with the 410.
    const [listed] = await listWebhookEndpoints(hooks, 'org_g');
    expect(listed).toMatchObject({ id: endpoint.id, enabled: false, disabledAt: clock.toISOString(), disabledReason: 'the endpoint answered 410 Gone' });
    const [first] = await listWebhookMessages(hooks, 'org_g', endpoint.id);
    expect(first).toMatchObject({ state: 'failed', attempts: 1, nextAttemptAt: null, log: [expect.objectContaining({ attempt: 1, status: 410 })] });
    // No further deliveries: no message for a later event, nothing sent however long the worker runs; a replay waits.
    expect(await revoke('urn:uuid:g2')).toBe(0);
    await replayWebhookMessage(hooks, 'org_g', endpoint.id, first!.id);
    clock = new Date(clock.getTime() + 86_400_000);
    expect(await hooks.dispatcher.runOnce()).toBe(0);
    expect(receiver.received.length).toBe(before + 1);

    // Updated (here its URL): enabled again; the waiting replay and later events are delivered.
    const updated = await updateWebhookEndpoint(hooks, 'org_g', endpoint.id, { url: `${receiver.url}/back` });
    expect(updated).toMatchObject({ url: `${receiver.url}/back`, enabled: true, disabledAt: null, disabledReason: null });
    expect(await revoke('urn:uuid:g3')).toBe(1);
    expect(await hooks.dispatcher.runOnce()).toBe(2);
    expect(receiver.received.slice(before + 1).map((r) => [r.path, JSON.parse(r.body).data.credentialId]).sort()).toEqual([
      ['/back', 'urn:uuid:g1'],
      ['/back', 'urn:uuid:g3'],
    ]);
    await expect(updateWebhookEndpoint(hooks, 'org_h', endpoint.id, {})).rejects.toMatchObject({ code: 'ERR_WEBHOOK_NOT_FOUND' });
    await expect(updateWebhookEndpoint(hooks, 'org_g', endpoint.id, { events: ['no.such'] })).rejects.toMatchObject({ code: 'ERR_REQUEST_INVALID' });
    await deleteWebhookEndpoint(hooks, 'org_g', endpoint.id);
  });

  it('disables pending messages with the endpoint: those queued before the 410 are marked failed, not sent', async () => {
    const hooks = service(db, 'gone-many');
    const endpoint = await registerWebhookEndpoint(hooks, 'org_g2', { url: `${receiver.url}/gone2`, events: ['credential.revoked'] }, null);
    await db.transaction(() => enqueueWebhookEvents(hooks, [1, 2, 3].map((i) => ({ orgId: 'org_g2', type: 'credential.revoked' as const, data: { credentialId: `urn:uuid:p${i}` } }))));
    // The first claimed goes alone (a batch of one), answered 410; the other two are then never sent.
    const one = service(db, 'gone-one', { batchSize: 1 });
    const before = receiver.received.length;
    receiver.answer(410);
    expect(await one.dispatcher.runOnce()).toBe(1);
    expect(await hooks.dispatcher.runOnce()).toBe(0);
    expect(receiver.received.length).toBe(before + 1);
    const messages = await listWebhookMessages(hooks, 'org_g2', endpoint.id);
    expect(messages.map((m) => [m.state, m.attempts]).sort()).toEqual([['failed', 0], ['failed', 0], ['failed', 1]]);
    await deleteWebhookEndpoint(hooks, 'org_g2', endpoint.id);
  });

  it('refuses private, loopback and plain-http endpoints unless configured, as the did:web fetcher does', async () => {
    const strict = createWebhookService({ db, events: ['job.finished'], now, logger });
    for (const url of ['http://127.0.0.1:9/x', 'https://127.0.0.1/x', 'https://10.1.2.3/x', 'https://169.254.169.254/latest', 'https://[::1]/x', 'https://localhost/x', 'http://hr.example.nhs.uk/x', 'https://user:pw@hr.example.nhs.uk/x', 'not a url']) {
      await expect(registerWebhookEndpoint(strict, 'org_f', { url, events: ['job.finished'] }, null)).rejects.toMatchObject({ code: 'ERR_WEBHOOK_URL_FORBIDDEN', field: 'url' });
    }
    // Loopback over http only when configured, and then only loopback.
    const loopback = createWebhookService({ db, events: ['job.finished'], now, logger, policy: LOOPBACK });
    await expect(registerWebhookEndpoint(loopback, 'org_f', { url: 'http://hr.example.nhs.uk/x', events: ['job.finished'] }, null)).rejects.toMatchObject({ code: 'ERR_WEBHOOK_URL_FORBIDDEN' });
    await expect(registerWebhookEndpoint(strict, 'org_f', { url: 'https://hr.example.nhs.uk/x', events: ['offer.accepted'] }, null)).rejects.toMatchObject({ code: 'ERR_REQUEST_INVALID', field: 'events' });
    const ok = await registerWebhookEndpoint(strict, 'org_f', { url: 'https://hr.example.nhs.uk/hooks', events: ['job.finished'] }, null);
    // Registered while allowed, sent while not: the worker's guard refuses it at delivery too.
    const local = await registerWebhookEndpoint(loopback, 'org_f', { url: `${receiver.url}/f`, events: ['job.finished'] }, null);
    await deleteWebhookEndpoint(strict, 'org_f', ok.id);
    await db.transaction(() => enqueueWebhookEvent(strict, { orgId: 'org_f', type: 'job.finished', data: {} }));
    const before = receiver.received.length;
    expect(await strict.dispatcher.runOnce()).toBe(1);
    const [message] = await listWebhookMessages(strict, 'org_f', local.id);
    expect(message!.log[0]).toMatchObject({ status: null, error: expect.stringContaining('ERR_WEBHOOK_URL_FORBIDDEN') });
    expect(receiver.received.length).toBe(before);
    await deleteWebhookEndpoint(strict, 'org_f', local.id);
  });
});
