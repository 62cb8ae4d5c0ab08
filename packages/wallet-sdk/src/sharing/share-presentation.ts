import type { WalletParts } from '../wallet-parts.js';
import { buildPresentation } from './lib/build-presentation.js';
import { logSharing } from './lib/log-sharing.js';
import { planShare } from './lib/plan-share.js';
import { postResponse } from './lib/post-response.js';
import type { CredentialQueryPreview, ShareChoice, SharePreview } from './share-preview.js';

export type { ShareChoice };


/** Options for {@link sharePresentation}. */
export interface SharePresentationOptions {
  /** Per query id. A required query without a choice gets its first candidate with nothing left out. */
  choices?: Readonly<Record<string, ShareChoice>>;
  /**
   * Share the part the wallet holds: what is asked for that it cannot answer is left out, and the
   * verifier reports on the part shared (without it, such a request cannot be answered).
   */
  partial?: boolean;
}

/** What was shared. */
export interface ShareResult {
  /** Where the verifier asks the holder's browser to go next (not followed). */
  redirectUri?: string;
  shared: { queryId: string; credentialId: string; credentialTypes: string[]; claimsDisclosed: string[] }[];
}

/**
 * Answers a presentation request: builds each presentation (dc+sd-jwt with only the chosen
 * Disclosures and a KB-JWT; jwt_vc_json / vc+jwt as a VP JWT signed by the holder; aud the
 * client_id, nonce the request's), posts them with `direct_post` (OpenID4VP 1.0, section 8.2:
 * `vp_token` JSON keyed by credential query id, or for PE the token and `presentation_submission`),
 * and logs `shared` with each claim disclosed and the credential it came from (what
 * {@link previewDisclosures} showed). With `partial`, a request the wallet can answer only in part
 * is answered with that part. ldp_vc credentials cannot be presented yet.
 *
 * @example
 * await sharePresentation(parts, preview, { choices: { staff: { credentialId, omit: ['payBand'] } } });
 * @throws PassportError `ERR_WALLET_NO_MATCH` when a required query cannot be answered (without `partial`), or nothing can;
 *   `ERR_WALLET_REQUEST_INVALID` for a choice that is not a candidate or leaves out a required claim
 *   (nothing is sent); `ERR_WALLET_KEY_NOT_FOUND` when the holder key is gone;
 *   `ERR_WALLET_VERIFIER_ERROR` when the verifier answers an error.
 */
export async function sharePresentation(parts: WalletParts, preview: SharePreview, options: SharePresentationOptions = {}): Promise<ShareResult> {
  const planned = await planShare(preview, options.choices ?? {}, options.partial === true);

  const audience = { clientId: preview.clientId, nonce: preview.nonce, now: parts.now() };
  const presentations: { query: CredentialQueryPreview; presentation: string; format: string }[] = [];
  for (const p of planned) {
    const signer = await parts.keys.signerFor(p.credential.holder);
    presentations.push({ query: p.query, presentation: await buildPresentation(p.credential, p.disclose, signer, audience), format: p.credential.format });
  }

  const form: Record<string, string | undefined> = { state: preview.state };
  if (preview.queryLanguage === 'dcql') {
    form['vp_token'] = JSON.stringify(Object.fromEntries(presentations.map((p) => [p.query.queryId, [p.presentation]])));
  } else {
    const definition = preview.request['presentation_definition'] as Record<string, unknown>;
    const single = presentations.length === 1;
    form['vp_token'] = single ? presentations[0]!.presentation : JSON.stringify(presentations.map((p) => p.presentation));
    form['presentation_submission'] = JSON.stringify({
      id: globalThis.crypto.randomUUID(),
      definition_id: definition['id'],
      descriptor_map: presentations.map((p, i) => descriptorEntry(p.query.queryId, p.format, single ? '$' : `$[${i}]`, definition)),
    });
  }
  const redirectUri = await postResponse(parts, preview.responseUri, form);
  await logSharing(parts, 'shared', preview, planned);
  return {
    ...(redirectUri ? { redirectUri } : {}),
    shared: planned.map((p) => ({ queryId: p.query.queryId, credentialId: p.credential.id, credentialTypes: [...p.credential.types], claimsDisclosed: p.logPaths })),
  };
}

function descriptorEntry(id: string, format: string, path: string, definition: Record<string, unknown>): Record<string, unknown> {
  if (format === 'dc+sd-jwt') {
    // Older verifiers (PE with OpenID4VP drafts) name SD-JWT VC vc+sd-jwt.
    const named = JSON.stringify(definition).includes('"vc+sd-jwt"') ? 'vc+sd-jwt' : 'dc+sd-jwt';
    return { id, format: named, path };
  }
  return { id, format: 'jwt_vp_json', path, path_nested: { id, format: 'jwt_vc_json', path: `${path}.vp.verifiableCredential[0]` } };
}
