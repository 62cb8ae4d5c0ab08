/** The last second of a calendar day (YYYY-MM-DD), as the `validUntil` a date-bound rule gives. */
export function endOfDay(date: string): string {
  return `${date}T23:59:59Z`;
}

/** The earliest of some calendar dates (YYYY-MM-DD compare as strings), or undefined when none. */
export function earliestDate(dates: readonly (string | undefined)[]): string | undefined {
  let earliest: string | undefined;
  for (const d of dates) if (d !== undefined && (earliest === undefined || d < earliest)) earliest = d;
  return earliest;
}

/** The calendar day of a date or date-time. */
export function dayOf(dateOrDateTime: string): string {
  return dateOrDateTime.slice(0, 10);
}
