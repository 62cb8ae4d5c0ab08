import { PassportError, createAgentSigner, verificationMethodIdFor, type JwsSigner, type PassportAgent } from '@staff-passport/core';
import type { HolderKeys } from '../stores/holder-keys.js';

/** {@link HolderKeys} held by a Veramo agent (keys encrypted in the wallet's SQLite file). */
export class VeramoHolderKeys implements HolderKeys {
  constructor(private readonly agent: PassportAgent) {}

  async createHolder(): Promise<string> {
    const identifier = await this.agent.didManagerCreate({ provider: 'did:key', kms: 'local', options: { keyType: 'Ed25519' } });
    return identifier.did;
  }

  async listHolders(): Promise<string[]> {
    const identifiers = await this.agent.didManagerFind({ provider: 'did:key' });
    return identifiers.map((i) => i.did);
  }

  async signerFor(did: string): Promise<JwsSigner> {
    const identifier = await this.agent.didManagerGet({ did }).catch((cause: unknown) => {
      throw new PassportError('ERR_REQUEST_INVALID', `this wallet holds no key for ${did}`, { field: 'holder', cause });
    });
    const key = identifier.keys.find((k) => k.type === 'Ed25519' || k.type === 'Secp256r1');
    if (!key) throw new PassportError('ERR_REQUEST_INVALID', `${did} has no signing key`, { field: 'holder' });
    return createAgentSigner(this.agent, key, verificationMethodIdFor(did, key.kid));
  }
}
