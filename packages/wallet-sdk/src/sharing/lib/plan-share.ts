import { PassportError, isObject } from '@staff-passport/core/browser';
import type { StoredCredential } from '../../stores/credential-store.js';
import type { CredentialQueryPreview, ShareChoice, SharePreview } from '../share-preview.js';
import { allClaimPaths, dottedPath, logPathOf, viewCredential, type ClaimPath, type CredentialView } from './credential-view.js';
import { optionsOf, planDcql } from './match-dcql.js';
import { descriptorStates, planDescriptor } from './match-presentation-definition.js';
import { SubmissionRequirements } from './submission-requirements.js';

/** One credential a share presents, and exactly what leaves the device with it. */
export interface PlannedShare {
  query: CredentialQueryPreview;
  credential: StoredCredential;
  /** undefined: the whole credential. */
  disclose: ClaimPath[] | undefined;
  /** Every claim disclosed (asked for, chosen, or always shared), as the sharing log records it. */
  logPaths: string[];
  /** The claims asked for in the query, as log paths (the others in `logPaths` were not asked for). */
  askedPaths: string[];
}

/**
 * What a share would send, credential by credential, without sending it: the queries answered
 * (every chosen one, and enough more to meet what is required; with `partial`, only what the
 * wallet holds), the credential chosen for each and every claim that leaves the device.
 *
 * @throws PassportError `ERR_WALLET_NO_MATCH`, `ERR_WALLET_REQUEST_INVALID` (a bad choice).
 */
export async function planShare(preview: SharePreview, choices: Readonly<Record<string, ShareChoice>>, partial: boolean): Promise<PlannedShare[]> {
  for (const id of Object.keys(choices)) {
    if (!preview.queries.some((q) => q.queryId === id)) throw invalid(`the request has no credential query ${id}`, 'choices');
  }
  const planned: PlannedShare[] = [];
  for (const query of queriesToAnswer(preview, choices, partial)) planned.push(await planQuery(preview, query, choices[query.queryId]));
  return planned;
}

/** The queries to answer: every chosen one, and enough more to satisfy what is required. */
function queriesToAnswer(preview: SharePreview, choices: Readonly<Record<string, ShareChoice>>, partial: boolean): CredentialQueryPreview[] {
  if (preview.unsatisfied.length > 0 && !partial) throw new PassportError('ERR_WALLET_NO_MATCH', `the wallet holds nothing that answers ${preview.unsatisfied.join(', ')}`, { field: 'queries' });
  const byId = new Map(preview.queries.map((q) => [q.queryId, q]));
  const ids = new Set(Object.keys(choices));
  const dcql = isObject(preview.request['dcql_query']) ? preview.request['dcql_query'] : undefined;
  const sets = dcql && Array.isArray(dcql['credential_sets']) ? dcql['credential_sets'].filter(isObject) : undefined;
  if (preview.queryLanguage === 'presentation_definition') {
    const definition = preview.request['presentation_definition'] as Record<string, unknown>;
    const descriptors = (definition['input_descriptors'] as unknown[]).filter(isObject);
    for (const id of SubmissionRequirements.of(definition, descriptorStates(descriptors, preview.queries)).select(ids)) ids.add(id);
  } else if (!sets) {
    for (const q of preview.queries) if (!partial || q.candidates.length > 0) ids.add(q.queryId);
  } else {
    for (const set of sets) {
      const options = optionsOf(set);
      if (set['required'] === false || options.some((o) => o.every((id) => ids.has(id)))) continue;
      // The first option the wallet can answer, preferring ones the holder already chose from.
      const answerable = options.filter((o) => o.every((id) => (byId.get(id)?.candidates.length ?? 0) > 0));
      const option = answerable.find((o) => o.some((id) => ids.has(id))) ?? answerable[0];
      if (!option) {
        // A partial share leaves out what the wallet cannot answer; the verifier reports on the rest.
        if (partial) continue;
        throw new PassportError('ERR_WALLET_NO_MATCH', 'the wallet cannot answer a required credential set', { field: 'credential_sets' });
      }
      for (const id of option) ids.add(id);
    }
  }
  const answered = preview.queries.filter((q) => ids.has(q.queryId) && (!partial || q.candidates.length > 0));
  if (answered.length === 0) throw new PassportError('ERR_WALLET_NO_MATCH', 'the wallet holds nothing that answers the request', { field: 'queries' });
  return answered;
}

async function planQuery(preview: SharePreview, query: CredentialQueryPreview, choice: ShareChoice | undefined): Promise<PlannedShare> {
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
  return {
    query,
    credential: candidate.credential,
    disclose: view.selective ? chosen : undefined,
    logPaths: [...new Set(disclosed.map((p) => logPathOf(view, p)))],
    askedPaths: candidate.claims.map((c) => c.logPath),
  };
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


function invalid(message: string, field: string): PassportError {
  return new PassportError('ERR_WALLET_REQUEST_INVALID', message, { field });
}
