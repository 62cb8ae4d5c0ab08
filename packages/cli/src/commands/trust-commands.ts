import { writeFileSync } from 'node:fs';
import {
  addTrustRegistryEntry,
  createJwkSigner,
  createTrustRegistryDraft,
  generateRegistryKey,
  isObject,
  isSupportedAlg,
  loadTrustRegistry,
  parseTrustRegistryDraft,
  removeTrustRegistryEntries,
  renewTrustRegistry,
  signTrustRegistry,
  verifyTrustRegistry,
  type RegistryJwk,
  type TrustRegistry,
  type TrustRegistryDraft,
  type TrustRegistryEntry,
} from '@staff-passport/core';
import { CliError } from '../lib/cli-error.js';
import { readInputFile } from '../lib/read-input-file.js';
import { EXIT, out } from '../lib/output.js';

type Options = Record<string, string | true>;

function errnoOf(cause: unknown): string {
  return (cause as NodeJS.ErrnoException | null)?.code ?? (cause instanceof Error ? cause.message : String(cause));
}

function usage(line: string): never {
  throw new CliError('ERR_OPTION_VALUE', `usage: staff-passport trust ${line}`, EXIT.usage);
}

function text(options: Options, name: string, line: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value === '') usage(line);
  return value;
}

function optional(options: Options, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

/** A JSON file: a missing one is a missing input (66) or, for a key, a configuration error (78). */
function readJson(file: string, what: string, exitCode: number): unknown {
  let content: string;
  try {
    content = readInputFile(file, what);
  } catch (e: unknown) {
    if (e instanceof CliError && exitCode !== EXIT.dataErr) throw new CliError(e.code, e.message, exitCode, { cause: e });
    throw e;
  }
  try {
    return JSON.parse(content) as unknown;
  } catch (cause: unknown) {
    throw new CliError('ERR_FILE_INVALID', `${what} ${file} is not JSON`, exitCode, { cause });
  }
}

function readDraft(file: string): TrustRegistryDraft {
  return parseTrustRegistryDraft(readJson(file, 'registry', EXIT.dataErr));
}

function writeJson(file: string, value: unknown, flag = 'w'): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, { flag });
}

/** `2025-04-01` means midnight UTC; anything else is passed on for the registry's own check. */
function toDateTime(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
}

