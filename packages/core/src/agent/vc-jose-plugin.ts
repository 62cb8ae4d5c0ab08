import type { IAgentContext, IAgentPlugin, IDIDManager, IKeyManager, IPluginMethodMap, IResolver } from '@veramo/core';
import { PassportError } from '../errors/passport-error.js';
import { signVcJose } from '../jose/sign-vc-jose.js';
import { verifyVcJose } from '../jose/verify-vc-jose.js';
import type { CredentialVerification } from '../verification/verification-result.js';
import { verificationMethodIdFor } from '../did/verification-method-id.js';
import { createAgentSigner } from './agent-signer.js';

/** Agent methods of {@link VcJosePlugin}. */
export interface IVcJose extends IPluginMethodMap {
  /** Signs a VC Data Model 2.0 credential as VC-JOSE with the issuer DID's first signing key. */
  createVcJose(args: { credential: Record<string, unknown>; issuerDid: string }, context: IAgentContext<IDIDManager & IKeyManager>): Promise<string>;
  /** Verifies a VC-JOSE credential with the agent's resolver; never throws for a bad credential. */
  verifyVcJose(args: { jwt: string; now?: Date }, context: IAgentContext<IResolver>): Promise<CredentialVerification>;
}

/**
 * Veramo's credential plugin speaks VC Data Model 1.1 (it forces the v1 context and
 * `issuanceDate`); this plugin adds VC Data Model 2.0 secured with VC-JOSE (`application/vc+jwt`).
 */
export class VcJosePlugin implements IAgentPlugin {
  readonly methods: IVcJose = {
    createVcJose: async ({ credential, issuerDid }, context) => {
      const identifier = await context.agent.didManagerGet({ did: issuerDid });
      const key = identifier.keys.find((k) => k.type === 'Ed25519' || k.type === 'Secp256r1');
      if (!key) throw new PassportError('ERR_REQUEST_INVALID', `${issuerDid} has no signing key`);
      return signVcJose({ credential, signer: createAgentSigner(context.agent, key, verificationMethodIdFor(issuerDid, key.kid)) });
    },
    verifyVcJose: async ({ jwt, now }, context) =>
      verifyVcJose({ jwt, now: now ?? new Date(), resolver: { resolve: (didUrl) => context.agent.resolveDid({ didUrl }) } }),
  };
}
