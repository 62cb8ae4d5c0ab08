/**
 * The issuer's webhooks over a real server and a real receiver on 127.0.0.1 (configured: loopback
 * over http is allowed only because these tests say so): the org admin registers an endpoint,
 * revoking, suspending and reinstating credentials and finishing a bulk job put messages in the
 * outbox in the same transaction, the context's worker delivers them signed as the Standard
 * Webhooks specification says (spec/standard-webhooks.md, "Signature scheme"), and the delivery
 * log and replay are on the route table.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { decodeCompactJws, verifyWebhook } from '@staff-passport/core';
import { CATALOGUE } from '@staff-passport/schemas';
import { configureJobs, stopJobs } from '@staff-passport/issuer';
import { trainingCredential } from '../../../../test/helpers/training-credential.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../../test/helpers/webhook-receiver.js';
import { trainingCsv } from '../jobs/helpers/bulk-files.js';
import { call as upload } from '../jobs/helpers/start-job-issuer.js';
import { call, startIssuer, type TestIssuer } from '../helpers/start-issuer.js';
import { createHolderKey, endpointsOf, fetchNonce, postForm, postWithToken, signProof } from '../oid4vci/helpers/test-wallet.js';

let issuer: TestIssuer;
let receiver: WebhookReceiver;
let secret: string;
let endpointId: string;
const holder = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  issuer = await startIssuer({ context: { webhookPolicy: { allowPrivateNetwork: true, allowHttpLoopback: true }, webhookDelivery: { intervalMs: 100 } } });
  configureJobs(issuer.ctx, { progressIntervalMs: 100 });
});
afterAll(async () => {
  await stopJobs(issuer.ctx);
  await issuer.close();
  await receiver.close();
});

const hooksUrl = (orgId = issuer.a.org.id) => `${issuer.url}/orgs/${orgId}/webhooks`;

async function issue(): Promise<string> {
  const res = await call(`${issuer.url}/orgs/${issuer.a.org.id}/credentials/issue`, { key: issuer.a.keys.issuer, body: { credential: trainingCredential(holder) } });
  expect(res.status).toBe(201);
  const vc = res.body['verifiableCredential'] as { id: string };
  return decodeCompactJws(vc.id.slice(vc.id.indexOf(',') + 1), 'ERR_VC_MALFORMED').payload['id'] as string;
}

function delivered(from: number) {
  return receiver.received.slice(from).map((r) => {
    expect(verifyWebhook({ secret, headers: r.headers, body: r.body })).toBe(true);
    return { id: r.headers['webhook-id'], ...(JSON.parse(r.body) as { type: string; data: Record<string, unknown> }) };
  });
}

it('lets the org admin alone register an endpoint, answering its secret once', async () => {
  const body = { url: `${receiver.url}/hooks/hr`, events: ['credential.revoked', 'credential.suspended', 'credential.reinstated', 'job.finished'], description: 'ESR interface' };
  for (const role of ['issuer', 'auditor'] as const) {
    const refused = await call(hooksUrl(), { key: issuer.a.keys[role], body });
    expect(refused.status).toBe(403);
    expect(refused.body['code']).toBe('ERR_FORBIDDEN');
  }
  const bad = await call(hooksUrl(), { key: issuer.a.keys['org-admin'], body: { ...body, events: ['verification.completed'] } });
  expect(bad.status).toBe(400);
  const res = await call(hooksUrl(), { key: issuer.a.keys['org-admin'], body });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ id: expect.stringMatching(/^wh_[0-9a-f]{16}$/), url: body.url, events: body.events, description: 'ESR interface', secret: expect.stringMatching(/^whsec_/) });
  secret = res.body['secret'] as string;
  endpointId = res.body['id'] as string;
  const list = await call(hooksUrl(), { key: issuer.a.keys['org-admin'] });
  expect(list.body['endpoints']).toEqual([expect.objectContaining({ id: endpointId })]);
  expect(JSON.stringify(list.body)).not.toContain(secret);
  // Another organisation neither sees nor reaches it.
  expect((await call(hooksUrl(issuer.b.org.id), { key: issuer.b.keys['org-admin'] })).body['endpoints']).toEqual([]);
  expect((await call(`${hooksUrl(issuer.b.org.id)}/${endpointId}/messages`, { key: issuer.b.keys['org-admin'] })).status).toBe(404);
});

it('sends credential.revoked, .suspended and .reinstated as the status changes', async () => {
  const from = receiver.received.length;
  const [a, b] = [await issue(), await issue()];
  const act = (id: string, action: string) =>
    call(`${issuer.url}/orgs/${issuer.a.org.id}/credentials/${encodeURIComponent(id)}/${action}`, { key: issuer.a.keys.issuer, body: { reason: 'under_investigation' } });
  expect((await act(a, 'revoke')).status).toBe(200);
  expect((await act(b, 'suspend')).status).toBe(200);
  expect((await act(b, 'reinstate')).status).toBe(200);
  await receiver.waitFor(from + 3);
  const got = delivered(from);
  expect(got.map((m) => [m.type, m.data['credentialId'], m.data['status']]).sort()).toEqual(
    [
      ['credential.revoked', a, 'revoked'],
      ['credential.suspended', b, 'suspended'],
      ['credential.reinstated', b, 'active'],
    ].sort(),
  );
  expect(receiver.received.slice(from).every((r) => r.path === '/hooks/hr')).toBe(true);
});

it('sends job.finished when a bulk job ends', async () => {
  const from = receiver.received.length;
  const res = await upload(`${issuer.url}/orgs/${issuer.a.org.id}/jobs?kind=training-compliance`, { key: issuer.a.keys.issuer, body: trainingCsv(3), contentType: 'text/csv' });
  expect(res.status).toBe(202);
  const jobId = (res.body as Record<string, unknown>)['id'];
  const [message] = await receiver.waitFor(from + 1).then(() => delivered(from));
  expect(message).toMatchObject({ type: 'job.finished', data: { jobId, state: 'completed', total: 3, issued: 3, errors: 0 } });
});

it('keeps a delivery log per message, and replays a message with the same webhook-id', async () => {
  const res = await call(`${hooksUrl()}/${endpointId}/messages`, { key: issuer.a.keys['org-admin'] });
  expect(res.status).toBe(200);
  const messages = res.body['messages'] as { id: string; type: string; state: string; log: { status: number }[] }[];
  expect(messages.length).toBeGreaterThanOrEqual(4);
  expect(messages.every((m) => m.state === 'delivered' && m.log.length === 1 && m.log[0]!.status === 204)).toBe(true);
  const from = receiver.received.length;
  const replay = await call(`${hooksUrl()}/${endpointId}/messages/${messages[0]!.id}/replay`, { key: issuer.a.keys['org-admin'], body: {} });
  expect(replay.status).toBe(202);
  await receiver.waitFor(from + 1);
  expect(delivered(from)[0]!.id).toBe(messages[0]!.id);
  expect((await call(`${hooksUrl()}/${endpointId}/messages/msg_00000000000000000000000000000000/replay`, { key: issuer.a.keys['org-admin'], body: {} })).body['code']).toBe('ERR_WEBHOOK_NOT_FOUND');
  const removed = await call(`${hooksUrl()}/${endpointId}`, { method: 'DELETE', key: issuer.a.keys['org-admin'] });
  expect(removed.status).toBe(204);
  expect((await call(hooksUrl(), { key: issuer.a.keys['org-admin'] })).body['endpoints']).toEqual([]);
});

it('sends offer.accepted and offer.rejected as the wallet notifies what became of an offer', async () => {
  const registered = await call(hooksUrl(), { key: issuer.a.keys['org-admin'], body: { url: `${receiver.url}/hooks/offers`, events: ['offer.accepted', 'offer.rejected'] } });
  expect(registered.status).toBe(201);
  secret = registered.body['secret'] as string;
  const ep = endpointsOf(issuer, issuer.a);
  const { id: _id, ...claims } = CATALOGUE.find((d) => d.type === 'TrainingRecord')!.example['credentialSubject'] as Record<string, unknown>;
  const created = await call(ep.offers, { key: issuer.a.keys.issuer, body: { credentials: [{ type: 'TrainingRecord', credentialSubject: claims }], formats: ['dc+sd-jwt'] } });
  expect(created.status).toBe(201);
  const offer = created.body as { id: string; txCode?: string; credentialOffer?: Record<string, unknown>; credentialOfferUri?: string };
  const json = offer.credentialOffer ?? (await call(offer.credentialOfferUri!)).body;
  const grant = (json['grants'] as Record<string, Record<string, string>>)['urn:ietf:params:oauth:grant-type:pre-authorized_code']!;
  const token = await postForm(ep.token, { grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': grant['pre-authorized_code']!, ...(offer.txCode ? { tx_code: offer.txCode } : {}) });
  const accessToken = token.body['access_token'] as string;
  const key = await createHolderKey();
  const issued = await postWithToken(ep.credential, accessToken, { credential_configuration_id: 'TrainingRecord_dc_sd_jwt', proofs: { jwt: [await signProof(key, { aud: ep.issuerId, nonce: await fetchNonce(ep.nonce) })] } });
  const notificationId = issued.body['notification_id'] as string;
  const from = receiver.received.length;
  expect((await postWithToken(ep.notification, accessToken, { notification_id: notificationId, event: 'credential_accepted' })).status).toBe(204);
  expect((await postWithToken(ep.notification, accessToken, { notification_id: notificationId, event: 'credential_deleted', event_description: 'removed by the holder' })).status).toBe(204);
  await receiver.waitFor(from + 2);
  const got = delivered(from).sort((a, b) => a.type.localeCompare(b.type));
  expect(got.map((m) => [m.type, m.data])).toEqual([
    ['offer.accepted', { offerId: offer.id, credentialType: 'TrainingRecord', event: 'credential_accepted' }],
    ['offer.rejected', { offerId: offer.id, credentialType: 'TrainingRecord', event: 'credential_deleted', description: 'removed by the holder' }],
  ]);
  expect(receiver.received.slice(from).every((r) => r.path === '/hooks/offers')).toBe(true);
});

it('disables an endpoint that answers 410 Gone (shown in its listing and log), and the org admin enables it again by updating it', async () => {
  const res = await call(hooksUrl(), { key: issuer.a.keys['org-admin'], body: { url: `${receiver.url}/hooks/gone`, events: ['credential.revoked'] } });
  const id = res.body['id'] as string;
  secret = res.body['secret'] as string;
  const revoke = async (): Promise<void> => {
    const credentialId = await issue();
    expect((await call(`${issuer.url}/orgs/${issuer.a.org.id}/credentials/${encodeURIComponent(credentialId)}/revoke`, { key: issuer.a.keys.issuer, body: { reason: 'superseded' } })).status).toBe(200);
  };
  const from = receiver.received.length;
  receiver.answer(410);
  await revoke();
  await receiver.waitFor(from + 1);
  let listed: Record<string, unknown> | undefined;
  for (let i = 0; i < 100 && listed?.['enabled'] !== false; i++) {
    listed = ((await call(hooksUrl(), { key: issuer.a.keys['org-admin'] })).body['endpoints'] as Record<string, unknown>[]).find((e) => e['id'] === id);
    if (listed?.['enabled'] !== false) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(listed).toMatchObject({ enabled: false, disabledAt: expect.any(String), disabledReason: 'the endpoint answered 410 Gone' });
  const log = await call(`${hooksUrl()}/${id}/messages`, { key: issuer.a.keys['org-admin'] });
  expect(log.body['messages']).toEqual([expect.objectContaining({ state: 'failed', attempts: 1, log: [expect.objectContaining({ status: 410 })] })]);
  // Nothing more goes to it.
  await revoke();
  expect((await call(`${hooksUrl()}/${id}/messages`, { key: issuer.a.keys['org-admin'] })).body['messages']).toHaveLength(1);

  // Updating it enables it again: org admins only.
  expect((await call(`${hooksUrl()}/${id}`, { method: 'PATCH', key: issuer.a.keys.issuer, body: {} })).status).toBe(403);
  expect((await call(`${hooksUrl(issuer.b.org.id)}/${id}`, { method: 'PATCH', key: issuer.b.keys['org-admin'], body: {} })).status).toBe(404);
  const updated = await call(`${hooksUrl()}/${id}`, { method: 'PATCH', key: issuer.a.keys['org-admin'], body: { description: 'back again' } });
  expect([updated.status, updated.body]).toEqual([200, expect.objectContaining({ id, description: 'back again', enabled: true, disabledAt: null, disabledReason: null })]);
  const again = receiver.received.length;
  await revoke();
  await receiver.waitFor(again + 1);
  expect(delivered(again)[0]).toMatchObject({ type: 'credential.revoked' });
  expect((await call(`${hooksUrl()}/${id}`, { method: 'DELETE', key: issuer.a.keys['org-admin'] })).status).toBe(204);
});
