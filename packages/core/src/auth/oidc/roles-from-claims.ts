import { isObject } from '../../lib/is-object.js';

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
 * A service's roles from a verified token's role claim: a list of strings, or one string of
 * space-separated values (as `scope` is), each mapped by `mapping`; values not in the mapping grant
 * nothing. Highest first, by `precedence` (the issuer's org-admin, issuer, auditor; the verifier's
 * checker, profile-admin, auditor).
 *
 * @example
 * rolesFromClaims({ roles: ['hr'] }, 'roles', { hr: 'checker' }, ['checker', 'auditor']); // ['checker']
 */
export function rolesFromClaims<Role extends string>(payload: Record<string, unknown>, claim: string, mapping: Record<string, Role>, precedence: readonly Role[]): Role[] {
  const value = readClaim(payload, claim);
  const values = typeof value === 'string' ? value.split(/\s+/) : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const granted = new Set<Role>();
  for (const v of values) if (Object.hasOwn(mapping, v)) granted.add(mapping[v]!);
  return precedence.filter((role) => granted.has(role));
}
