import type { VerifierContext } from '../verifier-context.js';
import type { PresentationInput } from './verification-input.js';
import { verifyPresentation } from './verify-presentation.js';
import type { VerifiedPresentation } from './verified-credential.js';

/**
 * Verifies every presentation of one answer, in order, bound to the same nonce and audience
 * (OpenID4VP rules): each credential's index counts from the first presentation's first credential.
 *
 * @example
 * const presentations = await verifyPresentations(ctx, inputs, { nonce, audience });
 */
export async function verifyPresentations(ctx: VerifierContext, inputs: readonly PresentationInput[], binding: { nonce: string; audience: string }): Promise<VerifiedPresentation[]> {
  const presentations: VerifiedPresentation[] = [];
  let firstIndex = 0;
  for (const input of inputs) {
    const p = await verifyPresentation(ctx, input, { binding, firstIndex });
    presentations.push(p);
    firstIndex += p.credentials.length;
  }
  return presentations;
}
