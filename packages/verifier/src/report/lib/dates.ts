const DAY_MS = 86_400_000;

/** Whether a string is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}

/** A calendar date plus (or minus) whole days, in UTC. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Whether a credential's `validUntil` falls before a day begins: it cannot be relied on that day
 * (the issuer fixed its end, for example at a permission or renewal date).
 */
export function endsBefore(validUntil: string | undefined, day: string): boolean {
  if (validUntil === undefined) return false;
  const end = Date.parse(validUntil);
  return !Number.isNaN(end) && end < Date.parse(`${day}T00:00:00Z`);
}
