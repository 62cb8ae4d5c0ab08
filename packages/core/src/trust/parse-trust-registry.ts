import { PassportError } from '../errors/passport-error.js';
import type { TrustRegistry, TrustRegistryDraft } from './trust-registry-model.js';
import { validateTrustRegistry } from './validate-trust-registry.js';

function check(value: unknown, draft: boolean): void {
  const issues = validateTrustRegistry(value, { draft });
  const first = issues[0];
  if (!first) return;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new PassportError('ERR_TRUST_REGISTRY_INVALID', `not a valid trust registry${draft ? ' draft' : ''}: ${first.path || 'document'} ${first.message}${more}`, {
    ...(first.path ? { field: first.path } : {}),
    issues,
  });
}

/**
 * Checks that a value is a complete trust registry document and returns it typed.
 *
 * @throws PassportError `ERR_TRUST_REGISTRY_INVALID`, with `field` the first field at fault and
 *   `issues` listing every problem.
 * @example
 * const registry = parseTrustRegistry(JSON.parse(text));
 */
export function parseTrustRegistry(value: unknown): TrustRegistry {
  check(value, false);
  return value as TrustRegistry;
}

/**
 * Checks that a value is a trust registry being edited (`issuedAt` and `validUntil` may be
 * missing until it is signed) and returns it typed.
 *
 * @throws PassportError `ERR_TRUST_REGISTRY_INVALID`, with `field` and `issues`.
 * @example
 * const draft = parseTrustRegistryDraft(JSON.parse(readFileSync('registry.json', 'utf8')));
 */
export function parseTrustRegistryDraft(value: unknown): TrustRegistryDraft {
  check(value, true);
  return value as TrustRegistryDraft;
}
