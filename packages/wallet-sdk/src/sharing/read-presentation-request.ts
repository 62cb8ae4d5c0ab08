import { isObject } from '@staff-passport/core/browser';
import { findOrganisationOf } from '../lib/find-organisation-of.js';
import type { WalletParts } from '../wallet-parts.js';
import { viewCredential, type CredentialView } from './lib/credential-view.js';
import { checkRegistration } from './lib/check-registration.js';
import { listRequestedAsks } from './lib/list-requested-asks.js';
import { checkRequestParams, loadRequest, type LoadRequestOptions } from './lib/load-request.js';
import { matchDcql } from './lib/match-dcql.js';
import { matchPresentationDefinition } from './lib/match-presentation-definition.js';
import type { SharePreview } from './share-preview.js';

/** Options for {@link readPresentationRequest}. */
export type ReadPresentationRequestOptions = LoadRequestOptions;

/**
 * Reads an OpenID4VP 1.0 presentation request (`openid4vp://?client_id=...&request_uri=...`, or
 * by value for a `redirect_uri:` client id): fetches the request object, checks its signature
 * against the verifier's DID for a `decentralized_identifier:` client id (section 5.9.3), checks the
 * client_id, and matches the wallet's credentials to its `dcql_query` (section 6) or
 * `presentation_definition` (PE 2.0). With a trust registry lookup, the request is checked against
 * the verifier's registered asks (`registration`, and each query and claim marked `registered`).
 * Nothing is sent to the verifier.
 *
 * @example
 * const preview = await readPresentationRequest(parts, scannedText);
 * preview.queries[0].candidates[0].claims; // what would be shared, required or optional
 * @throws PassportError `ERR_WALLET_REQUEST_INVALID` for a malformed request or an unsupported
 *   response mode or client id prefix; `ERR_WALLET_REQUEST_SIGNATURE_INVALID` when the request object
 *   is unsigned or its signature does not verify; `ERR_WALLET_VERIFIER_ERROR` when the request_uri fails.
 */
export async function readPresentationRequest(parts: WalletParts, text: string, options: ReadPresentationRequestOptions = {}): Promise<SharePreview> {
  const loaded = await loadRequest(parts, text, options);
  const { responseUri, nonce, state } = checkRequestParams(loaded.params);
  const views: CredentialView[] = [];
  // A credential replaced by its renewal is not offered (its issuer has revoked it as superseded).
  for (const stored of await parts.credentials.list({ superseded: false })) {
    const view = await viewCredential(stored);
    if (view) views.push(view);
  }
  const dcql = loaded.params['dcql_query'];
  const matched = isObject(dcql) ? matchDcql(dcql, views) : matchPresentationDefinition(loaded.params['presentation_definition'] as Record<string, unknown>, views);
  const metadata = isObject(loaded.params['client_metadata']) ? loaded.params['client_metadata'] : {};
  const clientName = typeof metadata['client_name'] === 'string' ? metadata['client_name'] : undefined;
  const definition = isObject(loaded.params['presentation_definition']) ? loaded.params['presentation_definition'] : {};
  const purpose = [loaded.params['purpose'], metadata['purpose'], definition['purpose']].find((p): p is string => typeof p === 'string');
  const organisation = await findOrganisationOf(parts, loaded.verifierDid ?? responseUri);
  // With a trust registry: what is asked against what the verifier is registered to ask, for the purpose it names.
  const purposeCode = typeof metadata['purpose_code'] === 'string' ? metadata['purpose_code'] : undefined;
  const checked = parts.findOrganisation ? checkRegistration(organisation, purposeCode, listRequestedAsks(loaded.params), matched.queries) : undefined;
  return {
    clientId: loaded.clientId,
    ...(clientName ? { clientName } : {}),
    ...(loaded.verifierDid ? { verifierDid: loaded.verifierDid } : {}),
    ...(organisation ? { organisation } : {}),
    ...(checked ? { registration: checked.registration } : {}),
    ...(purpose ? { purpose } : {}),
    queryLanguage: isObject(dcql) ? 'dcql' : 'presentation_definition',
    queries: checked?.queries ?? matched.queries,
    unsatisfied: matched.unsatisfied,
    request: loaded.params,
    responseUri,
    nonce,
    ...(state ? { state } : {}),
  };
}
