import type { KeyObjectKms } from '../keyobject-kms.js';

/** The {@link KeyObjectKms} an agent was built with, and the name its key manager knows it by. */
export interface RegisteredKms {
  readonly kmsName: string;
  readonly kms: KeyObjectKms;
}

// Keyed by the agent object: signers find the KMS without a method on the agent's public surface.
const registry = new WeakMap<object, RegisteredKms>();

/** Records that `agent`'s key manager holds `kms` under `kmsName` (done by createPassportAgent). */
export function registerKeyObjectKms(agent: object, kmsName: string, kms: KeyObjectKms): void {
  registry.set(agent, { kmsName, kms });
}

/** The KMS registered for an agent, if it was built by createPassportAgent. */
export function keyObjectKmsOf(agent: object): RegisteredKms | undefined {
  return registry.get(agent);
}
