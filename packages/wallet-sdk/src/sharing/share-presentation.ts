import { PassportError, isObject } from '@staff-passport/core/browser';
import type { StoredCredential } from '../stores/credential-store.js';
import type { WalletParts } from '../wallet-parts.js';
import { buildPresentation } from './lib/build-presentation.js';
import { allClaimPaths, dottedPath, logPathOf, viewCredential, type ClaimPath, type CredentialView } from './lib/credential-view.js';
import { logSharing } from './lib/log-sharing.js';
import { optionsOf, planDcql } from './lib/match-dcql.js';
import { descriptorStates, planDescriptor } from './lib/match-presentation-definition.js';
import { SubmissionRequirements } from './lib/submission-requirements.js';
import { postResponse } from './lib/post-response.js';
import type { CredentialQueryPreview, SharePreview } from './share-preview.js';

/** The holder's choice for one credential query. */
export interface ShareChoice {
  /** The stored credential to present (one of the query's candidates). */
  credentialId: string;
  /** Optional claims to leave out, by their preview `path`. */
  omit?: readonly string[];
}

/** Options for {@link sharePresentation}. */
export interface SharePresentationOptions {
  /** Per query id. A required query without a choice gets its first candidate with nothing left out. */
  choices?: Readonly<Record<string, ShareChoice>>;
}

/** What was shared. */
export interface ShareResult {
  /** Where the verifier asks the holder's browser to go next (not followed). */
  redirectUri?: string;
  shared: { queryId: string; credentialId: string; claimsDisclosed: string[] }[];
}

interface Planned {
  query: CredentialQueryPreview;
  credential: StoredCredential;
  /** undefined: the whole credential. */
  disclose: ClaimPath[] | undefined;
  logPaths: string[];
}

/**
 * Answers a presentation request: builds each presentation (dc+sd-jwt with only the chosen
 * Disclosures and a KB-JWT; jwt_vc_json / vc+jwt as a VP JWT signed by the holder; aud the
 * client_id, nonce the request's), posts them with `direct_post` (OpenID4VP 1.0, section 8.2:
 * `vp_token` JSON keyed by credential query id, or for PE the token and `presentation_submission`),
 * and logs `shared` with the claim paths disclosed. ldp_vc credentials cannot be presented yet.
 *
 * @example
 * await sharePresentation(parts, preview, { choices: { staff: { credentialId, omit: ['payBand'] } } });
 * @throws PassportError `ERR_WALLET_NO_MATCH` when a required query cannot be answered;
 *   `ERR_WALLET_REQUEST_INVALID` for a choice that is not a candidate or leaves out a required claim
 *   (nothing is sent); `ERR_WALLET_KEY_NOT_FOUND` when the holder key is gone;
 *   `ERR_WALLET_VERIFIER_ERROR` when the verifier answers an error.
 */
export async function sharePresentation(parts: WalletParts, preview: SharePreview, options: SharePresentationOptions = {}): Promise<ShareResult> {
  const choices = options.choices ?? {};
  for (const id of Object.keys(choices)) {
    if (!preview.queries.some((q) => q.queryId === id)) throw invalid(`the request has no credential query ${id}`, 'choices');
  }
  const answered = queriesToAnswer(preview, choices);
  const planned: Planned[] = [];
  for (const query of answered) planned.push(await planQuery(preview, query, choices[query.queryId]));

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
  await logSharing(parts, 'shared', preview, planned.map((p) => p.credential), planned.flatMap((p) => p.logPaths));
  return {
    ...(redirectUri ? { redirectUri } : {}),
    shared: planned.map((p) => ({ queryId: p.query.queryId, credentialId: p.credential.id, claimsDisclosed: p.logPaths })),
  };
}

/** The queries to answer: every chosen one, and enough more to satisfy what is required. */
function queriesToAnswer(preview: SharePreview, choices: Readonly<Record<string, ShareChoice>>): CredentialQueryPreview[] {
  if (preview.unsatisfied.length > 0) throw new PassportError('ERR_WALLET_NO_MATCH', `the wallet holds nothing that answers ${preview.unsatisfied.join(', ')}`, { field: 'queries' });
  const byId = new Map(preview.queries.map((q) => [q.queryId, q]));
  const ids = new Set(Object.keys(choices));
  const dcql = isObject(preview.request['dcql_query']) ? preview.request['dcql_query'] : undefined;
  const sets = dcql && Array.isArray(dcql['credential_sets']) ? dcql['credential_sets'].filter(isObject) : undefined;
  if (preview.queryLanguage === 'presentation_definition') {
    const definition = preview.request['presentation_definition'] as Record<string, unknown>;
    const descriptors = (definition['input_descriptors'] as unknown[]).filter(isObject);
    for (const id of SubmissionRequirements.of(definition, descriptorStates(descriptors, preview.queries)).select(ids)) ids.add(id);
  } else if (!sets) {
    for (const q of preview.queries) ids.add(q.queryId);
  } else {
    for (const set of sets) {
      const options = optionsOf(set);
      if (set['required'] === false || options.some((o) => o.every((id) => ids.has(id)))) continue;
      // The first option the wallet can answer, preferring ones the holder already chose from.
      const answerable = options.filter((o) => o.every((id) => (byId.get(id)?.candidates.length ?? 0) > 0));
      const option = answerable.find((o) => o.some((id) => ids.has(id))) ?? answerable[0];
      if (!option) throw new PassportError('ERR_WALLET_NO_MATCH', 'the wallet cannot answer a required credential set', { field: 'credential_sets' });
      for (const id of option) ids.add(id);
    }
  }
  return preview.queries.filter((q) => ids.has(q.queryId));
}

