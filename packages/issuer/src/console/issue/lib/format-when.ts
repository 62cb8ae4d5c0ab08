const WHEN = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' });
const COUNT = new Intl.NumberFormat('en-GB');

/**
 * An ISO date-time as people in the UK read it, on UK time.
 *
 * @example
 * formatWhen('2026-10-03T09:00:00Z'); // '3 October 2026 at 10:00'
 */
export function formatWhen(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : WHEN.format(new Date(ms));
}

/**
 * A count with thousands separators.
 *
 * @example
 * formatCount(1234); // '1,234'
 */
export function formatCount(n: number): string {
  return COUNT.format(n);
}
