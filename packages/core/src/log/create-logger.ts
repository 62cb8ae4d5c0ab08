import { pino, type DestinationStream, type Logger } from 'pino';
import { formatLogLine } from './format-log-line.js';

/**
 * Paths never written to a log: credentials, keys, secrets and tokens. Request bodies are not
 * logged at all; these catch anything passed as an object by mistake.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.apiKey',
  '*.secretKey',
  '*.privateKeyHex',
  '*.jwt',
  '*.credential',
  '*.verifiableCredential',
  '*.verifiablePresentation',
];

/** A destination that writes each record as one readable line (see {@link formatLogLine}). */
function prettyDestination(target: DestinationStream & { isTTY?: boolean }): DestinationStream {
  const colour = target.isTTY === true && process.env['NO_COLOR'] === undefined;
  return {
    write(line: string): void {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        target.write(line);
        return;
      }
      target.write(formatLogLine(record, { colour }));
    },
  };
}

/**
 * The logger every service uses: JSON lines by default, or with `format: 'pretty'` one readable
 * line a record for a terminal (`LOG_FORMAT=pretty`). Redaction applies to both.
 *
 * @example
 * const log = createLogger({ level: 'info', name: 'issuer', format: 'pretty', destination: process.stderr });
 */
export function createLogger(options: { level?: string; name?: string; destination?: DestinationStream; format?: 'json' | 'pretty' } = {}): Logger {
  const destination = options.format === 'pretty' ? prettyDestination(options.destination ?? process.stdout) : options.destination;
  return pino({ level: options.level ?? 'info', name: options.name, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}

export type { Logger };
