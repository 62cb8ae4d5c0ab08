/**
 * `staff-passport issue bulk FILE` against a real issuer: streams the file up, follows the job
 * (a progress bar on a terminal, lines otherwise), prints the summary (exit 0) or the row errors
 * (exit 65, nothing issued); bad command lines are usage errors (64).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueBulkCommand, type IssueBulkDeps } from '../../src/commands/issue-bulk.js';
import { runCli } from '../../src/run-cli.js';
import { trainingCsv, trainingRow } from '../../../issuer/test/jobs/helpers/bulk-files.js';
import { startJobIssuer, type JobIssuer } from '../../../issuer/test/jobs/helpers/start-job-issuer.js';

let issuer: JobIssuer;
const dir = mkdtempSync(join(tmpdir(), 'sp-cli-bulk-'));

beforeAll(async () => {
  issuer = await startJobIssuer();
});
afterAll(async () => {
  await issuer.close();
  rmSync(dir, { recursive: true, force: true });
});

function capture(tty: boolean): { deps: IssueBulkDeps; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    deps: {
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: (t: string) => (err += t), isTTY: tty, columns: 100 },
      env: {},
      pollMs: 20,
      lineEveryMs: 0,
    },
    out: () => out,
    err: () => err,
  };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('staff-passport issue bulk', () => {
  it('issues a training export and prints the summary; progress lines when stderr is not a terminal', async () => {
    const io = capture(false);
    const code = await issueBulkCommand(file('ok.csv', trainingCsv(150)), { 'issuer-url': issuer.url, org: issuer.a.org.id, 'api-key': issuer.a.keys.issuer, kind: 'training-compliance' }, io.deps);
    expect([code, io.err()]).toEqual([0, expect.any(String)]);
    expect(io.out()).toMatch(/^Issued 150 credentials from 150 rows \(0 already issued, 0 skipped\) in .+\. Job job_[0-9a-f]{32}\n$/);
    expect(io.err()).toMatch(/job job_[0-9a-f]{32}: [\d,]+ bytes uploaded/);
    expect(io.err()).not.toContain('\r');
  });

  it('draws a progress bar on a terminal, and the same rows again issue nothing twice', async () => {
    const io = capture(true);
    const code = await issueBulkCommand(file('again.csv', trainingCsv(150)), { 'issuer-url': issuer.url, org: issuer.a.org.id, 'api-key': issuer.a.keys.issuer, kind: 'training-compliance' }, io.deps);
    expect(code).toBe(0);
    expect(io.err()).toContain('\r\u001b[2Kissuing  [');
    expect(io.err()).toMatch(/issuing {2}\[#+\] {2}150\/150 {2}100%/);
    expect(io.out()).toMatch(/^Issued 0 credentials from 150 rows \(150 already issued, 0 skipped\)/);
  });

  it('prints the row errors and exits 65 when rows are invalid', async () => {
    const io = capture(false);
    const csv = trainingCsv(5, (i) => (i === 2 ? trainingRow(900, { awarded: 'last Tuesday' }) : trainingRow(900 + i)));
    const code = await issueBulkCommand(file('bad.csv', csv), { 'issuer-url': issuer.url, org: issuer.a.org.id, kind: 'training-compliance' }, { ...io.deps, env: { STAFF_PASSPORT_API_KEY: issuer.a.keys.issuer } });
    expect(code).toBe(65);
    expect(io.err()).toContain('1 row error in');
    expect(io.err()).toContain('nothing was issued');
    expect(io.err()).toContain('row 4, Date Last Awarded: must be a date such as 14-Sep-2026 (date_invalid)');
    expect(io.out()).toBe('');
  });

  it('a file the issuer refuses (a column missing) exits 65', async () => {
    const io = capture(false);
    const code = await issueBulkCommand(file('nocol.csv', 'Holder DID,Competence Name\nx,y\n'), { 'issuer-url': issuer.url, org: issuer.a.org.id, 'api-key': issuer.a.keys.issuer, kind: 'training-compliance' }, io.deps);
    expect(code).toBe(65);
    expect(io.err()).toContain('(ERR_BULK_FILE_INVALID, Date Last Awarded)');
  });

  it('usage errors exit 64: no key, no kind for a CSV, an unknown format', async () => {
    const base = { 'issuer-url': issuer.url, org: issuer.a.org.id };
    const csv = file('u.csv', trainingCsv(1));
    expect(await issueBulkCommand(csv, { ...base, kind: 'training-compliance' }, capture(false).deps)).toBe(64);
    expect(await issueBulkCommand(csv, { ...base, 'api-key': 'sp_x' }, capture(false).deps)).toBe(64);
    expect(await issueBulkCommand(csv, { ...base, 'api-key': 'sp_x', kind: 'training-compliance', format: 'pdf' }, capture(false).deps)).toBe(64);
    expect(await issueBulkCommand(undefined, base, capture(false).deps)).toBe(64);
  });

  it('an issuer that is not there exits 69', async () => {
    const io = capture(false);
    const code = await issueBulkCommand(file('x.jsonl', '{}\n'), { 'issuer-url': 'http://127.0.0.1:9', org: issuer.a.org.id, 'api-key': 'sp_x' }, io.deps);
    expect(code).toBe(69);
  });

  it("issues the README's sample ESR export (examples/esr-training-compliance.csv); a row not achieved is skipped", async () => {
    const sample = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'examples', 'esr-training-compliance.csv');
    const io = capture(false);
    const code = await issueBulkCommand(sample, { 'issuer-url': issuer.url, org: issuer.a.org.id, 'api-key': issuer.a.keys.issuer, kind: 'training-compliance' }, io.deps);
    expect(code).toBe(0);
    // 9 rows, one not achieved; the others are issued until their training lapses (then skipped too).
    const [, issued, skipped] = /^Issued (\d+) credentials? from 9 rows \(0 already issued, (\d+) skipped\)/.exec(io.out()) ?? [];
    expect(Number(issued) + Number(skipped)).toBe(9);
    expect(Number(skipped)).toBeGreaterThanOrEqual(1);
  });

  it('is wired as `staff-passport issue bulk`', async () => {
    expect(await runCli(['issue', 'nonsense'])).toBe(64);
  });
});
