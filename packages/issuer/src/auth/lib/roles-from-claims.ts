import { rolesFromClaims as rolesFrom } from '@staff-passport/core';
import type { Role } from '../../api-keys/create-api-key.js';

// Highest first: the principal's single `role` is the first of these the token maps to.
const PRECEDENCE: readonly Role[] = ['org-admin', 'issuer', 'auditor'];

/**
 * The issuer's roles from a verified token's role claim (core's `rolesFromClaims`, shared with the
 * verifier): a list of strings, or one string of space-separated values; values not in the mapping
 * grant nothing.
 */
export function rolesFromClaims(payload: Record<string, unknown>, claim: string, mapping: Record<string, Role>): Role[] {
  return rolesFrom(payload, claim, mapping, PRECEDENCE);
}
