import { isObject } from '@staff-passport/core';
import type { Role } from '../../api-keys/create-api-key.js';

// Highest first: the principal's single `role` is the first of these the token maps to.
const PRECEDENCE: readonly Role[] = ['org-admin', 'issuer', 'auditor'];

/**
 * The claim named, read as a top-level claim first (namespaced names such as
 * `https://example.org/roles` contain dots), else as a dotted path (`realm_access.roles`).
 */
function readClaim(payload: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(payload, name)) return payload[name];
  let current: unknown = payload;
  for (const part of name.split('.')) {
    if (!isObject(current) || !Object.hasOwn(current, part)) return undefined;
    current = current[part];
  }
  return current;
}

/**
 * Our roles from a verified token's role claim: a list of strings, or one string of
 * space-separated values (as `scope` is). Values not in the mapping grant nothing.
 */
export function rolesFromClaims(payload: Record<string, unknown>, claim: string, mapping: Record<string, Role>): Role[] {
  const value = readClaim(payload, claim);
  const values = typeof value === 'string' ? value.split(/\s+/) : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const granted = new Set<Role>();
  for (const v of values) if (Object.hasOwn(mapping, v)) granted.add(mapping[v]!);
  return PRECEDENCE.filter((role) => granted.has(role));
}
