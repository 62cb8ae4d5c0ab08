/**
 * The indexes of `sp_issued_credentials` each serve a query (EXPLAIN QUERY PLAN of every query
 * the issuer runs on the table), none scans the table, and the index on `request_key` alone, which
 * no query uses since the issue queue looks keys up with their organisation, is dropped from a data
 * folder that has it. Every index costs each issue a write (a random page for a random key).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openDatabase, type Database } from '@staff-passport/core';
import { ISSUER_MIGRATIONS } from '@staff-passport/issuer';

let dir: string;
let db: Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sp-plans-'));
  const file = join(dir, 'issuer.sqlite');
  // A data folder from before: it has the index on request_key alone.
  const old = await openDatabase({ file, scope: 'issuer', migrations: ISSUER_MIGRATIONS });
  await old.query('CREATE INDEX sp_issued_credentials_request_key ON sp_issued_credentials (request_key)');
  // Data folders from before had no ledger of migrations.
  await old.query('DROP TABLE sp_migrations');
  await old.close();
  db = await openDatabase({ file, scope: 'issuer', migrations: ISSUER_MIGRATIONS });
  // Statistics as a populated table would have them, so the planner chooses as it would in use.
  await db.query('ANALYZE');
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function planOf(sql: string, params: unknown[]): Promise<string> {
  const rows = (await db.query(`EXPLAIN QUERY PLAN ${sql}`, params)) as { detail: string }[];
  return rows.map((r) => r.detail).join(' | ');
}

// Each query on the table (as its source file writes it), and the index it must use.
const QUERIES: [where: string, sql: string, params: unknown[], index: RegExp][] = [
  ['issue queue: keys issued before', "SELECT org_id, request_key FROM sp_issued_credentials WHERE (org_id, request_key) IN (SELECT value->>0, value->>1 FROM json_each(?))", ['[["o","k"]]'], /sp_issued_credentials_request\b/],
  ['job runner: credentials of a job', 'SELECT COUNT(*) AS n FROM sp_issued_credentials WHERE job_id = ?', ['job_1'], /sp_issued_credentials_job\b/],
  ['status lists: indexes in use', 'SELECT status_index FROM sp_issued_credentials WHERE status_list_id = ?', ['sl_1'], /sp_issued_credentials_status\b/],
  ['status changes: credentials by id', 'SELECT id, status, status_list_id, status_index FROM sp_issued_credentials WHERE +org_id = ? AND id IN (SELECT value FROM json_each(?))', ['o', '["a","b"]'], /sqlite_autoindex_sp_issued_credentials_1\b/],
  [
    'status changes: the credentials an action moves',
    'UPDATE sp_issued_credentials SET status = ?, status_reason = ?, status_changed_at = ? WHERE +org_id = ? AND id IN (SELECT value FROM json_each(?)) AND status IN (?, ?) RETURNING id, status_list_id, status_index',
    ['revoked', 'other', '2026-01-01', 'o', '["a","b"]', 'active', 'suspended'],
    /sqlite_autoindex_sp_issued_credentials_1\b/,
  ],
  ['records: one credential', 'SELECT id FROM sp_issued_credentials WHERE org_id = ? AND id = ?', ['o', 'a'], /sqlite_autoindex_sp_issued_credentials_1\b/],
  ['records: a person', 'SELECT id FROM sp_issued_credentials WHERE org_id = ? AND subject_hash = ? ORDER BY rowid DESC LIMIT ?', ['o', 'h', 50], /sp_issued_credentials_subject\b/],
  ['records: a type', 'SELECT id FROM sp_issued_credentials WHERE org_id = ? AND type = ? ORDER BY rowid DESC LIMIT ?', ['o', 'TrainingRecord', 50], /sp_issued_credentials_org\b/],
  ['key rotation: live credentials of a retired key', "SELECT 1 FROM sp_issued_credentials WHERE signing_kid = ? AND status != 'revoked' AND (valid_until IS NULL OR valid_until > ?) LIMIT 1", ['kid', '2026-01-01'], /sp_issued_credentials_signing\b/],
];

describe('sp_issued_credentials query plans', () => {
  it.each(QUERIES)('%s uses its index', async (_where, sql, params, index) => {
    const plan = await planOf(sql, params);
    expect(plan).toMatch(index);
    expect(plan).not.toMatch(/SCAN sp_issued_credentials(?! USING)/);
  });

  it('drops the index on request_key alone from a data folder that has it', async () => {
    const indexes = (await db.query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sp_issued_credentials' ORDER BY name")) as { name: string }[];
    expect(indexes.map((i) => i.name)).toEqual([
      'sp_issued_credentials_job',
      'sp_issued_credentials_org',
      'sp_issued_credentials_request',
      'sp_issued_credentials_signing',
      'sp_issued_credentials_status',
      'sp_issued_credentials_subject',
      'sqlite_autoindex_sp_issued_credentials_1',
    ]);
  });
});
