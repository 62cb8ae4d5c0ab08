import type { OfferedCredential } from '@staff-passport/wallet-sdk/browser';

/** One kind of credential on offer, however many formats the issuer offers it in. */
export interface OfferedKind {
  name: string;
  /** Whether the wallet can hold it in at least one of the formats offered. */
  supported: boolean;
}

/**
 * The credentials on offer as the holder will get them: one per kind (catalogue type, else SD-JWT
 * `vct`, else W3C types, else the configuration), as the wallet accepts one format of each. An
 * issuer offering a training record as `jwt_vc_json`, `dc+sd-jwt` and `ldp_vc` offers one training record.
 *
 * @example
 * listOfferedKinds(preview.credentials).map((k) => k.name); // ['Training record', 'Identity verification']
 */
export function listOfferedKinds(credentials: readonly OfferedCredential[]): OfferedKind[] {
  const kinds = new Map<string, OfferedKind>();
  for (const c of credentials) {
    const key = c.catalogueType ?? c.vct ?? (c.types.length > 0 ? c.types.join(',') : c.configurationId);
    const seen = kinds.get(key);
    if (!seen) kinds.set(key, { name: c.name, supported: c.supported });
    else if (c.supported && !seen.supported) kinds.set(key, { name: c.name, supported: true });
  }
  return [...kinds.values()];
}
