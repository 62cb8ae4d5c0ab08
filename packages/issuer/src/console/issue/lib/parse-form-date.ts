// Dates as people type them in a form ("27 3 2026", "27/03/2026", "27 March 2026"), read into
// the ISO forms the schemas take. What cannot be read is left as typed, so the schema's own
// format check reports it on the field (no second validator here).

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_MONTH_YEAR = /^(\d{1,2})[\s/.-]+(\d{1,2}|[A-Za-z]{3,9})[\s/.-]+(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
const TIME = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/i;

/** The time zone people in the console type times in. */
export const FORM_TIME_ZONE = 'Europe/London';

function monthOf(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const index = MONTHS.indexOf(text.slice(0, 3).toLowerCase());
  // Only a month's name or its first three letters ("Sep", "September"), not any word starting so.
  if (index < 0) return undefined;
  const names = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
  return text.length === 3 || names[index]!.startsWith(text.toLowerCase()) ? index + 1 : undefined;
}

function isoDay(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

function readDay(text: string): { year: number; month: number; day: number } | undefined {
  const iso = ISO_DATE.exec(text);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  const dmy = DAY_MONTH_YEAR.exec(text);
  const month = dmy ? monthOf(dmy[2]!) : undefined;
  return dmy && month !== undefined ? { year: Number(dmy[3]), month, day: Number(dmy[1]) } : undefined;
}

/**
 * A calendar date typed in a form as `YYYY-MM-DD`, or undefined when it is not a real date.
 *
 * @example
 * parseFormDate('27 3 2026'); // '2026-03-27'
 * parseFormDate('31/02/2026'); // undefined
 */
export function parseFormDate(text: string): string | undefined {
  const day = readDay(text.trim());
  return day ? isoDay(day.year, day.month, day.day) : undefined;
}

// Minutes the zone is ahead of UTC at an instant.
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return (Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute')) - Math.floor(instant / 60_000) * 60_000) / 60_000;
}

/**
 * A date and time typed in a form, as an RFC 3339 UTC date-time: a date as {@link parseFormDate}
 * reads it and an optional time ("14:30", "2.30pm"; midnight when left out) on the clock of
 * `timeZone`, or an RFC 3339 date-time as it is. Undefined when it cannot be read.
 *
 * @example
 * parseFormDateTime('27 3 2026 14:30'); // '2026-03-27T14:30:00Z' (GMT in March)
 * parseFormDateTime('1 7 2026 09:00'); // '2026-07-01T08:00:00Z' (BST)
 */
export function parseFormDateTime(text: string, timeZone = FORM_TIME_ZONE): string | undefined {
  const trimmed = text.trim();
  if (ISO_DATE_TIME.test(trimmed)) {
    const ms = Date.parse(trimmed);
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  const split = /^(.*?\d{4})(?:(?:\s+|\s*,\s*|\s+at\s+)(.+))?$/i.exec(trimmed);
  if (!split) return undefined;
  const day = parseFormDate(split[1]!);
  if (!day) return undefined;
  let hour = 0;
  let minute = 0;
  if (split[2] !== undefined) {
    const time = TIME.exec(split[2].trim());
    if (!time) return undefined;
    hour = Number(time[1]);
    minute = time[2] === undefined ? 0 : Number(time[2]);
    const half = time[3]?.toLowerCase();
    if (half !== undefined && (hour < 1 || hour > 12)) return undefined;
    if (half === 'pm' && hour < 12) hour += 12;
    if (half === 'am' && hour === 12) hour = 0;
    if (hour > 23 || minute > 59) return undefined;
  }
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  // The offset at the wall time read as UTC is right except within hours of a clock change: one more step settles it.
  const guess = wall - offsetMinutes(wall, timeZone) * 60_000;
  const instant = wall - offsetMinutes(guess, timeZone) * 60_000;
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