function nowInstant(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Public keys from a file: one JWK, an array of JWKs, or a JWK Set `{keys: [...]}`. */
export function readTrustedKeys(file: string): RegistryJwk[] {
  const value = readJson(file, 'trusted key file', EXIT.config);
  const keys = Array.isArray(value) ? value : isObject(value) && Array.isArray(value['keys']) ? value['keys'] : [value];
  if (keys.some((k: unknown) => !isObject(k) || 'd' in k)) {
    throw new CliError('ERR_CONFIG_INVALID', `${file} must hold public JWKs (one, an array, or {"keys": [...]}), never a private key`, EXIT.config);
  }
  return keys as RegistryJwk[];
}

function init(options: Options): number {
  const line = 'init --name NAME --out FILE [--id URI] [--operator NAME] [--operator-did DID]';
  const name = text(options, 'name', line);
  const file = text(options, 'out', line);
  const operatorDid = optional(options, 'operator-did');
  const id = optional(options, 'id');
  const draft = createTrustRegistryDraft({
    name,
    ...(id === undefined ? {} : { id }),
    operator: { name: optional(options, 'operator') ?? name, ...(operatorDid === undefined ? {} : { did: operatorDid }) },
  });
  try {
    writeJson(file, draft, 'wx');
  } catch (cause: unknown) {
    throw new CliError('ERR_FILE_EXISTS', `cannot create ${file} (${errnoOf(cause)}); an existing registry is never overwritten`, EXIT.failed, { cause });
  }
  out(`wrote an empty trust registry to ${file} (${draft.id})`);
  return EXIT.ok;
}

function add(file: string | undefined, options: Options): number {
  const line = 'add FILE --did DID --ods CODE --name NAME --types T1,T2|* [--from DATE] [--until DATE] [--successor DID]';
  if (!file) usage(line);
  const until = optional(options, 'until');
  const successor = optional(options, 'successor');
  const from = optional(options, 'from');
  const entry: TrustRegistryEntry = {
    did: text(options, 'did', line),
    odsCode: text(options, 'ods', line),
    name: text(options, 'name', line),
    credentialTypes: text(options, 'types', line)
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
    validFrom: from === undefined ? nowInstant() : toDateTime(from),
    ...(until === undefined ? {} : { validUntil: toDateTime(until) }),
    ...(successor === undefined ? {} : { successor }),
  };
  const next = addTrustRegistryEntry(readDraft(file), entry);
  writeJson(file, next);
  out(`added ${entry.did} (${entry.odsCode} ${entry.name}) to ${file}: ${next.entries.length} entr${next.entries.length === 1 ? 'y' : 'ies'}`);
  return EXIT.ok;
}

function remove(file: string | undefined, options: Options): number {
  const line = 'remove FILE --did DID';
  if (!file) usage(line);
  const did = text(options, 'did', line);
  const { registry, removed } = removeTrustRegistryEntries(readDraft(file), did);
  if (removed === 0) throw new CliError('ERR_ENTRY_NOT_FOUND', `${file} has no entry for ${did}`, EXIT.dataErr);
  writeJson(file, registry);
  out(`removed ${removed} entr${removed === 1 ? 'y' : 'ies'} for ${did} from ${file}`);
  return EXIT.ok;
}

async function keygen(options: Options): Promise<number> {
  const line = 'keygen --out KEYFILE [--alg EdDSA|ES256] [--public-out FILE]';
  const file = text(options, 'out', line);
  const alg = optional(options, 'alg') ?? 'EdDSA';
  if (!isSupportedAlg(alg)) usage(line);
  const { privateJwk, publicJwk } = await generateRegistryKey(alg);
  try {
    // 0600 from the start (not chmod after): the private key is never readable by others.
    writeFileSync(file, `${JSON.stringify(privateJwk, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  } catch (cause: unknown) {
    throw new CliError('ERR_FILE_EXISTS', `cannot create ${file} (${errnoOf(cause)}); an existing key is never overwritten`, EXIT.failed, { cause });
  }
  const publicOut = optional(options, 'public-out');
  if (publicOut !== undefined) writeJson(publicOut, publicJwk);
  out(JSON.stringify(publicJwk, null, 2));
  return EXIT.ok;
}

async function sign(file: string | undefined, options: Options): Promise<number> {
  const line = 'sign FILE --key KEYFILE --out SIGNED.jwt [--valid-days 30]';
  if (!file) usage(line);
  const keyFile = text(options, 'key', line);
  const outFile = text(options, 'out', line);
  const days = Number(optional(options, 'valid-days') ?? '30');
  if (!Number.isFinite(days) || days <= 0) usage(line);
  const draft = readDraft(file);
  const signer = await createJwkSigner(readJson(keyFile, 'key file', EXIT.config) as RegistryJwk);
  const registry: TrustRegistry = renewTrustRegistry(draft, { validForDays: days });
  const jws = await signTrustRegistry({ registry, signer });
  writeFileSync(outFile, `${jws}\n`);
  // The draft keeps the version signed, so the next edition is numbered after it.
  writeJson(file, registry);
  out(`signed version ${registry.version} (${registry.entries.length} entries, kid ${signer.kid}), valid until ${registry.validUntil}: ${outFile}`);
  return EXIT.ok;
}

async function show(source: string | undefined, options: Options): Promise<number> {
  const line = 'show SIGNED.jwt|URL --trusted-key PUBJWK_FILE [--allow-private]';
  if (!source) usage(line);
  const trustedKeys = readTrustedKeys(text(options, 'trusted-key', line));
  if (/^https?:\/\//i.test(source)) {
    const allow = options['allow-private'] === true;
    const registry = await loadTrustRegistry({ source, trustedKeys, fetchOptions: { allowPrivateNetwork: allow, allowHttp: allow } });
    out('verified');
    out(JSON.stringify(registry, null, 2));
    return EXIT.ok;
  }
  const jws = readInputFile(source, 'signed registry');
  const result = await verifyTrustRegistry({ jws, trustedKeys });
  for (const c of result.checks) {
    out(`${c.outcome === 'passed' ? 'ok  ' : c.outcome === 'skipped' ? 'skip' : 'FAIL'} ${c.check}${c.code ? ` ${c.code}` : ''}${c.message ? `: ${c.message}` : ''}`);
    for (const i of c.issues ?? []) out(`       ${i.path}: ${i.message}`);
  }
  if (!result.verified || !result.registry) {
    out('NOT verified');
    return EXIT.failed;
  }
  out(`verified (kid ${result.kid ?? '?'})`);
  out(JSON.stringify(result.registry, null, 2));
  return EXIT.ok;
}

/**
 * `staff-passport trust init|add|remove|keygen|sign|show`: edit a trust registry as a JSON file,
 * make the operator's key, sign an edition, and verify and print a signed one. The command line
 * was checked against the command's options before (see the command table).
 *
 * @example
 * await trustCommand(['trust', 'show', 'registry.jwt'], { 'trusted-key': 'operator.pub.json' })
 * @throws CliError for a file that cannot be read or written; PassportError for a registry or key
 *   that is not valid.
 */
export async function trustCommand(words: string[], options: Options): Promise<number> {
  const [, sub, target] = words;
  switch (sub) {
    case 'init':
      return init(options);
    case 'add':
      return add(target, options);
    case 'remove':
      return remove(target, options);
    case 'keygen':
      return await keygen(options);
    case 'sign':
      return await sign(target, options);
    case 'show':
      return await show(target, options);
    default:
      throw new CliError('ERR_COMMAND_UNKNOWN', `unknown command trust ${sub ?? ''}`, EXIT.usage);
  }
}
