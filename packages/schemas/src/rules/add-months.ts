/**
 * Adds whole months to a calendar date (YYYY-MM-DD), clamping to the last day of the month
 * (2024-02-29 plus 12 months is 2025-02-28), in UTC so the answer never depends on the host zone.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const targetMonthIndex = m - 1 + months;
  const year = y + Math.floor(targetMonthIndex / 12);
  const month = ((targetMonthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(Date.UTC(year, month, Math.min(d, lastDay)));
  return result.toISOString().slice(0, 10);
}
