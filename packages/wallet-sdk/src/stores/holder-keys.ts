import type { JwsSigner } from '@staff-passport/core';

/** Where a wallet keeps holder keys and DIDs, and signs with them. */
export interface HolderKeys {
  /** Creates a holder DID (did:key) with a new key. */
  createHolder(): Promise<string>;
  /** The holder DIDs this wallet controls. */
  listHolders(): Promise<string[]>;
  /** A signer for a holder DID's authentication key. */
  signerFor(did: string): Promise<JwsSigner>;
}
