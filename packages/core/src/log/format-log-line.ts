/** pino's numeric levels, as words of one width. */
const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
// Red for errors, yellow for warnings, dim for debug; nothing else coloured.
const COLOURS: Record<number, string> = { 10: '\x1b[2m', 20: '\x1b[2m', 40: '\x1b[33m', 50: '\x1b[31m', 60: '\x1b[31m' };
// Fields every line has, or that the line's head already shows.
const SHOWN = new Set(['level', 'time', 'pid', 'hostname', 'name', 'service', 'msg', 'reqId', 'method', 'path', 'status', 'code', 'ms', 'err']);

function clock(time: unknown): string {
  const date = typeof time === 'number' ? new Date(time) : new Date();
  return date.toISOString().slice(11, 23);
}

function value(v: unknown): string {
  if (typeof v === 'string') return /^[\w./:@-]*$/.test(v) && v !== '' ? v : JSON.stringify(v);
  return JSON.stringify(v) ?? String(v);
}

/**
 * One pino record (a parsed JSON line) as one line a person reads in a terminal:
 * `12:00:01.234 INFO  issuer  POST /orgs/org_1/credentials/issue 400 ERR_SCHEMA_INVALID 8.1 ms  req=…`,
 * and for other records the message and the remaining fields as `key=value`. An error's stack
 * follows on indented lines.
 *
 * @example
 * process.stderr.write(formatLogLine(JSON.parse(line), { colour: process.stderr.isTTY }));
 */
export function formatLogLine(record: Record<string, unknown>, options: { colour?: boolean } = {}): string {
  const level = typeof record['level'] === 'number' ? record['level'] : 30;
  const who = [record['name'], record['service']].filter((v) => typeof v === 'string').join('/');
  const parts = [clock(record['time']), LEVELS[level] ?? String(level)];
  if (who) parts.push(who);
  if (record['msg'] === 'request' && typeof record['method'] === 'string') {
    parts.push(`${record['method']} ${String(record['path'])} ${String(record['status'])}`);
    if (typeof record['code'] === 'string') parts.push(record['code']);
    if (typeof record['ms'] === 'number') parts.push(`${record['ms'].toFixed(1)} ms`);
  } else {
    if (typeof record['msg'] === 'string') parts.push(record['msg']);
    if (typeof record['code'] === 'string') parts.push(record['code']);
  }
  const extra = Object.entries(record)
    .filter(([k, v]) => !SHOWN.has(k) && v !== undefined)
    .map(([k, v]) => `${k}=${value(v)}`);
  if (typeof record['reqId'] === 'string') extra.push(`req=${record['reqId']}`);
  let line = `${parts.join(' ')}${extra.length > 0 ? `  ${extra.join(' ')}` : ''}`;
  const err = record['err'] as { type?: string; message?: string; stack?: string; code?: string } | undefined;
  if (err && typeof err === 'object') {
    const stack = typeof err.stack === 'string' ? err.stack : `${err.type ?? 'Error'}: ${err.message ?? ''}`;
    line += `\n    ${stack.split('\n').join('\n    ')}`;
  }
  const colour = options.colour ? COLOURS[level] : undefined;
  return `${colour ? `${colour}${line}\x1b[0m` : line}\n`;
}
