import { createVerifierStores } from '../store/verifier-stores.js';
import type { VerifierContext } from '../verifier-context.js';
import type { VerifierOrganisation } from './verifier-organisation.js';

/**
 * The verifier's context acting for one organisation: its requests, results and profiles, its
 * DID and signing key, its retention period. Everything the domain functions do with it stays
 * inside that organisation (another's ids are simply not found). Caches (keys by DID, status
 * lists, DID documents) stay shared.
 *
 * @example
 * const orgCtx = scopeToOrganisation(ctx, await getVerifierOrganisation(ctx, orgId));
 */
export function scopeToOrganisation(ctx: VerifierContext, org: VerifierOrganisation): VerifierContext {
  return { ...ctx, org, stores: createVerifierStores(ctx.db, org.id), retentionDays: org.retentionDays };
}
