// XML Schema dateTime with a time zone (XMLSCHEMA11-2 dateTimeStamp), as proof `created` and
// `expires` must be.
const DATE_TIME_STAMP = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether a value is an XML Schema dateTimeStamp that names a real instant. */
export function isDateTimeStamp(value: unknown): value is string {
  return typeof value === 'string' && DATE_TIME_STAMP.test(value) && !Number.isNaN(Date.parse(value));
}

/** A date as a dateTimeStamp in UTC with whole seconds, the form the spec examples use. */
export function toDateTimeStamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
