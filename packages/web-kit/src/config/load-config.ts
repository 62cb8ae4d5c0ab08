import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassportError } from '@staff-passport/core';

/** What the services need to start, read from the environment and checked. */
export interface PassportConfig {
  /** Where the SQLite files (and, in demo mode only, the demo secret) live. */
  dataDir: string;
  /** `DATABASE_URL` (postgres://...): the issuer's, the verifier's and Veramo's tables in PostgreSQL instead of SQLite files. */
  databaseUrl?: string;
  host: string;
  issuerPort: number;
  verifierPort: number;
  /** Where the web wallet is served when the start command is given one (`--wallet-dir`). */
  walletPort: number;
  /** The base URL the issuer is reached at; organisations' did:web identifiers are built on it. */
  issuerPublicUrl: string;
  verifierPublicUrl: string;
  walletPublicUrl: string;
  /** 64 hex characters: encrypts private keys at rest. Never written to a database. */
  secretKey: string;
  demo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** `json` (one JSON object a line, for machines) or `pretty` (one readable line, for a terminal). */
  logFormat: 'json' | 'pretty';
  /** did:web may resolve to loopback/private addresses over http (local demos only). */
  allowPrivateNetwork: boolean;
  /**
   * The verifier's VC API `POST /presentations/verify` also accepts a challenge the caller chose
   * (`VC_API_CALLER_CHALLENGES`; true in demo mode, where the W3C suites drive it).
   */
  vcApiCallerChallenges: boolean;
  /** Webhook endpoints may be on loopback and private addresses, and on loopback over http (local demos only). */
  webhookAllowPrivate: boolean;
  /** The verifier's trust registry: a file or https URL of a signed registry (TRUST_REGISTRY), when set. */
  trustRegistry?: { source: string; keysFile: string };
  /**
   * Where emails telling staff that credentials wait for them go (`SMTP_URL`,
   * `smtp://[user:password@]host[:port]`) and whom they come from (`MAIL_FROM`, default
   * `staff-passport@` the issuer's host name); absent when `SMTP_URL` is not set (no email is sent,
   * the outbox keeps them).
   */
  mail?: { smtpUrl: string; from: string };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(value) || value < 0 || value > 65535) {
    throw new PassportError('ERR_CONFIG_INVALID', `${name} must be a port number from 0 to 65535, not "${raw}"`, { field: name });
  }
  return value;
}

function url(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name] ?? fallback;
  try {
    const parsed = new URL(raw);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
    return parsed.href.replace(/\/$/, '');
  } catch (cause: unknown) {
    throw new PassportError('ERR_CONFIG_INVALID', `${name} must be an http(s) URL, not "${raw}"`, { field: name, cause });
  }
}

function writableDir(dir: string): string {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return dir;
  } catch (cause: unknown) {
    throw new PassportError('ERR_CONFIG_INVALID', `DATA_DIR ${dir} cannot be created or written to`, { field: 'DATA_DIR', cause });
  }
}

