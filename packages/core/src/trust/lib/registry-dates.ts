import type { TrustRegistryEntry } from '../trust-registry-model.js';

// ISO 8601 / RFC 3339 date-time with an explicit offset: a registry is read in many time zones.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Whether a value is an RFC 3339 date-time with an offset that names a real instant. */
export function isDateTime(value: unknown): value is string {
  return typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

/** The entry's period as milliseconds, `until` open-ended as Infinity. */
export function periodOf(entry: Pick<TrustRegistryEntry, 'validFrom' | 'validUntil'>): { from: number; until: number } {
  return { from: Date.parse(entry.validFrom), until: entry.validUntil === undefined ? Infinity : Date.parse(entry.validUntil) };
}

/** Whether an entry applies at an instant: from `validFrom` (inclusive) to `validUntil` (exclusive). */
export function isEntryActiveAt(entry: Pick<TrustRegistryEntry, 'validFrom' | 'validUntil'>, at: Date): boolean {
  const { from, until } = periodOf(entry);
  const t = at.getTime();
  return from <= t && t < until;
}
