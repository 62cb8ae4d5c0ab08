const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the proleptic Gregorian calendar (month 0 is January). */
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 1 && leap ? 29 : DAYS_IN_MONTH[month]!;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * Adds whole months to a calendar date (YYYY-MM-DD), clamping to the last day of the month
 * (2024-02-29 plus 12 months is 2025-02-28), by calendar arithmetic: no `Date` (and no host
 * zone), which was most of the cost of issuing a training record's rules.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const targetMonthIndex = m - 1 + months;
  const year = y + Math.floor(targetMonthIndex / 12);
  const month = ((targetMonthIndex % 12) + 12) % 12;
  return `${pad(year, 4)}-${pad(month + 1, 2)}-${pad(Math.min(d, daysInMonth(year, month)), 2)}`;
}
