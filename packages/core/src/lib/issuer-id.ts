import { isObject } from './is-object.js';

/** A credential's issuer id: `issuer` as a string, or its `id` (VC Data Model 2.0, section 4.7). */
export function issuerIdOf(issuer: unknown): string | undefined {
  if (typeof issuer === 'string') return issuer;
  if (isObject(issuer) && typeof issuer['id'] === 'string') return issuer['id'];
  return undefined;
}
