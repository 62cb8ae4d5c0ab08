/**
 * A start on other ports than the saved demo's: the demo organisation's did:web names the old
 * address, so ensureDemo says exactly what to do (start at the old port again, or a new demo in
 * another folder) instead of leaving verification to fail with ERR_DID_UNRESOLVABLE.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@staff-passport/core';
import { createIssuerContext } from '@staff-passport/issuer';
import { createVerifierContext } from '@staff-passport/verifier';
import { ensureDemo } from '../../src/lib/ensure-demo.js';
import { adviseMovedDemo } from '../../src/lib/advise-moved-demo.js';

const dataDir = mkdtempSync(join(tmpdir(), 'sp-demo-'));
const secretKey = randomBytes(32).toString('hex');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function startAt(publicUrl: string) {
  const ctx = await createIssuerContext({ databaseFile: join(dataDir, 'issuer.sqlite'), secretKey, publicUrl, logger: createLogger({ level: 'silent' }) });
  const verifier = await createVerifierContext({ databaseFile: join(dataDir, 'verifier.sqlite'), secretKey, publicUrl: 'http://127.0.0.1:4200', logger: createLogger({ level: 'silent' }), housekeepingIntervalSeconds: 0 });
  try {
    return await ensureDemo(ctx, { dataDir, secretKey, verifier });
  } finally {
    await ctx.close();
    await verifier.close();
  }
}

describe('ensureDemo on another issuer address', () => {
  it('says which start brings the demo back and which begins a new one; none at home', async () => {
    const first = await startAt('http://127.0.0.1:4100');
    expect(first.created).toBe(true);
    expect(first.warning).toBeUndefined();

    // The verifier's demo organisation (issue 20): made once, with a key of each role, then reused.
    expect(first.facts.verifier).toMatchObject({ url: 'http://127.0.0.1:4200', orgId: expect.stringMatching(/^org_[0-9a-f]{16}$/), keys: { checker: expect.stringMatching(/^spv_/) } });

    const moved = await startAt('http://127.0.0.1:4101');
    expect(moved.created).toBe(false);
    expect(moved.facts.verifier).toEqual(first.facts.verifier);
    expect(moved.facts.issuer.did).toBe(first.facts.issuer.did);
    expect(moved.warning).toContain(first.facts.issuer.did);
    expect(moved.warning).toContain('ERR_DID_UNRESOLVABLE');
    expect(moved.warning).toContain('ISSUER_PORT=4100 pnpm start');
    expect(moved.warning).toMatch(/DATA_DIR=\S+-4101 /);

    const back = await startAt('http://127.0.0.1:4100');
    expect(back.warning).toBeUndefined();
  });
});

describe('adviseMovedDemo', () => {
  const did = 'did:web:127.0.0.1%3A4100:orgs:org_1';

  it('is silent when the DID is at home', () => {
    expect(adviseMovedDemo(did, 'http://127.0.0.1:4100', '/srv/data')).toBeUndefined();
    expect(adviseMovedDemo('did:web:issuer.example.nhs.uk:orgs:org_1', 'https://issuer.example.nhs.uk', '/srv/data')).toBeUndefined();
  });

  it('names the port on the same host, the public URL on another', () => {
    expect(adviseMovedDemo(did, 'http://127.0.0.1:5100', '/srv/data', '/srv')).toContain('ISSUER_PORT=4100 pnpm start');
    expect(adviseMovedDemo(did, 'http://127.0.0.1:5100', '/srv/data', '/srv')).toContain('DATA_DIR=./data-5100 <the same settings> pnpm start');
    const elsewhere = adviseMovedDemo('did:web:old.example.nhs.uk:orgs:org_1', 'https://new.example.nhs.uk', '/srv/data', '/srv');
    expect(elsewhere).toContain('ISSUER_PUBLIC_URL=https://old.example.nhs.uk pnpm start');
  });
});
