/**
 * `node --conditions=@staff-passport/source --import tsx bench/bulk-job.ts ROWS`: the `bulk-1m`
 * path in a process of its own (run by `pnpm bench`): an issuer context over a fresh SQLite file,
 * one organisation, one job of ROWS rows; prints the path's result as one JSON line.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@staff-passport/core';
import { createApiKey, createIssuerContext, createOrganisation, getOrganisation } from '@staff-passport/issuer';
import { runBulkJob } from './paths/bulk-paths.js';

const rows = Number(process.argv[2] ?? '2000');
const dir = mkdtempSync(join(tmpdir(), 'sp-bulk-'));
// Nothing is served: the public URL only names the organisation's DID and status lists.
const issuer = await createIssuerContext({
  databaseFile: join(dir, 'issuer.sqlite'),
  secretKey: randomBytes(32).toString('hex'),
  publicUrl: 'http://127.0.0.1:8080',
  logger: createLogger({ level: 'silent' }),
});
try {
  const created = await createOrganisation(issuer, { name: 'Bench NHS Trust', odsCode: 'RZW' }, 'bench');
  const org = await getOrganisation(issuer, created.id);
  const { id: keyId } = await createApiKey(issuer, { orgId: org.id, role: 'issuer' }, 'bench');
  const result = await runBulkJob({ issuer, org, principal: { keyId }, dir }, rows);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await issuer.close();
  rmSync(dir, { recursive: true, force: true });
}
