/**
 * Credential ids are version 7 UUIDs (RFC 9562, section 5.7): the Unix time in milliseconds first,
 * so ids grow with time (the primary key index takes them at its right-hand edge), then 74 random bits.
 */
import { describe, expect, it } from '@jest/globals';
import { timeOrderedUuid } from '../../../src/issuing/lib/time-ordered-uuid.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedUuid', () => {
  it('is a version 7 UUID carrying the time in its first 48 bits (RFC 9562, section 5.7)', () => {
    const at = new Date('2026-05-01T09:00:00.123Z');
    const id = timeOrderedUuid(at);
    expect(id).toMatch(UUID_V7);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at.getTime());
  });

  it('sorts by time, and ids of the same millisecond differ', () => {
    const t = Date.UTC(2026, 4, 1);
    const ids = [timeOrderedUuid(new Date(t + 1)), timeOrderedUuid(new Date(t)), timeOrderedUuid(new Date(t + 1000 * 86_400))];
    expect([...ids].sort()).toEqual([ids[1], ids[0], ids[2]]);
    const same = Array.from({ length: 10_000 }, () => timeOrderedUuid(new Date(t)));
    expect(new Set(same).size).toBe(10_000);
    expect(same.every((id) => UUID_V7.test(id))).toBe(true);
  });
});
