import { createReadStream, statSync } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { EXIT } from '../lib/output.js';
import type { BulkJob } from '@staff-passport/issuer';

/** Where the command writes: what a person reads on stdout, progress and problems on stderr. */
interface Writer {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** What `issue bulk` needs from the world (injected by tests). */
export interface IssueBulkDeps {
  fetch?: typeof fetch;
  stdout?: Writer;
  stderr?: Writer;
  env?: Record<string, string | undefined>;
  /** Milliseconds between progress polls (default 500). */
  pollMs?: number;
  /** Milliseconds between progress lines when stderr is not a terminal (default 5000). */
  lineEveryMs?: number;
}

/** A job as the issuer answers it (the fields the command reads). */
// The job as GET /orgs/{orgId}/jobs/{jobId} answers it (the issuer's own type, as JSON).
type Job = Pick<BulkJob, 'id' | 'orgId' | 'state' | 'total' | 'validated' | 'done' | 'issued' | 'duplicates' | 'skipped' | 'errors' | 'ratePerSecond' | 'secondsLeft' | 'failure'>;

interface RowError {
  row: number;
  column: string | null;
  code: string;
  message: string;
}

/** The kinds of file `issue bulk` uploads. */
export const BULK_KINDS = ['training-compliance', 'assignment', 'jsonl'];
/** The formats a bulk job issues in. */
export const BULK_FORMATS = ['vc+jwt', 'dc+sd-jwt', 'jwt_vc_json', 'ldp_vc'];
// Upload refusals that mean the file is at fault (exit 65), not the command line.
const FILE_CODES = new Set(['ERR_BULK_FILE_INVALID', 'ERR_BODY_TOO_LARGE', 'ERR_UNSUPPORTED_MEDIA_TYPE', 'ERR_BULK_ROWS_INVALID']);
const ERRORS_SHOWN = 50;

/** What `staff-passport issue bulk --help` says below the options. */
export const ISSUE_BULK_DETAILS = `  Uploads an ESR training compliance export, an ESR assignment export (CSV, with a Holder DID
  column) or JSON lines ({credential, options} per line) as a bulk job, shows its progress, and
  prints the row errors if any row is invalid (nothing is issued then) or the summary when done.
  The API key comes from --api-key or STAFF_PASSPORT_API_KEY; --issuer-url and --org may come
  from STAFF_PASSPORT_ISSUER_URL and STAFF_PASSPORT_ORG. Uploading the same rows again issues
  nothing twice. A sample export: examples/esr-training-compliance.csv.
  Exit codes: 0 done, 65 row errors or a bad file, 66 no such file, 1 rows not issued, 69 issuer unreachable.`;

/** How to call `staff-passport issue bulk` (printed on a usage error). */
export const ISSUE_BULK_USAGE = `usage: staff-passport issue bulk FILE --issuer-url URL --org ORG_ID [--api-key KEY]
         [--kind training-compliance|assignment|jsonl] [--format vc+jwt|dc+sd-jwt|jwt_vc_json|ldp_vc]
         [--cstf-version 1.2] [--cstf-aligned]

${ISSUE_BULK_DETAILS}`;

function text(value: string | true | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function count(n: number): string {
  return n.toLocaleString('en-GB');
}

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${Math.round(seconds % 60)}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

/** One line of progress: a bar when the width allows, counts, rate and time left. */
function progressLine(job: Job, width: number, bar: boolean): string {
  if (job.state === 'validating') return `validating  ${count(job.validated)} rows`;
  const total = job.total ?? 0;
  const share = total > 0 ? job.done / total : 1;
  const rate = job.ratePerSecond > 0 ? `  ${count(Math.round(job.ratePerSecond))}/s` : '';
  const left = job.secondsLeft !== null && job.state === 'issuing' ? `  ~${duration(job.secondsLeft)} left` : '';
  const figures = `${count(job.done)}/${count(total)}  ${Math.floor(share * 100)}%${rate}${left}`;
  if (!bar) return `issuing  ${figures}`;
  const size = Math.max(10, Math.min(40, width - figures.length - 14));
  const filled = Math.round(share * size);
  return `issuing  [${'#'.repeat(filled)}${'-'.repeat(size - filled)}]  ${figures}`;
}

async function problemOf(res: Response): Promise<{ code: string; detail: string; field?: string }> {
  const body = (await res.json().catch(() => ({}))) as { code?: string; title?: string; detail?: string; field?: string };
  return { code: body.code ?? `HTTP ${res.status}`, detail: body.detail ?? body.title ?? res.statusText, ...(body.field ? { field: body.field } : {}) };
}

/**
 * `staff-passport issue bulk FILE`: streams the file to `POST /orgs/{orgId}/jobs` (never read into
 * memory), then polls the job and draws a progress bar on stderr (a line every few seconds when
 * stderr is not a terminal). A file with row errors prints them (row, column, message) and exits
 * 65 with nothing issued; a completed job prints its summary on stdout and exits 0.
 */
export async function issueBulkCommand(file: string | undefined, options: Record<string, string | true>, deps: IssueBulkDeps = {}): Promise<number> {
  const env = deps.env ?? process.env;
  const stdout = deps.stdout ?? process.stdout;
  const stderr = deps.stderr ?? process.stderr;
  const doFetch = deps.fetch ?? fetch;
  const say = (line: string): void => void stdout.write(`${line}\n`);
  const warn = (line: string): void => void stderr.write(`${line}\n`);

  const issuerUrl = (text(options['issuer-url']) ?? env['STAFF_PASSPORT_ISSUER_URL'])?.replace(/\/+$/, '');
  const orgId = text(options['org']) ?? env['STAFF_PASSPORT_ORG'];
  const apiKey = text(options['api-key']) ?? env['STAFF_PASSPORT_API_KEY'];
  const kind = text(options['kind']) ?? (file && /\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : undefined);
  const format = text(options['format']);
  const missing = [!file && 'FILE', !issuerUrl && '--issuer-url', !orgId && '--org', !apiKey && '--api-key (or STAFF_PASSPORT_API_KEY)', !kind && '--kind (for a CSV file)'].filter(Boolean);
  if (missing.length > 0 || (kind && !BULK_KINDS.includes(kind)) || (format && !BULK_FORMATS.includes(format))) {
    if (missing.length > 0) warn(`staff-passport issue bulk: missing ${missing.join(', ')}`);
    else warn(`staff-passport issue bulk: --kind must be one of ${BULK_KINDS.join(', ')}; --format one of ${BULK_FORMATS.join(', ')}`);
    warn(ISSUE_BULK_USAGE);
    return EXIT.usage;
  }
  let size: number;
  try {
    const stat = statSync(file!);
    if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    size = stat.size;
  } catch (e: unknown) {
    const missing = (e as NodeJS.ErrnoException | null)?.code === 'ENOENT';
    warn(`staff-passport issue bulk: ${missing ? `ERR_FILE_NOT_FOUND: no such file: ${file}` : `ERR_FILE_UNREADABLE: cannot read ${file}`}`);
    return EXIT.noInput;
  }

  const query = new URLSearchParams({ kind: kind! });
  if (format) query.set('format', format);
  const cstfVersion = text(options['cstf-version']);
  if (cstfVersion) query.set('cstfVersion', cstfVersion);
  if (options['cstf-aligned'] !== undefined) query.set('cstfAligned', options['cstf-aligned'] === 'false' ? 'false' : 'true');
  const auth = { authorization: `Bearer ${apiKey}` };
  const tty = stderr.isTTY === true;
  const width = (): number => stderr.columns ?? 80;

  // Upload, streamed, with the share sent shown on a terminal.
  let sent = 0;
  let lastDrawn = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      sent += chunk.length;
      if (tty && Date.now() - lastDrawn > 100) {
        lastDrawn = Date.now();
        stderr.write(`\r\x1b[2Kuploading  ${size > 0 ? Math.floor((sent / size) * 100) : 100}%  ${count(Math.round(sent / 1024))} KiB`);
      }
      callback(null, chunk);
    },
  });
  let res: Response;
  try {
    res = await doFetch(`${issuerUrl}/orgs/${orgId}/jobs?${query.toString()}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': kind === 'jsonl' ? 'application/x-ndjson' : 'text/csv', 'content-length': String(size) },
      body: Readable.toWeb(createReadStream(file!).pipe(meter)) as ReadableStream<Uint8Array>,
      duplex: 'half',
    } as RequestInit);
  } catch (e: unknown) {
    if (tty) stderr.write('\r\x1b[2K');
    warn(`staff-passport issue bulk: cannot reach the issuer at ${issuerUrl}: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.unavailable;
  }
  if (tty) stderr.write('\r\x1b[2K');
  if (res.status !== 202) {
    const problem = await problemOf(res);
    warn(`staff-passport issue bulk: upload refused: ${problem.detail} (${problem.code}${problem.field ? `, ${problem.field}` : ''})`);
    if (FILE_CODES.has(problem.code)) return EXIT.dataErr;
    return res.status >= 500 ? EXIT.unavailable : EXIT.failed;
  }
  let job = (await res.json()) as Job;
  const jobUrl = `${issuerUrl}/orgs/${orgId}/jobs/${job.id}`;
  warn(`job ${job.id}: ${count(size)} bytes uploaded`);

  const started = Date.now();
  let lastLine = 0;
  let lastState = '';
  while (job.state === 'validating' || job.state === 'issuing') {
    if (tty) stderr.write(`\r\x1b[2K${progressLine(job, width(), true)}`);
    else if (job.state !== lastState || Date.now() - lastLine >= (deps.lineEveryMs ?? 5000)) {
      lastLine = Date.now();
      warn(progressLine(job, 0, false));
    }
    lastState = job.state;
    await new Promise((resolve) => setTimeout(resolve, deps.pollMs ?? 500));
    let poll: Response;
    try {
      poll = await doFetch(jobUrl, { headers: auth });
    } catch {
      // The issuer restarting resumes the job: keep polling.
      continue;
    }
    if (poll.status !== 200) {
      if (poll.status >= 500) continue;
      const problem = await problemOf(poll);
      if (tty) stderr.write('\n');
      warn(`staff-passport issue bulk: cannot follow job ${job.id}: ${problem.detail} (${problem.code})`);
      return EXIT.failed;
    }
    job = (await poll.json()) as Job;
  }
  if (tty) stderr.write(`\r\x1b[2K${progressLine(job, width(), true)}\n`);

  if (job.state === 'completed') {
    say(
      `Issued ${count(job.issued)} credential${job.issued === 1 ? '' : 's'} from ${count(job.total ?? 0)} rows ` +
        `(${count(job.duplicates)} already issued, ${count(job.skipped)} skipped) in ${duration((Date.now() - started) / 1000)}. Job ${job.id}`,
    );
    return EXIT.ok;
  }
  const report = await doFetch(`${jobUrl}/errors`, { headers: auth }).then(
    async (r) => (r.ok ? ((await r.json()) as { count: number; errors: RowError[] }) : undefined),
    () => undefined,
  );
  if (job.state === 'failed_validation') warn(`${count(job.errors)} row error${job.errors === 1 ? '' : 's'} in ${file}; nothing was issued:`);
  else warn(`job ${job.id} failed: ${job.failure?.message ?? 'unknown failure'} (issued ${count(job.issued)} of ${count(job.total ?? 0)} rows; uploading the file again issues only the rest)`);
  for (const e of report?.errors.slice(0, ERRORS_SHOWN) ?? []) warn(`  row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.message} (${e.code})`);
  if ((report?.count ?? 0) > ERRORS_SHOWN) warn(`  ... and ${count(report!.count - ERRORS_SHOWN)} more: ${jobUrl}/errors?format=csv`);
  return job.state === 'failed_validation' ? EXIT.dataErr : EXIT.failed;
}
