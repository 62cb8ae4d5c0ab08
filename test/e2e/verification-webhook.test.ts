/**
 * The verifier's `verification.completed` webhook (issue 19, item 4) over real services: the
 * organisation's profile admin registers an endpoint (signed in with an API key; without sign-in
 * the routes answer 401, to a checker 403), a new starter's presentation is checked, and the result's
 * outbox message, written with the result, reaches a real receiver on 127.0.0.1 signed as the
 * Standard Webhooks specification says (spec/standard-webhooks.md, "Signature scheme"), with the
 * result's id and decision and no personal data.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { verifyWebhook } from '@staff-passport/core';
import { getCredentialType } from '@staff-passport/schemas';
import { openNodeWallet, type Wallet } from '@staff-passport/wallet-sdk';
import { postJson, startServices, type Services } from '../helpers/start-services.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

// The organisation's profile admin, who manages its webhooks.
const ADMIN = (): string => `Bearer ${services.verifierKeys['profile-admin']}`;
let services: Services;
let receiver: WebhookReceiver;
let wallet: Wallet;
let closeWallet: () => Promise<void>;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  services = await startServices({
    verifierWebhooks: { webhookPolicy: { allowPrivateNetwork: true, allowHttpLoopback: true }, webhookDelivery: { intervalMs: 100 } },
  });
  const opened = await openNodeWallet({ file: join(services.dataDir, 'wallet.sqlite'), secretKey: randomBytes(32).toString('hex') });
  wallet = opened.wallet;
  closeWallet = opened.close;
});
afterAll(async () => {
  await closeWallet();
  await services.close();
  await receiver.close();
});

it('answers 401 on the webhook routes without sign-in, and 403 to a checker (the profile admin manages them)', async () => {
  expect((await fetch(`${services.verifierUrl}/webhooks`)).status).toBe(401);
  const checker = await fetch(`${services.verifierUrl}/webhooks`, { headers: services.checker });
  expect(checker.status).toBe(403);
  expect((await fetch(`${services.verifierUrl}/webhooks`, { headers: { authorization: ADMIN() } })).status).toBe(200);
});

it('sends verification.completed when a check is kept, signed, with the result and no personal data', async () => {
  const registered = await postJson(`${services.verifierUrl}/webhooks`, { url: `${receiver.url}/new-starters`, events: ['verification.completed'] }, { authorization: ADMIN() });
  expect(registered.status).toBe(201);
  const secret = registered.body['secret'] as string;
  const refused = await postJson(`${services.verifierUrl}/webhooks`, { url: 'https://hr.example.nhs.uk/x', events: ['credential.revoked'] }, { authorization: ADMIN() });
  expect(refused.body['code']).toBe('ERR_REQUEST_INVALID');

  const holder = await wallet.createHolder();
  const credential = JSON.parse(JSON.stringify(getCredentialType('TrainingRecord')!.example).replaceAll('{holderDid}', holder)) as Record<string, unknown>;
  delete (credential['credentialSubject'] as { training?: { esrCompetence?: unknown } }).training?.esrCompetence;
  const issued = await postJson(`${services.issuerUrl}/orgs/${services.org.id}/credentials/issue`, { credential }, { authorization: `Bearer ${services.apiKey}` });
  expect(issued.status).toBe(201);
  const stored = await wallet.storeCredential(issued.body['verifiableCredential']);
  const request = await postJson(`${services.verifierUrl}/presentation-requests`, { profileId: 'registered-nurse-band-5-acute', startDate: '2030-01-01' }, services.checker);
  const { id, nonce, audience } = request.body as { id: string; nonce: string; audience: string };
  const vp = await wallet.createPresentation({ credentialIds: [stored.id], challenge: nonce, domain: audience });
  const answer = await postJson(`${services.verifierUrl}/presentation-requests/${id}/presentations`, { presentations: [vp] });
  expect(answer.status).toBe(201);

  const [got] = await receiver.waitFor(1);
  expect(got!.path).toBe('/new-starters');
  expect(verifyWebhook({ secret, headers: got!.headers, body: got!.body })).toBe(true);
  const payload = JSON.parse(got!.body) as { type: string; data: Record<string, unknown> };
  expect(payload.type).toBe('verification.completed');
  expect(payload.data).toEqual({ resultId: answer.body['id'], requestId: id, profileId: 'registered-nurse-band-5-acute', decision: answer.body['decision'], expiresAt: expect.any(String) });
  expect(got!.body).not.toContain(holder);

  const endpointId = registered.body['id'] as string;
  const log = await fetch(`${services.verifierUrl}/webhooks/${endpointId}/messages`, { headers: { authorization: ADMIN() } });
  const messages = ((await log.json()) as { messages: { id: string; state: string }[] }).messages;
  expect(messages).toEqual([expect.objectContaining({ id: got!.headers['webhook-id'], state: 'delivered' })]);
});

it('exports a result by the mapping named in the query: the default and json as the fixed routes, e-Recruitment as CSV, an unknown one refused', async () => {
  const [resultId] = (await services.verifier.db.query<{ id: string }>('SELECT id FROM sp_results')).map((r) => r.id);
  const get = (path: string) => fetch(`${services.verifierUrl}/results/${resultId}/${path}`, { headers: services.checker });
  const byDefault = await get('export');
  expect(byDefault.headers.get('content-type')).toContain('text/csv');
  expect(await byDefault.text()).toBe(await (await get('export.csv')).text());
  const json = await get('export?mapping=json');
  expect(await json.json()).toEqual(await (await get('export.json')).json());
  const recruitment = await get('export?mapping=esr-e-recruitment');
  expect(recruitment.headers.get('content-disposition')).toBe(`attachment; filename="${resultId}-esr-e-recruitment.csv"`);
  expect((await recruitment.text()).split('\r\n')[0]).toContain('Applicant Last Name,Applicant First Name,Applicant Date of Birth,Applicant NI Number');
  const unknown = await get('export?mapping=nope');
  expect(unknown.status).toBe(400);
  expect(((await unknown.json()) as { code: string; field: string }).field).toBe('mapping');
  const mappings = (await (await fetch(`${services.verifierUrl}/export-mappings`)).json()) as { mappings: { id: string }[] };
  expect(mappings.mappings.map((m) => m.id)).toEqual(['esr-csv', 'json', 'esr-e-recruitment']);

});
