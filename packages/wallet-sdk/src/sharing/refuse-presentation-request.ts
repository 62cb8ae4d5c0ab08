import type { WalletParts } from '../wallet-parts.js';
import { logSharing } from './lib/log-sharing.js';
import { postResponse } from './lib/post-response.js';
import type { SharePreview } from './share-preview.js';

/**
 * Refuses a presentation request: posts `error=access_denied` with the `state` to the response_uri
 * (OpenID4VP 1.0, section 8.5), shares nothing, and logs `refused`.
 *
 * @example
 * await refusePresentationRequest(parts, preview);
 * @returns The verifier's `redirect_uri`, if it answered one.
 * @throws PassportError `ERR_WALLET_VERIFIER_ERROR` when the verifier cannot be reached or answers an error.
 */
export async function refusePresentationRequest(parts: WalletParts, preview: SharePreview): Promise<{ redirectUri?: string }> {
  const redirectUri = await postResponse(parts, preview.responseUri, {
    error: 'access_denied',
    error_description: 'The holder declined to share.',
    state: preview.state,
  });
  await logSharing(parts, 'refused', preview, []);
  return redirectUri ? { redirectUri } : {};
}
