// Node only (files and the guarded fetch): the model and checks beside it stay browser-safe.
import { readFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import { guardedFetchBytes, type GuardedFetchOptions } from '../did/guarded-fetch.js';
import { PassportError } from '../errors/passport-error.js';
import { failedChecks } from '../verification/verification-result.js';
import { TRUST_REGISTRY_MEDIA_TYPE, type TrustRegistry } from './trust-registry-model.js';
import { verifyTrustRegistry } from './verify-trust-registry.js';

/** Fetches the text at a URL; must apply the SSRF guard (the default does). */
export type FetchRegistryText = (url: string) => Promise<string>;

/** Options for {@link loadTrustRegistry}. */
export interface LoadTrustRegistryOptions {
  /** A file path, or an https URL the registry is published at. */
  source: string;
  /** The public keys (with `kid`) this verifier trusts registries from. */
  trustedKeys: readonly JWK[];
  /** Fetches a URL source; the SSRF-guarded fetch with {@link fetchOptions} when absent. */
  fetch?: FetchRegistryText;
  /** Limits of the default fetch (tests and local demos may allow http and private addresses). */
  fetchOptions?: Partial<GuardedFetchOptions>;
  /** The clock, injectable so tests freeze time. */
  now?: Date;
  /** The newest version already seen: an older edition is refused. */
  minVersion?: number;
}

// A registry lists every NHS organisation (a few thousand entries): more than a DID document.
const REGISTRY_MAX_BYTES = 4 * 1024 * 1024;

// The guarded fetch answers with the guard's codes; for a registry anything but a refused address
// means the registry is unavailable.
async function fetchRegistryText(url: string, limits: Partial<GuardedFetchOptions>): Promise<string> {
  try {
    const { body } = await guardedFetchBytes(url, { ...limits, accept: `${TRUST_REGISTRY_MEDIA_TYPE}, application/jwt` });
    return body.toString('utf8');
  } catch (cause: unknown) {
    if (cause instanceof PassportError && cause.code === 'ERR_DID_WEB_FORBIDDEN_ADDRESS') throw cause;
    throw new PassportError('ERR_TRUST_REGISTRY_UNAVAILABLE', `the trust registry at ${url} could not be fetched`, { cause });
  }
}

function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

async function readSource(options: LoadTrustRegistryOptions): Promise<string> {
  if (isUrl(options.source)) {
    const fetchText =
      options.fetch ?? ((url: string) => fetchRegistryText(url, { maxBytes: REGISTRY_MAX_BYTES, ...options.fetchOptions }));
    return fetchText(options.source);
  }
  try {
    return await readFile(options.source, 'utf8');
  } catch (cause: unknown) {
    throw new PassportError('ERR_TRUST_REGISTRY_UNAVAILABLE', `the trust registry file ${options.source} could not be read`, { cause });
  }
}

/**
 * Loads a signed trust registry from a file or an https URL and verifies it against the trusted
 * keys. URLs go through the SSRF-guarded fetch (https only, public addresses only, size and time
 * limits) unless another fetch is injected.
 *
 * @throws PassportError `ERR_TRUST_REGISTRY_UNAVAILABLE` (unreadable, unreachable),
 *   `ERR_DID_WEB_FORBIDDEN_ADDRESS` (the SSRF guard), or the code of the first failed check:
 *   `ERR_TRUST_REGISTRY_INVALID`, `ERR_TRUST_REGISTRY_SIGNATURE_INVALID`, `ERR_TRUST_REGISTRY_EXPIRED`
 *   (the issues of every failed check attached); `ERR_CONFIG_INVALID` for a bad trusted key.
 * @example
 * const registry = await loadTrustRegistry({ source: 'https://trust.example.nhs.uk/registry.jwt', trustedKeys: [operatorJwk] });
 */
export async function loadTrustRegistry(options: LoadTrustRegistryOptions): Promise<TrustRegistry> {
  const jws = (await readSource(options)).trim();
  const result = await verifyTrustRegistry({
    jws,
    trustedKeys: options.trustedKeys,
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.minVersion === undefined ? {} : { minVersion: options.minVersion }),
  });
  if (result.verified && result.registry) return result.registry;
  const failed = failedChecks(result.checks);
  const first = failed[0];
  throw new PassportError(first?.code ?? 'ERR_TRUST_REGISTRY_INVALID', `the trust registry from ${options.source} does not verify: ${failed.map((c) => `${c.check} ${c.message ?? ''}`.trim()).join('; ')}`, {
    issues: failed.flatMap((c) => c.issues ?? [{ path: c.check, code: c.code ?? 'failed', message: c.message ?? 'failed' }]),
  });
}
