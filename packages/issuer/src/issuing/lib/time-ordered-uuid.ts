import { randomUUID } from 'node:crypto';

/**
 * A version 7 UUID (RFC 9562, section 5.7): the first 48 bits are the Unix time in milliseconds,
 * then the version, 74 random bits and the variant. Credential ids are the primary key of
 * `sp_issued_credentials`: ids that grow with time go in at the right-hand edge of its index,
 * where random (version 4) ids land on a random page each, and at a million credentials every
 * batch rewrites a page of the index per credential (see docs/performance.md). The time they carry
 * is the one the credential states anyway (`validFrom`, `iat`); 74 random bits keep them unguessable.
 *
 * @example
 * timeOrderedUuid(new Date('2026-05-01T09:00:00Z')); // '019d0a5e-9c40-7xxx-yxxx-xxxxxxxxxxxx'
 */
export function timeOrderedUuid(now: Date = new Date()): string {
  // randomUUID draws from a cached pool of random bytes: its random part (after `-4`) is reused.
  const random = randomUUID();
  const ms = Math.max(0, Math.min(now.getTime(), 0xffff_ffff_ffff));
  const time = ms.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}
