import { nodeSdJwtCrypto, verifyDataIntegrityCredential, verifySdJwtVc, verifyVcJose, verifyVcJwtV1, type KeyBindingPolicy } from '@staff-passport/core';
import type { VerifierContext } from '../verifier-context.js';
import type { CredentialInput } from './verification-input.js';
import { addStatusAndTrustChecks } from './lib/add-status-and-trust-checks.js';
import { startFromSdJwtVc, startFromW3c } from './lib/start-verified-credential.js';
import type { VerifiedCredential } from './verified-credential.js';

/** Options of {@link verifyCredential}. */
export interface VerifyCredentialOptions {
  /** Position in the answer, stamped on every check. */
  index: number;
  /** For SD-JWT VC in a presentation: the key binding the verifier's request demands. */
  kb?: KeyBindingPolicy;
  /** The checks a VC API caller asked for (`options.checks`): status and trust are not run when left out. */
  checks?: ReadonlySet<string>;
}

// The format's own checks (format, issuer, signature, validity, schema, key binding...): the result begins here.
async function verifyFormat(ctx: VerifierContext, input: CredentialInput, options: VerifyCredentialOptions): Promise<VerifiedCredential> {
  const common = { resolver: ctx.resolver, now: ctx.now(), clockSkewSeconds: ctx.clockSkewSeconds, credentialIndex: options.index };
  switch (input.format) {
    case 'vc+jwt':
      return startFromW3c('vc+jwt', options.index, await verifyVcJose({ jwt: input.value, ...common }), input.value);
    case 'jwt_vc_json':
      return startFromW3c('jwt_vc_json', options.index, await verifyVcJwtV1({ jwt: input.value, ...common }), input.value);
    case 'ldp_vc':
      return startFromW3c('ldp_vc', options.index, await verifyDataIntegrityCredential({ credential: input.value, ...common, documentLoader: ctx.documentLoader }), JSON.stringify(input.value));
    case 'dc+sd-jwt':
      return startFromSdJwtVc(options.index, await verifySdJwtVc({ compact: input.value, ...common, ...nodeSdJwtCrypto, ...(options.kb ? { kb: options.kb } : {}) }), input.value);
  }
}

/**
 * Verifies one credential in any format we accept, then adds status and trust to the same
 * result: every check reported, never stopping at the first failure, never throwing for a bad
 * credential.
 *
 * @example
 * const credential = await verifyCredential(ctx, classifyCredential(body.verifiableCredential, 'verifiableCredential'), { index: 0 });
 * credential.verified; // false when any check failed
 */
export async function verifyCredential(ctx: VerifierContext, input: CredentialInput, options: VerifyCredentialOptions): Promise<VerifiedCredential> {
  return addStatusAndTrustChecks(ctx, await verifyFormat(ctx, input, options), options.checks);
}
