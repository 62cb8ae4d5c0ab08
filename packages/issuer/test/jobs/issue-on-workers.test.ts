/**
 * Issue 9: bulk signing on worker threads. Rows issued through `createWorkerIssueRow` are the same
 * credentials `issueCredential` makes (recorded once per request key, signed by the organisation's
 * active key, verifiable against its DID document), in every JWS format, EdDSA and ES256.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDidResolver, verifyVcJose } from '@staff-passport/core';
import { trainingRecordType } from '@staff-passport/schemas';
import { createWorkerIssueRow, type WorkerIssueRow } from '../../src/jobs/index.js';
import { startJobIssuer, type JobIssuer } from './helpers/start-job-issuer.js';

const HOLDER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const credential = JSON.parse(JSON.stringify(trainingRecordType.example).replaceAll('{holderDid}', HOLDER)) as Record<string, unknown>;

let issuer: JobIssuer;
let issueRow: WorkerIssueRow;
beforeAll(async () => {
  // Credentials kept with their records, to verify what the threads signed.
  issuer = await startJobIssuer({}, { storeCredentials: true });
  issueRow = createWorkerIssueRow({ threads: 2, maxBatch: 8 });
});
afterAll(async () => {
  await issueRow.close();
  await issuer.close();
});

describe('createWorkerIssueRow', () => {
  it('issues many rows at once, each signed on a thread and verifiable, each request key once', async () => {
    const { ctx, a } = issuer;
    const principal = { keyId: 'test' };
    const rows = await Promise.all(Array.from({ length: 40 }, (_, i) => issueRow(ctx, a.org, { credential }, principal, { requestKey: `row-${i}` })));
    expect(rows.every((r) => r.outcome === 'inserted')).toBe(true);
    const again = await issueRow(ctx, a.org, { credential }, principal, { requestKey: 'row-3' });
    expect(again.outcome).toBe('duplicate');

    const resolver = createDidResolver({ web: { allowPrivateNetwork: true, allowHttp: true } });
    // A row answers its outcome only; the credential is the one stored with its record.
    const one = await issueRow(ctx, a.org, { credential }, principal, { requestKey: 'row-one' });
    expect(one).toEqual({ outcome: 'inserted' });
    const jwt = ((await ctx.db.query("SELECT stored_credential FROM sp_issued_credentials WHERE request_key = 'row-one'")) as { stored_credential: string }[])[0]!.stored_credential;
    const verified = await verifyVcJose({ jwt, resolver });
    expect(verified.checks.find((c) => c.check === 'signature')?.outcome).toBe('passed');
    const stored = (await ctx.db.query('SELECT COUNT(*) AS n FROM sp_issued_credentials WHERE org_id = ?', [a.org.id])) as { n: number }[];
    expect(stored[0]!.n).toBe(41);
  });

  it('signs ES256, SD-JWT VC and VC 1.1 JWT rows too', async () => {
    const { ctx, b } = issuer;
    const resolver = createDidResolver({ web: { allowPrivateNetwork: true, allowHttp: true } });
    await issueRow(ctx, b.org, { credential, options: { alg: 'ES256' } }, { keyId: 'test' }, { requestKey: 'row-es256' });
    const es256 = ((await ctx.db.query("SELECT stored_credential FROM sp_issued_credentials WHERE request_key = 'row-es256'")) as { stored_credential: string }[])[0]!.stored_credential;
    expect((await verifyVcJose({ jwt: es256, resolver })).checks.find((c) => c.check === 'signature')?.outcome).toBe('passed');
    for (const format of ['dc+sd-jwt', 'jwt_vc_json'] as const) {
      const issued = await issueRow(ctx, b.org, { credential, options: { format } }, { keyId: 'test' }, {});
      expect(issued.outcome).toBe('inserted');
    }
  });

  it('a closed pool refuses to sign rather than hanging', async () => {
    const pool = createWorkerIssueRow({ threads: 1 });
    await pool.close();
    await expect(pool(issuer.ctx, issuer.a.org, { credential }, { keyId: 'test' }, {})).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
  });
});
