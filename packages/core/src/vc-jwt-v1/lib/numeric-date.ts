/** A JWT NumericDate (RFC 7519, section 2): whole seconds since the epoch. */
export function toNumericDate(dateTime: string): number | undefined {
  const ms = Date.parse(dateTime);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** An XML Schema dateTime in UTC from a NumericDate, as VC Data Model 1.1 dates are written. */
export function fromNumericDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Whether a value is a JWT NumericDate. */
export function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
