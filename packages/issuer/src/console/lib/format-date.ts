// UK dates in words ("3 May 2026"), as the NHS.UK content style writes them, in UK time.
const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const SHORT_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' });
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: 'Europe/London' });

/**
 * A date as the NHS.UK style writes it ("3 May 2026"), in UK time; the text itself when it is not a date.
 *
 * @example
 * formatDate('2026-05-03T09:00:00Z'); // '3 May 2026'
 */
export function formatDate(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : DATE.format(at);
}

/**
 * A date and time in UK time ("3 May 2026 at 10:00:05"), seconds included: audit entries a second
 * apart must not look alike.
 *
 * @example
 * formatDateTime('2026-05-03T09:00:05Z'); // '3 May 2026 at 10:00:05'
 */
export function formatDateTime(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : `${DATE.format(at)} at ${TIME.format(at)}`;
}

/**
 * A date and time for a narrow table column: the short date and the time, as two parts.
 *
 * @example
 * formatDateTimeParts('2026-05-03T09:00:05Z'); // { date: '3 May 2026', time: '10:00:05' }
 */
export function formatDateTimeParts(iso: string): { date: string; time: string } {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? { date: iso, time: '' } : { date: SHORT_DATE.format(at), time: TIME.format(at) };
}