async function planQuery(preview: SharePreview, query: CredentialQueryPreview, choice: ShareChoice | undefined): Promise<Planned> {
  const candidate = choice ? query.candidates.find((c) => c.credential.id === choice.credentialId) : query.candidates[0];
  if (!candidate) {
    if (!choice) throw new PassportError('ERR_WALLET_NO_MATCH', `the wallet holds nothing that answers ${query.queryId}`, { field: query.queryId });
    throw invalid(`${choice.credentialId} does not answer ${query.queryId}`, `choices.${query.queryId}.credentialId`);
  }
  const omit = new Set(choice?.omit ?? []);
  for (const path of omit) {
    if (!candidate.claims.some((c) => c.path === path)) throw invalid(`${path} is not a claim asked for in ${query.queryId}`, `choices.${query.queryId}.omit`);
  }
  const view = await viewCredential(candidate.credential);
  if (!view) throw invalid(`${candidate.credential.id} cannot be presented`, `choices.${query.queryId}.credentialId`);
  const chosen = preview.queryLanguage === 'dcql' ? chooseDcqlClaims(preview, query, view, omit) : choosePeClaims(preview, query, view, omit);
  if (!view.selective && omit.size > 0) {
    throw invalid(`a ${view.credential.format} credential cannot leave claims out: share it whole or not at all`, `choices.${query.queryId}.omit`);
  }
  for (const path of omit) {
    if (candidate.claims.some((c) => c.path === path && c.alwaysShared)) {
      throw invalid(`${path} cannot be left out: the issuer did not make it selectively disclosable, so every presentation of this credential shows it`, `choices.${query.queryId}.omit`);
    }
  }
  // A credential without selective disclosure discloses everything, and the log says so; an
  // SD-JWT discloses what was chosen and the claims its issuer made plain, and the log says that.
  const disclosed = chosen === undefined || !view.selective ? allClaimPaths(view) : [...chosen, ...(view.alwaysDisclosed ?? [])];
  return { query, credential: candidate.credential, disclose: view.selective ? chosen : undefined, logPaths: [...new Set(disclosed.map((p) => logPathOf(view, p)))] };
}

function chooseDcqlClaims(preview: SharePreview, query: CredentialQueryPreview, view: CredentialView, omit: ReadonlySet<string>): ClaimPath[] | undefined {
  const dcql = preview.request['dcql_query'] as Record<string, unknown>;
  const q = (dcql['credentials'] as unknown[]).filter(isObject).find((c) => c['id'] === query.queryId)!;
  const plan = planDcql(q, view);
  if (!plan) throw invalid(`${view.credential.id} does not answer ${query.queryId}`, `choices.${query.queryId}.credentialId`);
  if (plan.whole) {
    if (omit.size > 0) throw invalid(`${query.queryId} asks for the whole credential: nothing can be left out`, `choices.${query.queryId}.omit`);
    return undefined;
  }
  const set = plan.sets.find((s) => s.every((i) => !omit.has(dottedPath(plan.claims[i]!.path))));
  if (!set) throw invalid(`leaving out ${[...omit].join(', ')} would not answer ${query.queryId}: the claims are required`, `choices.${query.queryId}.omit`);
  return set.map((i) => plan.claims[i]!.path);
}

function choosePeClaims(preview: SharePreview, query: CredentialQueryPreview, view: CredentialView, omit: ReadonlySet<string>): ClaimPath[] {
  const definition = preview.request['presentation_definition'] as Record<string, unknown>;
  const descriptor = (definition['input_descriptors'] as unknown[]).filter(isObject).find((d) => d['id'] === query.queryId)!;
  const fields = planDescriptor(descriptor, definition, view);
  if (!fields) throw invalid(`${view.credential.id} does not answer ${query.queryId}`, `choices.${query.queryId}.credentialId`);
  const required = fields.filter((f) => !f.optional && omit.has(dottedPath(f.path)));
  if (required.length > 0) throw invalid(`${required.map((f) => dottedPath(f.path)).join(', ')} is required by ${query.queryId}`, `choices.${query.queryId}.omit`);
  return fields.filter((f) => !omit.has(dottedPath(f.path))).map((f) => f.path);
}

function descriptorEntry(id: string, format: string, path: string, definition: Record<string, unknown>): Record<string, unknown> {
  if (format === 'dc+sd-jwt') {
    // Older verifiers (PE with OpenID4VP drafts) name SD-JWT VC vc+sd-jwt.
    const named = JSON.stringify(definition).includes('"vc+sd-jwt"') ? 'vc+sd-jwt' : 'dc+sd-jwt';
    return { id, format: named, path };
  }
  return { id, format: 'jwt_vp_json', path, path_nested: { id, format: 'jwt_vc_json', path: `${path}.vp.verifiableCredential[0]` } };
}

function invalid(message: string, field: string): PassportError {
  return new PassportError('ERR_WALLET_REQUEST_INVALID', message, { field });
}
