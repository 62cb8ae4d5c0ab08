import { pino, type DestinationStream, type Logger } from 'pino';

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

/**
 * The JSON logger every service uses.
 *
 * @example
 * const log = createLogger({ level: 'info', name: 'issuer' });
 */
export function createLogger(options: { level?: string; name?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    { level: options.level ?? 'info', name: options.name, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    options.destination,
  );
}

export type { Logger };
