/** A plain (non-array) object. Its own file so browser code can use it without compact-jws.ts (Buffer). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
