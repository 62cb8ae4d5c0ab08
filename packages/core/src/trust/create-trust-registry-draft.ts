import { TRUST_REGISTRY_TYPE, type TrustRegistryDraft, type TrustRegistryOperator } from './trust-registry-model.js';
import { parseTrustRegistryDraft } from './parse-trust-registry.js';

/** Options for {@link createTrustRegistryDraft}. */
export interface CreateTrustRegistryDraftOptions {
  name: string;
  /** A URI naming the registry; a fresh `urn:uuid:` when absent. */
  id?: string;
  /** Who runs and signs the registry; named as the registry when absent. */
  operator?: TrustRegistryOperator;
}

/**
 * An empty, unsigned trust registry (version 0) to add entries to, then sign.
 *
 * @throws PassportError `ERR_TRUST_REGISTRY_INVALID` when a name, id or operator DID is malformed.
 * @example
 * const draft = createTrustRegistryDraft({ name: 'NHS staff passport trust registry' });
 */
export function createTrustRegistryDraft(options: CreateTrustRegistryDraftOptions): TrustRegistryDraft {
  return parseTrustRegistryDraft({
    type: TRUST_REGISTRY_TYPE,
    id: options.id ?? `urn:uuid:${globalThis.crypto.randomUUID()}`,
    name: options.name,
    version: 0,
    operator: options.operator ?? { name: options.name },
    entries: [],
  });
}
