import { addTrustRegistryEntry, createJwkSigner, createTrustRegistryDraft, generateRegistryKey, renewTrustRegistry, signTrustRegistry, type RegistryJwk, type TrustRegistry } from '@staff-passport/core';
import { deriveRegisteredAsks, listProfiles } from '@staff-passport/verifier';
import { DEMO_ORG } from './ensure-demo.js';
import { DEMO_VERIFIER_ORG } from './ensure-verifier-demo.js';

/** A demo trust registry, signed: the document (for the verifier), the JWS and the public key (for the wallet). */
export interface DemoTrustRegistry {
  registry: TrustRegistry;
  jws: string;
  keys: RegistryJwk[];
}

/**
 * The trust registry `start --demo` serves the web wallet when none is configured, signed at each
 * start with a fresh operator key: the demo organisation may issue every type, and the demo verifier organisation (its
 * did:web) is registered to ask, for every kind of move, what the shipped check profiles ask for:
 * derived from the profiles, never a copied list.
 *
 * @example
 * const demo = await createDemoTrustRegistry({ issuerDid: facts.issuer.did, verifierDid: facts.verifier.did });
 */
export async function createDemoTrustRegistry(options: { issuerDid: string; verifierDid: string; now?: Date }): Promise<DemoTrustRegistry> {
  const { privateJwk, publicJwk } = await generateRegistryKey('EdDSA');
  const validFrom = '2020-01-01T00:00:00Z';
  let draft = createTrustRegistryDraft({ name: 'Staff Passport demo trust registry (fictional)' });
  draft = addTrustRegistryEntry(draft, { did: options.issuerDid, ...DEMO_ORG, credentialTypes: ['*'], validFrom });
  draft = addTrustRegistryEntry(draft, { did: options.verifierDid, ...DEMO_VERIFIER_ORG, credentialTypes: [], asks: deriveRegisteredAsks(listProfiles()), validFrom });
  // A year: a demo left running is not stopped by its registry expiring.
  const registry = renewTrustRegistry(draft, { validForDays: 365, ...(options.now ? { now: options.now } : {}) });
  const jws = await signTrustRegistry({ registry, signer: await createJwkSigner(privateJwk) });
  return { registry, jws, keys: [publicJwk] };
}
