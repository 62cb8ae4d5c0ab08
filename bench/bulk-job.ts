/**
 * `node --conditions=@staff-passport/source --import tsx bench/bulk-job.ts ROWS [--database-url=URL]
 * [--instances=N] [--path=NAME]`: the `bulk-1m` path in a process of its own (run by `pnpm bench`):
 * an issuer context over a fresh SQLite file (or the PostgreSQL database at URL, with N issuer
 * instances on it: the job runs on the first, the others hold their own connections and timers as
 * processes beside it would), one organisation, one job of ROWS rows; prints the path's result as
 * one JSON line.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@staff-passport/core';
import { createApiKey, createIssuerContext, createOrganisation, getOrganisation } from '@staff-passport/issuer';
import { runBulkJob } from './paths/bulk-paths.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const rows = Number(args.find((a) => !a.startsWith('--')) ?? '2000');
const databaseUrl = option('database-url');
const instances = databaseUrl ? Number(option('instances') ?? '1') : 1;
const dir = mkdtempSync(join(tmpdir(), 'sp-bulk-'));
const secretKey = randomBytes(32).toString('hex');
// Nothing is served: the public URL only names the organisation's DID and status lists.
const open = () =>
  createIssuerContext({
    databaseFile: join(dir, 'issuer.sqlite'),
    ...(databaseUrl ? { databaseUrl } : {}),
    secretKey,
    publicUrl: 'http://127.0.0.1:8080',
    logger: createLogger({ level: 'silent' }),
  });
const issuer = await open();
const others = [];
for (let i = 1; i < instances; i++) others.push(await open());
try {
  const created = await createOrganisation(issuer, { name: 'Bench NHS Trust', odsCode: 'RZW' }, 'bench');
  const org = await getOrganisation(issuer, created.id);
  const { id: keyId } = await createApiKey(issuer, { orgId: org.id, role: 'issuer' }, 'bench');
  const result = await runBulkJob({ issuer, org, principal: { keyId }, dir }, rows);
  const path = option('path');
  if (path) result.path = path;
  result.detail = { ...result.detail, database: databaseUrl ? 'postgresql' : 'sqlite', issuerInstances: instances };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  for (const other of others) await other.close();
  await issuer.close();
  rmSync(dir, { recursive: true, force: true });
}
