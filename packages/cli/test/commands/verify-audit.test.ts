/** `staff-passport audit verify` finds an altered or removed audit entry (issue 4); `admin-key create` works. */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createLogger } from '@staff-passport/core';
import { createApiKey, createIssuerContext, createOrganisation } from '@staff-passport/issuer';
import { runCliCaptured as run } from '../helpers/run-cli-captured.js';

const dataDir = mkdtempSync(join(tmpdir(), 'sp-cli-audit-'));
const secretKey = randomBytes(32).toString('hex');
const saved = { ...process.env };

beforeAll(async () => {
  process.env['DATA_DIR'] = dataDir;
  process.env['PASSPORT_SECRET_KEY'] = secretKey;
  const ctx = await createIssuerContext({ databaseFile: join(dataDir, 'issuer.sqlite'), secretKey, publicUrl: 'http://127.0.0.1:4000', logger: createLogger({ level: 'silent' }) });
  const org = await createOrganisation(ctx, { name: 'Audit Test Trust', odsCode: 'RZQ' }, 'test');
  await createApiKey(ctx, { orgId: org.id, role: 'issuer' }, 'test');
  await createApiKey(ctx, { orgId: org.id, role: 'auditor' }, 'test');
  await ctx.close();
});
afterAll(() => {
  process.env = saved;
  rmSync(dataDir, { recursive: true, force: true });
});

it('an intact log verifies; an altered entry is found and named', async () => {
  const ok = await run(['audit', 'verify']);
  expect(ok.code).toBe(0);
  expect(ok.out).toMatch(/audit log intact: \d+ entries/);

  const admin = await run(['admin-key', 'create', '--label', 'ops']);
  expect(admin.code).toBe(0);
  expect(admin.out).toMatch(/spa_/);

  const ctx = await createIssuerContext({ databaseFile: join(dataDir, 'issuer.sqlite'), secretKey, publicUrl: 'http://127.0.0.1:4000', logger: createLogger({ level: 'silent' }) });
  await ctx.db.query("UPDATE sp_audit_log SET actor = 'someone-else' WHERE action = 'api-key.create' AND chain_seq = 2");
  await ctx.close();
  const bad = await run(['audit', 'verify']);
  expect(bad.code).toBe(1);
  expect(bad.err).toMatch(/#2: altered/);
});
