import { readFileSync, writeFileSync } from 'node:fs';
import {
  PassportError,
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
import { EXIT, err, out } from '../lib/output.js';

type Options = Record<string, string | true>;

/** The help of `staff-passport trust`. */
export const TRUST_USAGE = `staff-passport trust <command>

  init --name NAME --out FILE [--id URI] [--operator NAME] [--operator-did DID]
                                  write an empty, unsigned registry
  add FILE --did DID --ods CODE --name NAME --types T1,T2|* [--from DATE] [--until DATE] [--successor DID]
                                  add an entry (DATE: 2025-04-01 or an ISO date-time; --from is now unless told)
  remove FILE --did DID           remove every entry for a DID
  keygen --out KEYFILE [--alg EdDSA|ES256] [--public-out FILE]
                                  write a private signing key (mode 0600), print the public JWK
  sign FILE --key KEYFILE --out SIGNED.jwt [--valid-days 30]
                                  bump the version, date it, sign it (FILE keeps the new version)
  show SIGNED.jwt|URL --trusted-key PUBJWK_FILE [--allow-private]
                                  verify a signed registry and print it`;

/** A problem the user can fix, with the exit code it ends the command with. */
class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

function usage(line: string): never {
  throw new CommandError(`usage: staff-passport trust ${line}`, EXIT.usage);
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

function readJson(file: string, what: string, exitCode: number): unknown {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (cause: unknown) {
    throw new CommandError(`cannot read ${what} ${file}: ${cause instanceof Error ? cause.message : String(cause)}`, exitCode);
  }
  try {
    return JSON.parse(content) as unknown;
  } catch {
    throw new CommandError(`${what} ${file} is not JSON`, exitCode);
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
    throw new CommandError(`${file} must hold public JWKs (one, an array, or {"keys": [...]}), never a private key`, EXIT.config);
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
    throw new CommandError(`cannot create ${file} (${cause instanceof Error ? cause.message : String(cause)}); an existing registry is never overwritten`, EXIT.failed);
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
  if (removed === 0) throw new CommandError(`${file} has no entry for ${did}`, EXIT.dataErr);
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
    throw new CommandError(`cannot create ${file} (${cause instanceof Error ? cause.message : String(cause)}); an existing key is never overwritten`, EXIT.failed);
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
  let jws: string;
  try {
    jws = readFileSync(source, 'utf8');
  } catch (cause: unknown) {
    throw new CommandError(`cannot read ${source}: ${cause instanceof Error ? cause.message : String(cause)}`, EXIT.dataErr);
  }
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

function exitCodeFor(e: PassportError): number {
  if (e.code === 'ERR_CONFIG_INVALID') return EXIT.config;
  if (e.code === 'ERR_REQUEST_INVALID') return EXIT.usage;
  if (e.code === 'ERR_TRUST_REGISTRY_UNAVAILABLE' || e.code.startsWith('ERR_DID_WEB_')) return EXIT.unavailable;
  return EXIT.dataErr;
}

/**
 * `staff-passport trust init|add|remove|keygen|sign|show`: edit a trust registry as a JSON file,
 * make the operator's key, sign an edition, and verify and print a signed one.
 *
 * @example
 * await trustCommand(['trust', 'show', 'registry.jwt'], { 'trusted-key': 'operator.pub.json' })
 */
export async function trustCommand(words: string[], options: Options): Promise<number> {
  const [, sub, target] = words;
  try {
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
      case 'help':
        out(TRUST_USAGE);
        return EXIT.ok;
      default:
        err(TRUST_USAGE);
        return EXIT.usage;
    }
  } catch (e: unknown) {
    if (e instanceof CommandError) {
      err(e.message);
      return e.exitCode;
    }
    if (e instanceof PassportError) {
      err(`${e.code}: ${e.message}`);
      for (const i of e.issues) err(`  ${i.path}: ${i.message}`);
      return exitCodeFor(e);
    }
    throw e;
  }
}
