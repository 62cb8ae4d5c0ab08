import { PassportError } from '../errors/passport-error.js';
import { parseTrustRegistry } from './parse-trust-registry.js';
import type { TrustRegistry, TrustRegistryDraft } from './trust-registry-model.js';

/** Options for {@link renewTrustRegistry}. */
export interface RenewTrustRegistryOptions {
  /** The clock, injectable so tests freeze time. */
  now?: Date;
  /** How long the new edition is valid, in days (30 unless told). */
  validForDays?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function instant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The next edition of a registry, ready to sign: version one higher, issued now, valid for some
 * days. Verifiers that remember the last version they saw refuse an older edition.
 *
 * @throws PassportError `ERR_REQUEST_INVALID` for a non-positive `validForDays`;
 *   `ERR_TRUST_REGISTRY_INVALID` when the result is not a valid registry.
 * @example
 * const jws = await signTrustRegistry({ registry: renewTrustRegistry(draft, { validForDays: 30 }), signer });
 */
export function renewTrustRegistry(registry: TrustRegistryDraft, options: RenewTrustRegistryOptions = {}): TrustRegistry {
  const days = options.validForDays ?? 30;
  if (!Number.isFinite(days) || days <= 0) {
    throw new PassportError('ERR_REQUEST_INVALID', 'validForDays must be a positive number of days', { field: 'validForDays' });
  }
  const now = (options.now ?? new Date()).getTime();
  return parseTrustRegistry({ ...registry, version: registry.version + 1, issuedAt: instant(now), validUntil: instant(now + days * DAY_MS) });
}
