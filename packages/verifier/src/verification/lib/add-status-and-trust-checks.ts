import type { VerifierContext } from '../../verifier-context.js';
import { addStatusCheck } from '../add-status-check.js';
import { addTrustCheck } from '../add-trust-check.js';
import type { VerifiedCredential } from '../verified-credential.js';

/** The steps after a format's own: status, then trust, each adding to the credential's one result. */
export async function addStatusAndTrustChecks(ctx: VerifierContext, credential: VerifiedCredential, requested?: ReadonlySet<string>): Promise<VerifiedCredential> {
  await addStatusCheck(ctx, credential, requested);
  addTrustCheck(ctx, credential, requested);
  return credential;
}
