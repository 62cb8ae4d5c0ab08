/**
 * Status (issue 4): every credential gets a revocation and a suspension entry at a random index of
 * a 131,072-entry list; revoke, suspend and reinstate (one, many, and the VC API) show on the next
 * fetch of the signed lists (W3C Bitstring Status List v1.0 sections 2.1-3.4; IETF Token Status
 * List section 4 for the token view).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeBitstringList, decodeCompactJws, decodeStatusListToken, TOKEN_STATUS } from '@staff-passport/core';
import { call, startIssuer, type TestIssuer } from '../helpers/start-issuer.js';
import { trainingCredential } from '../../../../test/helpers/training-credential.js';

let issuer: TestIssuer;
const holder = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

beforeAll(async () => {
  issuer = await startIssuer();
});
afterAll(async () => {
  await issuer.close();
});

interface Issued {
  id: string;
  payload: Record<string, unknown>;
  entries: { statusListCredential: string; statusListIndex: string; statusPurpose: string }[];
}

async function issue(key = issuer.a.keys.issuer, orgId = issuer.a.org.id): Promise<Issued> {
  const res = await call(`${issuer.url}/orgs/${orgId}/credentials/issue`, { key, body: { credential: trainingCredential(holder) } });
  expect(res.status).toBe(201);
  const vc = res.body['verifiableCredential'] as { id: string };
  const jwt = vc.id.slice(vc.id.indexOf(',') + 1);
  const { payload } = decodeCompactJws(jwt, 'ERR_VC_MALFORMED');
  expect(res.headers.get('location')).toBe(`/orgs/${orgId}/credentials/${String(payload['id'])}`);
  return { id: payload['id'] as string, payload, entries: payload['credentialStatus'] as Issued['entries'] };
}

async function bit(url: string, index: string): Promise<number> {
  const res = await call(url);
  expect(res.status).toBe(200);
  expect(res.type).toContain('application/vc+jwt');
  const { payload } = decodeCompactJws(res.text, 'ERR_VC_MALFORMED');
  // HTTP caches keep the list exactly as long as verifiers may (its ttl, in milliseconds).
  const subject = payload['credentialSubject'] as { encodedList: string; ttl: number };
  expect(res.headers.get('cache-control')).toBe(`public, max-age=${subject.ttl / 1000}`);
  expect(payload['type']).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
  const list = decodeBitstringList(subject.encodedList);
  expect(list.size).toBe(131_072);
  return list.get(Number(index));
}

async function tokenStatus(entry: Issued['entries'][number]): Promise<number> {
  const url = entry.statusListCredential.replace(/\/(revocation|suspension)$/, '/token');
  const res = await call(url);
  expect(res.type).toContain('application/statuslist+jwt');
  const token = decodeStatusListToken(res.text);
  expect(res.headers.get('cache-control')).toBe(`public, max-age=${String(token.claims.ttl)}`);
  return token.list.get(Number(entry.statusListIndex));
}

async function act(id: string, action: string, reason = 'issued_in_error') {
  return call(`${issuer.url}/orgs/${issuer.a.org.id}/credentials/${encodeURIComponent(id)}/${action}`, { key: issuer.a.keys.issuer, body: { reason } });
}

describe('status entries', () => {
  it('each credential has a revocation and a suspension entry at one random index (section 2.1)', async () => {
    const { entries } = await issue();
    expect(entries.map((e) => e.statusPurpose)).toEqual(['revocation', 'suspension']);
    expect(entries[0]!.statusListIndex).toBe(entries[1]!.statusListIndex);
    expect(entries[0]!.statusListCredential).toMatch(new RegExp(`/orgs/${issuer.a.org.id}/status/sl_[0-9a-f]{16}/revocation$`));
  });

  it('indices are drawn at random, never reused, and say nothing about order', async () => {
    const indices: number[] = [];
    for (let i = 0; i < 30; i++) indices.push(Number((await issue()).entries[0]!.statusListIndex));
    expect(new Set(indices).size).toBe(indices.length);
    const ascending = indices.every((v, i) => i === 0 || v > indices[i - 1]!);
    expect(ascending).toBe(false);
    const rows = (await issuer.ctx.db.query('SELECT status_list_id, status_index, COUNT(*) AS n FROM sp_issued_credentials GROUP BY 1, 2 HAVING n > 1')) as unknown[];
    expect(rows).toEqual([]);
  });
});

describe('revoke, suspend, reinstate', () => {
  it('revoke sets the revocation bit on the next fetch, and the token view says invalid', async () => {
    const { id, entries } = await issue();
    expect(await bit(entries[0]!.statusListCredential, entries[0]!.statusListIndex)).toBe(0);
    const res = await act(id, 'revoke');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ credentialId: id, status: 'revoked' });
    expect(await bit(entries[0]!.statusListCredential, entries[0]!.statusListIndex)).toBe(1);
    expect(await tokenStatus(entries[0]!)).toBe(TOKEN_STATUS.INVALID);
  });

  it('suspend then reinstate sets and clears the suspension bit', async () => {
    const { id, entries } = await issue();
    expect((await act(id, 'suspend', 'under_investigation')).body['status']).toBe('suspended');
    expect(await bit(entries[1]!.statusListCredential, entries[1]!.statusListIndex)).toBe(1);
    expect(await tokenStatus(entries[1]!)).toBe(TOKEN_STATUS.SUSPENDED);
    expect((await act(id, 'reinstate', 'investigation_closed')).body['status']).toBe('active');
    expect(await bit(entries[1]!.statusListCredential, entries[1]!.statusListIndex)).toBe(0);
    expect(await tokenStatus(entries[1]!)).toBe(TOKEN_STATUS.VALID);
  });

  it('revocation is final (ERR_STATUS_TRANSITION_INVALID)', async () => {
    const { id } = await issue();
    await act(id, 'revoke');
    const res = await act(id, 'reinstate');
    expect(res.status).toBe(409);
    expect(res.body['code']).toBe('ERR_STATUS_TRANSITION_INVALID');
    expect((await act(id, 'suspend')).body['code']).toBe('ERR_STATUS_TRANSITION_INVALID');
  });

  it('repeating a change is a no-op (idempotent for retries)', async () => {
    const { id } = await issue();
    expect((await act(id, 'reinstate')).body).toEqual({ credentialId: id, status: 'active' });
    await act(id, 'suspend');
    expect((await act(id, 'suspend')).body).toEqual({ credentialId: id, status: 'suspended' });
  });

  it('the W3C VC API status update works (POST /credentials/status)', async () => {
    const { id, entries } = await issue();
    const url = `${issuer.url}/orgs/${issuer.a.org.id}/credentials/status`;
    const suspend = await call(url, { key: issuer.a.keys.issuer, body: { credentialId: id, credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'suspension', status: true }] } });
    expect(suspend.body['status']).toBe('suspended');
    expect(await bit(entries[1]!.statusListCredential, entries[1]!.statusListIndex)).toBe(1);
    const unrevoke = await call(url, { key: issuer.a.keys.issuer, body: { credentialId: id, credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', status: false }] } });
    expect(unrevoke.body['code']).toBe('ERR_STATUS_TRANSITION_INVALID');
  });

  it('many credentials change in one request and one transaction', async () => {
    const issued: Issued[] = [];
    for (let i = 0; i < 20; i++) issued.push(await issue());
    const res = await call(`${issuer.url}/orgs/${issuer.a.org.id}/credentials/status-changes`, {
      key: issuer.a.keys.issuer,
      body: { action: 'revoke', credentialIds: issued.map((c) => c.id), reason: 'employment_ended' },
    });
    expect(res.status).toBe(200);
    expect((res.body['changes'] as unknown[]).length).toBe(20);
    for (const c of issued) expect(await bit(c.entries[0]!.statusListCredential, c.entries[0]!.statusListIndex)).toBe(1);
  });

  it('one bad id in a batch changes nothing (all or nothing)', async () => {
    const good = await issue();
    const res = await call(`${issuer.url}/orgs/${issuer.a.org.id}/credentials/status-changes`, {
      key: issuer.a.keys.issuer,
      body: { action: 'suspend', credentialIds: [good.id, 'urn:uuid:00000000-0000-4000-8000-000000000000'], reason: 'other' },
    });
    expect(res.status).toBe(404);
    expect(res.body['code']).toBe('ERR_CREDENTIAL_NOT_FOUND');
    expect(res.body['field']).toBe('credentialIds[1]');
    expect(await bit(good.entries[1]!.statusListCredential, good.entries[1]!.statusListIndex)).toBe(0);
  });

  it.each([
    ['no reason', {}, 'ERR_REQUEST_INVALID', 'reason'],
    ['an unknown reason', { reason: 'bored' }, 'ERR_REQUEST_INVALID', 'reason'],
    ['an unknown field', { reason: 'other', why: 'x' }, 'ERR_REQUEST_INVALID', 'why'],
  ])('bad input: %s', async (_name, body, code, field) => {
    const { id } = await issue();
    const res = await call(`${issuer.url}/orgs/${issuer.a.org.id}/credentials/${id}/revoke`, { key: issuer.a.keys.issuer, body });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body['code']).toBe(code);
    expect(res.body['field']).toBe(field);
  });

  it("another organisation's credential is not found, and its status is untouched", async () => {
    const theirs = await issue(issuer.b.keys.issuer, issuer.b.org.id);
    const res = await call(`${issuer.url}/orgs/${issuer.a.org.id}/credentials/${theirs.id}/revoke`, { key: issuer.a.keys.issuer, body: { reason: 'other' } });
    expect(res.status).toBe(404);
    expect(res.body['code']).toBe('ERR_CREDENTIAL_NOT_FOUND');
    expect(await bit(theirs.entries[0]!.statusListCredential, theirs.entries[0]!.statusListIndex)).toBe(0);
  });

  it('an auditor cannot change status (ERR_FORBIDDEN)', async () => {
    const { id } = await issue();
    const res = await call(`${issuer.url}/orgs/${issuer.a.org.id}/credentials/${id}/revoke`, { key: issuer.a.keys.auditor, body: { reason: 'other' } });
    expect(res.status).toBe(403);
    expect(res.body['code']).toBe('ERR_FORBIDDEN');
  });

  it('records keep metadata and status, not the credential', async () => {
    const { id } = await issue();
    await act(id, 'suspend', 'holder_request');
    const res = await call(`${issuer.url}/orgs/${issuer.a.org.id}/credentials/${id}`, { key: issuer.a.keys.auditor });
    expect(res.body).toMatchObject({ id, type: 'TrainingRecord', format: 'vc+jwt', status: 'suspended', statusReason: 'holder_request' });
    expect(res.body['credentialHash']).toMatch(/^[0-9a-f]{64}$/);
    const rows = (await issuer.ctx.db.query('SELECT stored_credential FROM sp_issued_credentials WHERE id = ?', [id])) as { stored_credential: string | null }[];
    expect(rows[0]!.stored_credential).toBeNull();
    const found = await call(`${issuer.url}/orgs/${issuer.a.org.id}/credentials?subject=${encodeURIComponent(holder)}&type=TrainingRecord&status=suspended`, { key: issuer.a.keys.auditor });
    expect((found.body['credentials'] as { id: string }[]).map((c) => c.id)).toContain(id);
  });
});
