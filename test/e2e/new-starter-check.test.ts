/**
 * Issue 5, done when: a presentation satisfying the registered nurse band 5 profile reports "ready
 * to start"; the same with one training record out of date on the start date reports "needs action"
 * naming that subject. Real issuer and verifier, real wallet, a trust registry, credentials from the
 * catalogue's examples, a presentation request with its nonce (used once), and the export.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { addTrustRegistryEntry, createTrustRegistryDraft, renewTrustRegistry, type TrustRegistry } from '@staff-passport/core';
import { getCredentialType } from '@staff-passport/schemas';
import { openNodeWallet, type Wallet } from '@staff-passport/wallet-sdk';
import { registeredVerifierEntry } from '../helpers/registered-verifier-entry.js';
import { postJson, startServices, type Services } from '../helpers/start-services.js';

const NOW = new Date('2026-10-03T09:00:00Z');
const START = '2026-10-05';
const NURSE_LEVELS: Record<string, number> = {
  conflict_resolution: 1,
  equality_diversity_human_rights: 1,
  fire_safety: 1,
  health_safety_welfare: 1,
  infection_prevention_control: 2,
  information_governance_data_security: 1,
  moving_handling: 2,
  preventing_radicalisation: 2,
  resuscitation: 2,
  safeguarding_adults: 2,
  safeguarding_children: 2,
};
const BASE_TYPES = ['IdentityVerification', 'RightToWork', 'ProfessionalRegistration', 'DbsCheck', 'OccupationalHealthClearance', 'EmploymentHistory', 'EmploymentReference', 'EmploymentAssignment'];

let services: Services;
let wallet: Wallet;
let holder: string;
let closeWallet: () => Promise<void>;
let registry: TrustRegistry | undefined;

beforeAll(async () => {
  services = await startServices({ now: () => NOW, trustRegistry: () => registry });
  const draft = addTrustRegistryEntry(createTrustRegistryDraft({ name: 'Test NHS trust registry' }), {
    did: services.org.did,
    odsCode: services.org.odsCode,
    name: services.org.name,
    credentialTypes: ['*'],
    validFrom: '2020-01-01T00:00:00Z',
  });
  registry = renewTrustRegistry(addTrustRegistryEntry(draft, registeredVerifierEntry(services.verifierUrl)), { now: NOW });
  const opened = await openNodeWallet({ file: join(services.dataDir, 'wallet.sqlite'), secretKey: randomBytes(32).toString('hex') });
  wallet = opened.wallet;
  closeWallet = opened.close;
  holder = await wallet.createHolder();
});
afterAll(async () => {
  await closeWallet();
  await services.close();
});

function example(type: string, training?: Record<string, unknown>): Record<string, unknown> {
  const definition = getCredentialType(type)!;
  const credential = JSON.parse(JSON.stringify(definition.example).replaceAll('{holderDid}', holder)) as Record<string, unknown>;
  if (training) Object.assign((credential['credentialSubject'] as { training: Record<string, unknown> }).training, training);
  delete (credential['credentialSubject'] as { training?: { esrCompetence?: unknown } }).training?.esrCompetence;
  return { ...credential, validFrom: '2026-09-01T00:00:00Z' };
}

async function issueAndStore(credential: Record<string, unknown>): Promise<string> {
  const res = await postJson(`${services.issuerUrl}/orgs/${services.org.id}/credentials/issue`, { credential }, { authorization: `Bearer ${services.apiKey}` });
  expect(res.status).toBe(201);
  return (await wallet.storeCredential(res.body['verifiableCredential'])).id;
}

async function passport(trainingCompleted: Record<string, string> = {}): Promise<string[]> {
  const ids: string[] = [];
  for (const type of BASE_TYPES) ids.push(await issueAndStore(example(type)));
  for (const [subject, level] of Object.entries(NURSE_LEVELS)) {
    ids.push(await issueAndStore(example('TrainingRecord', { subject, level, completedOn: trainingCompleted[subject] ?? '2026-09-01' })));
  }
  return ids;
}

async function check(ids: string[], move?: string) {
  const request = await postJson(`${services.verifierUrl}/presentation-requests`, { profileId: 'registered-nurse-band-5-acute', startDate: START, ...(move ? { move } : {}) }, services.checker);
  expect(request.status).toBe(201);
  const { id, nonce, audience } = request.body as { id: string; nonce: string; audience: string };
  expect(request.body['dcql_query']).toBeDefined();
  expect(request.body['presentation_definition']).toBeDefined();
  const vp = await wallet.createPresentation({ credentialIds: ids, challenge: nonce, domain: audience, now: NOW });
  const answer = await postJson(`${services.verifierUrl}/presentation-requests/${id}/presentations`, { presentations: [vp] });
  return { requestId: id, vp, answer };
}

describe('registered nurse band 5 (acute)', () => {
  it("a full passport is ready once the new employer's checks are done; the export carries what HR would retype; the nonce works once", async () => {
    const { requestId, vp, answer } = await check(await passport());
    expect(answer.status).toBe(201);
    const report = answer.body['report'] as { overall: { decision: string; reasons: unknown[]; review: string; todo: { id: string }[] } };
    expect(report.overall.reasons).toEqual([]);
    // A new employer (the default move) does its own right to work check, and live DBS and register checks.
    expect(answer.body['decision']).toBe('ready_once_checks_done');
    expect(report.overall.todo.map((t) => t.id)).toEqual(['identity:identity_in_person', 'right_to_work:right_to_work_check', 'professional_registration:register_check', 'dbs:dbs_status_check']);
    expect(report.overall.review.length).toBeGreaterThan(10);
    const checks = (answer.body['checks'] as { check: string; outcome: string }[]).map((c) => `${c.check}:${c.outcome}`);
    expect(checks).toEqual(expect.arrayContaining(['presentation.nonce:passed', 'signature:passed', 'status:passed', 'trust:passed', 'schema:passed']));
    expect(checks.some((c) => c.endsWith(':failed'))).toBe(false);

    const resultId = answer.body['id'] as string;
    const csv = await fetch(`${services.verifierUrl}/results/${resultId}/export.csv`, { headers: services.checker });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\r\n').length).toBeGreaterThanOrEqual(2);
    const stored = await fetch(`${services.verifierUrl}/results/${resultId}`, { headers: services.checker });
    expect(((await stored.json()) as { decision: string }).decision).toBe('ready_once_checks_done');
    // The verifier keeps hashes, not credentials.
    const rows = (await services.verifier.db.query('SELECT credentials, credential_hashes FROM sp_results WHERE id = ?', [resultId])) as { credentials: string | null; credential_hashes: string }[];
    expect(rows[0]!.credentials).toBeNull();
    expect((JSON.parse(rows[0]!.credential_hashes) as string[]).length).toBe(19);
    // The request is answered; the same presentation again is refused.
    const polled = await fetch(`${services.verifierUrl}/presentation-requests/${requestId}`);
    expect(((await polled.json()) as { state: string }).state).toBe('answered');
    const replay = await postJson(`${services.verifierUrl}/presentation-requests/${requestId}/presentations`, { presentations: [vp] });
    expect(replay.status).toBe(400);
    expect(replay.body['code']).toBe('ERR_NONCE_REPLAYED');
  });

  it("a TUPE transfer: the request names the move, and the transferor's right to work check is relied on", async () => {
    const { answer } = await check(await passport(), 'tupe_transfer');
    expect(answer.status).toBe(201);
    const report = answer.body['report'] as { move: { kind: string }; overall: { todo: { id: string }[] }; requirements: { id: string; reliance: { decision: string; basis: { id: string } } }[] };
    expect(report.move.kind).toBe('tupe_transfer');
    expect(report.requirements.find((r) => r.id === 'right_to_work')?.reliance).toMatchObject({ decision: 'rely', basis: { id: 'rtw-tupe' } });
    expect(report.overall.todo.map((t) => t.id)).toEqual(['professional_registration:register_check']);
  });

  it('one training record out of date on the start date: needs action, naming the subject', async () => {
    // Fire safety (level 1, refresher 2 years) completed 2024-10-04 expires 2026-10-04: valid today, not on 5 October.
    const { answer } = await check(await passport({ fire_safety: '2024-10-04' }));
    expect(answer.status).toBe(201);
    expect(answer.body['decision']).toBe('needs_action');
    const reasons = (answer.body['report'] as { overall: { reasons: { code: string; subject?: string }[] } }).overall.reasons;
    expect(reasons).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'TRAINING_OUT_OF_DATE', subject: 'fire_safety' })]));
    expect(reasons.every((r) => r.subject === 'fire_safety')).toBe(true);
  });

  it('an issuer missing from the trust registry fails with ERR_ISSUER_NOT_TRUSTED, and the check needs action', async () => {
    const saved = registry;
    // No issuer listed (the verifier stays registered to ask).
    registry = renewTrustRegistry(addTrustRegistryEntry(createTrustRegistryDraft({ name: 'Empty registry' }), registeredVerifierEntry(services.verifierUrl)), { now: NOW });
    try {
      const ids = [await issueAndStore(example('DbsCheck'))];
      const { answer } = await check(ids);
      expect(answer.body['decision']).toBe('needs_action');
      const codes = (answer.body['checks'] as { code?: string }[]).map((c) => c.code).filter(Boolean);
      expect(codes).toContain('ERR_ISSUER_NOT_TRUSTED');
    } finally {
      registry = saved;
    }
  });
});

describe('profiles and bad input', () => {
  it('lists the six shipped profiles', async () => {
    const res = await fetch(`${services.verifierUrl}/profiles`, { headers: services.checker });
    const ids = ((await res.json()) as { profiles: { id: string }[] }).profiles.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['registered-nurse-band-5-acute', 'healthcare-support-worker-band-3', 'doctor-in-training-placement']));
    expect(ids.length).toBeGreaterThanOrEqual(6);
  });

  it.each([
    ['an unknown profile', { profileId: 'astronaut', startDate: START }, 404, 'ERR_PROFILE_NOT_FOUND'],
    ['a bad start date', { profileId: 'registered-nurse-band-5-acute', startDate: '05/10/2026' }, 400, 'ERR_REQUEST_INVALID'],
    ['an unknown field', { profileId: 'registered-nurse-band-5-acute', startDate: START, colour: 'red' }, 400, 'ERR_REQUEST_INVALID'],
    ['an unknown kind of move', { profileId: 'registered-nurse-band-5-acute', startDate: START, move: 'holiday' }, 400, 'ERR_REQUEST_INVALID'],
  ])('%s is a 4xx problem', async (_name, body, status, code) => {
    const res = await postJson(`${services.verifierUrl}/presentation-requests`, body, services.checker);
    expect(res.status).toBe(status);
    expect(res.type).toContain('application/problem+json');
    expect(res.body['code']).toBe(code);
  });

  it('an employer adds its own profile; an invalid one is refused naming the field', async () => {
    const nurse = (await (await fetch(`${services.verifierUrl}/profiles/registered-nurse-band-5-acute`, { headers: services.checker })).json()) as Record<string, unknown>;
    const own = { ...nurse, id: 'our-ward-nurse', title: 'Ward nurse (our trust)' };
    const added = await postJson(`${services.verifierUrl}/profiles`, own, { authorization: `Bearer ${services.verifierKeys['profile-admin']}` });
    expect(added.status).toBe(201);
    expect((await postJson(`${services.verifierUrl}/profiles`, own, { authorization: `Bearer ${services.verifierKeys['profile-admin']}` })).body['code']).toBe('ERR_PROFILE_CONFLICT');
    const bad = await postJson(`${services.verifierUrl}/profiles`, { ...own, id: 'broken', requirements: 'none' }, { authorization: `Bearer ${services.verifierKeys['profile-admin']}` });
    expect(bad.status).toBe(400);
    expect(bad.body['code']).toBe('ERR_PROFILE_INVALID');
    expect(bad.body['field']).toBe('requirements');
  });
});