function demoSecret(dataDir: string): string {
  // Demo mode only: a generated secret kept beside (never inside) the databases, readable by us alone.
  const file = join(dataDir, 'demo-secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * Reads and checks the configuration. Variables: `DATA_DIR` (./data), `HOST` (127.0.0.1),
 * `ISSUER_PORT` (4100), `VERIFIER_PORT` (4200), `WALLET_PORT` (4300), `ISSUER_PUBLIC_URL`,
 * `VERIFIER_PUBLIC_URL`, `WALLET_PUBLIC_URL`,
 * `PASSPORT_SECRET_KEY` (64 hex characters; required outside demo mode), `LOG_LEVEL`, `LOG_FORMAT`,
 * `DID_WEB_ALLOW_PRIVATE` (true in demo mode), `VC_API_CALLER_CHALLENGES` (true in demo mode), `WEBHOOK_ALLOW_PRIVATE` (false unless set), `DATABASE_URL` (postgres://...; SQLite files in
 * `DATA_DIR` without it), `SMTP_URL` (smtp://[user:password@]host[:port]; no email sent without
 * it) and `MAIL_FROM` (an address; `staff-passport@` the issuer's host name by default),
 * `TRUST_REGISTRY` with `TRUST_REGISTRY_KEYS`.
 *
 * @example
 * const config = loadConfig(process.env, { demo: true });
 * @throws PassportError `ERR_CONFIG_INVALID` naming the variable at fault.
 */
export function loadConfig(env: NodeJS.ProcessEnv, options: { demo?: boolean; cwd?: string } = {}): PassportConfig {
  const demo = options.demo === true || env['PASSPORT_DEMO'] === 'true';
  const dataDir = writableDir(resolve(options.cwd ?? process.cwd(), env['DATA_DIR'] ?? 'data'));
  const host = env['HOST'] ?? '127.0.0.1';
  const issuerPort = port(env, 'ISSUER_PORT', 4100);
  const verifierPort = port(env, 'VERIFIER_PORT', 4200);
  const walletPort = port(env, 'WALLET_PORT', 4300);
  const logLevel = (env['LOG_LEVEL'] ?? 'info') as PassportConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new PassportError('ERR_CONFIG_INVALID', `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`, { field: 'LOG_LEVEL' });
  }
  const logFormat = env['LOG_FORMAT'] ?? 'json';
  if (logFormat !== 'json' && logFormat !== 'pretty') {
    throw new PassportError('ERR_CONFIG_INVALID', 'LOG_FORMAT must be json or pretty', { field: 'LOG_FORMAT' });
  }
  let secretKey = env['PASSPORT_SECRET_KEY'];
  if (secretKey === undefined || secretKey === '') {
    if (!demo) {
      throw new PassportError(
        'ERR_CONFIG_INVALID',
        'PASSPORT_SECRET_KEY is required (64 hex characters; generate one with `openssl rand -hex 32`), or start in demo mode',
        { field: 'PASSPORT_SECRET_KEY' },
      );
    }
    secretKey = demoSecret(dataDir);
  }
  if (!/^[0-9a-f]{64}$/i.test(secretKey)) {
    throw new PassportError('ERR_CONFIG_INVALID', 'PASSPORT_SECRET_KEY must be 64 hex characters (32 bytes)', { field: 'PASSPORT_SECRET_KEY' });
  }
  const allowPrivateRaw = env['DID_WEB_ALLOW_PRIVATE'];
  if (allowPrivateRaw !== undefined && allowPrivateRaw !== 'true' && allowPrivateRaw !== 'false') {
    throw new PassportError('ERR_CONFIG_INVALID', 'DID_WEB_ALLOW_PRIVATE must be true or false', { field: 'DID_WEB_ALLOW_PRIVATE' });
  }
  const callerChallengesRaw = env['VC_API_CALLER_CHALLENGES'];
  if (callerChallengesRaw !== undefined && callerChallengesRaw !== 'true' && callerChallengesRaw !== 'false') {
    throw new PassportError('ERR_CONFIG_INVALID', 'VC_API_CALLER_CHALLENGES must be true or false', { field: 'VC_API_CALLER_CHALLENGES' });
  }
  const webhookPrivateRaw = env['WEBHOOK_ALLOW_PRIVATE'];
  if (webhookPrivateRaw !== undefined && webhookPrivateRaw !== 'true' && webhookPrivateRaw !== 'false') {
    throw new PassportError('ERR_CONFIG_INVALID', 'WEBHOOK_ALLOW_PRIVATE must be true or false', { field: 'WEBHOOK_ALLOW_PRIVATE' });
  }
  const databaseUrl = env['DATABASE_URL'];
  if (databaseUrl !== undefined && databaseUrl !== '' && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new PassportError('ERR_CONFIG_INVALID', 'DATABASE_URL must be a postgres:// URL', { field: 'DATABASE_URL' });
  }
  const issuerPublicUrl = url(env, 'ISSUER_PUBLIC_URL', `http://${host}:${issuerPort}`);
  return {
    dataDir,
    ...(databaseUrl ? { databaseUrl } : {}),
    host,
    issuerPort,
    verifierPort,
    walletPort,
    issuerPublicUrl,
    verifierPublicUrl: url(env, 'VERIFIER_PUBLIC_URL', `http://${host}:${verifierPort}`),
    walletPublicUrl: url(env, 'WALLET_PUBLIC_URL', `http://${host}:${walletPort}`),
    secretKey,
    demo,
    logLevel,
    logFormat,
    allowPrivateNetwork: allowPrivateRaw === undefined ? demo : allowPrivateRaw === 'true',
    vcApiCallerChallenges: callerChallengesRaw === undefined ? demo : callerChallengesRaw === 'true',
    webhookAllowPrivate: webhookPrivateRaw === 'true',
    ...trustRegistryOf(env),
    ...mailOf(env, issuerPublicUrl),
  };
}

// A plain addr-spec: what goes in MAIL FROM (no display name, no list).
const MAIL_ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*$/;

// SMTP_URL and MAIL_FROM: checked here so a bad one stops the start with the variable named, not the first email.
function mailOf(env: Readonly<Record<string, string | undefined>>, issuerPublicUrl: string): Pick<PassportConfig, 'mail'> {
  const smtpUrl = env['SMTP_URL'];
  const from = env['MAIL_FROM'];
  if (smtpUrl === undefined || smtpUrl === '') {
    if (from !== undefined && from !== '') throw new PassportError('ERR_CONFIG_INVALID', 'MAIL_FROM is used only with SMTP_URL: set SMTP_URL too (smtp://host:port)', { field: 'SMTP_URL' });
    return {};
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(smtpUrl);
  } catch {
    parsed = undefined;
  }
  const portText = parsed?.port ?? '';
  if (!parsed || parsed.protocol !== 'smtp:' || !parsed.hostname || (parsed.pathname !== '' && parsed.pathname !== '/') || parsed.search || parsed.hash || (portText !== '' && Number(portText) < 1)) {
    // The value as given, its password (if any) masked.
    const shown = smtpUrl.replace(/\/\/([^:@/]*):[^@]*@/, '//$1:***@');
    throw new PassportError('ERR_CONFIG_INVALID', `SMTP_URL must be smtp://host:port or smtp://user:password@host:port, not "${shown}"`, { field: 'SMTP_URL' });
  }
  const sender = from === undefined || from === '' ? `staff-passport@${new URL(issuerPublicUrl).hostname}` : from.trim();
  if (!MAIL_ADDRESS.test(sender)) {
    throw new PassportError('ERR_CONFIG_INVALID', `MAIL_FROM must be a plain email address (passport@trust.example.nhs.uk), not "${sender}"`, { field: 'MAIL_FROM' });
  }
  return { mail: { smtpUrl, from: sender } };
}

// The signed registry and the file of public keys (JWK, array or {keys}) it must be signed with come together.
function trustRegistryOf(env: Readonly<Record<string, string | undefined>>): Pick<PassportConfig, 'trustRegistry'> {
  const source = env['TRUST_REGISTRY'];
  const keysFile = env['TRUST_REGISTRY_KEYS'];
  if (source === undefined && keysFile === undefined) return {};
  if (!source || !keysFile) {
    throw new PassportError('ERR_CONFIG_INVALID', 'TRUST_REGISTRY and TRUST_REGISTRY_KEYS are set together', { field: source ? 'TRUST_REGISTRY_KEYS' : 'TRUST_REGISTRY' });
  }
  return { trustRegistry: { source, keysFile } };
}
