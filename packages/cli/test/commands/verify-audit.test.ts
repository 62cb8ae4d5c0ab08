/** `staff-passport audit verify` finds an altered or removed audit entry (issue 4); `admin-key create` works. */
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createLogger } from '@staff-passport/core';
import { createApiKey, createIssuerContext, createOrganisation } from '@staff-passport/issuer';
import { runCli } from '../../src/run-cli.js';

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

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const errs: string[] = [];
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (errs.push(String(chunk)), true));
  try {
    return { code: await runCli(argv), out: out.join(''), err: errs.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

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
