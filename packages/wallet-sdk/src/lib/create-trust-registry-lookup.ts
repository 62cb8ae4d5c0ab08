import { PassportError, findTrustedOrganisation, verifyTrustRegistry, type TrustRegistry } from '@staff-passport/core/browser';
import type { JWK } from 'jose';
import type { OrganisationLookup } from '../wallet-parts.js';
import { httpRequest } from './http-request.js';

/** Options for {@link createTrustRegistryLookup}: the signed registry itself, or where to fetch it. */
export interface TrustRegistryLookupOptions {
  /** The signed registry (compact JWS), when the app already has it. */
  registry?: string;
  /** Where to fetch the signed registry from (`application/trust-registry+jwt`). */
  url?: string;
  /** The registry operator keys the wallet trusts (configuration, each with a `kid`). */
  keys: readonly JWK[];
  /** The network (default `globalThis.fetch`). */
  fetch?: typeof globalThis.fetch;
  /** The clock (default the system clock): entries are looked up as of now. */
  now?: () => Date;
}

/**
 * An {@link OrganisationLookup} over the signed trust registry: fetched once (when given a URL),
 * its signature checked against the trusted keys, then each DID looked up among the entries in
 * force now. A registry that does not verify fails every lookup, so a wallet never shows an
 * organisation on a forged registry's word.
 *
 * @example
 * const findOrganisation = createTrustRegistryLookup({ url: 'https://registry.example/registry.jwt', keys: [operatorJwk] });
 * await findOrganisation('did:web:trust.example.nhs.uk'); // { name, odsCode, credentialTypes, asks? }
 * @throws PassportError (from the lookup) `ERR_TRUST_REGISTRY_UNAVAILABLE` when it cannot be fetched;
 *   `ERR_TRUST_REGISTRY_SIGNATURE_INVALID` / `ERR_TRUST_REGISTRY_INVALID` / `ERR_TRUST_REGISTRY_EXPIRED` when it does not verify.
 */
export function createTrustRegistryLookup(options: TrustRegistryLookupOptions): OrganisationLookup {
  if (options.registry === undefined && options.url === undefined) throw new PassportError('ERR_REQUEST_INVALID', 'give the registry or its url', { field: 'registry' });
  const now = options.now ?? (() => new Date());
  let loaded: Promise<TrustRegistry> | undefined;
  const load = async (): Promise<TrustRegistry> => {
    const jws = options.registry ?? (await fetchRegistry(options.url!, options.fetch ?? globalThis.fetch));
    const result = await verifyTrustRegistry({ jws, trustedKeys: options.keys, now: now() });
    if (!result.verified || !result.registry) {
      const failed = result.checks.find((c) => c.outcome === 'failed');
      throw new PassportError(failed?.code ?? 'ERR_TRUST_REGISTRY_INVALID', `the trust registry does not verify${failed?.message ? `: ${failed.message}` : ''}`, { field: 'registry' });
    }
    return result.registry;
  };
  return async (didOrIdentifier) => {
    loaded ??= load().catch((err: unknown) => {
      loaded = undefined; // try again next time: the registry host may come back
      throw err;
    });
    const registry = await loaded;
    const found = findTrustedOrganisation(registry, didOrIdentifier.split('#')[0]!, now());
    return found && { name: found.name, odsCode: found.odsCode, credentialTypes: found.credentialTypes, ...(found.asks ? { asks: found.asks } : {}) };
  };
}

async function fetchRegistry(url: string, fetch: typeof globalThis.fetch): Promise<string> {
  const answer = await httpRequest(fetch, url, { errorCode: 'ERR_TRUST_REGISTRY_UNAVAILABLE', what: 'the trust registry', headers: { accept: 'application/trust-registry+jwt, application/jwt' } });
  if (!answer.ok) throw new PassportError('ERR_TRUST_REGISTRY_UNAVAILABLE', `the trust registry answered ${answer.status}`, { field: 'url' });
  return answer.text.trim();
}
