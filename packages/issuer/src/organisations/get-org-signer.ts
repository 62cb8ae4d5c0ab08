import { PassportError, createAgentSigner, verificationMethodIdFor, type JwsSigner, type PassportAgent } from '@staff-passport/core';
import type { Organisation } from './organisation.js';

// Signers per agent and DID: finding the key is a database read we need not repeat per credential.
const cache = new WeakMap<PassportAgent, Map<string, JwsSigner>>();

/**
 * The signer for an organisation's current key.
 *
 * @throws PassportError `ERR_INTERNAL` when the organisation has no signing key (a broken store).
 */
export async function getOrgSigner(agent: PassportAgent, org: Organisation): Promise<JwsSigner> {
  let perAgent = cache.get(agent);
  if (!perAgent) cache.set(agent, (perAgent = new Map()));
  const cached = perAgent.get(org.did);
  if (cached) return cached;
  const identifier = await agent.didManagerGet({ did: org.did });
  const key = identifier.keys.find((k) => k.type === 'Ed25519');
  if (!key) throw new PassportError('ERR_INTERNAL', `organisation ${org.id} has no signing key`);
  const signer = createAgentSigner(agent, key, verificationMethodIdFor(org.did, key.kid));
  perAgent.set(org.did, signer);
  return signer;
}
