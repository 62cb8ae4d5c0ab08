import { PassportError, isObject } from '@staff-passport/core/browser';
import { VOCAB, getCredentialType } from '@staff-passport/schemas';
import type { CandidateCredential, CredentialQueryPreview, PreviewClaim } from '../share-preview.js';
import { allClaimPaths, alwaysSharedPaths, dottedPath, isAlwaysDisclosed, logPathOf, selectPath, type ClaimPath, type CredentialView } from './credential-view.js';

interface ClaimQuery {
  id?: string;
  path: ClaimPath;
  values?: unknown[];
}

/** How a candidate answers a credential query: its claims and the claim sets it can satisfy. */
export interface DcqlPlan {
  claims: ClaimQuery[];
  /** Satisfiable claim sets, in the verifier's order of preference (indexes into `claims`); one set of all claims when there are no claim_sets. */
  sets: number[][];
  /** No `claims`: the whole credential is asked for. */
  whole: boolean;
}

/**
 * Matches stored credentials to a DCQL query (OpenID4VP 1.0, section 6): format, `meta`
 * (`vct_values`, `type_values`), `claims` with `values`, `claim_sets` (a claim is optional when a
 * satisfiable set leaves it out), and `credential_sets` (a query is required when every option of
 * a required set names it).
 */
export function matchDcql(query: Record<string, unknown>, views: readonly CredentialView[]): { queries: CredentialQueryPreview[]; unsatisfied: string[] } {
  const credentialQueries = Array.isArray(query['credentials']) ? query['credentials'].filter(isObject) : [];
  if (credentialQueries.length === 0) throw invalid('dcql_query has no credentials', 'dcql_query.credentials');
  const sets = Array.isArray(query['credential_sets']) ? query['credential_sets'].filter(isObject) : undefined;
  const queries = credentialQueries.map((q): CredentialQueryPreview => {
    if (typeof q['id'] !== 'string') throw invalid('a credential query has no id', 'dcql_query.credentials.id');
    const candidates: CandidateCredential[] = [];
    for (const view of views) {
      const plan = planDcql(q, view);
      if (plan) candidates.push({ credential: view.credential, claims: previewClaims(view, plan), selective: view.selective, alwaysShared: alwaysSharedPaths(view) });
    }
    return {
      queryId: q['id'],
      ...(typeof q['format'] === 'string' ? { format: q['format'] } : {}),
      required: sets ? sets.some((s) => s['required'] !== false && optionsOf(s).every((o) => o.includes(q['id'] as string))) : true,
      candidates,
    };
  });
  const answerable = new Set(queries.filter((q) => q.candidates.length > 0).map((q) => q.queryId));
  const unsatisfied = sets
    ? sets.filter((s) => s['required'] !== false && !optionsOf(s).some((o) => o.every((id) => answerable.has(id)))).map((s) => optionsOf(s).map((o) => o.join('+')).join('|'))
    : queries.filter((q) => !answerable.has(q.queryId)).map((q) => q.queryId);
  return { queries, unsatisfied };
}

/** The options of a credential set, each a list of credential query ids. */
export function optionsOf(set: Record<string, unknown>): string[][] {
  return Array.isArray(set['options']) ? set['options'].filter((o): o is string[] => Array.isArray(o) && o.every((id) => typeof id === 'string')) : [];
}

/** How a credential answers one credential query; undefined when it does not. */
export function planDcql(q: Record<string, unknown>, view: CredentialView): DcqlPlan | undefined {
  if (!formatMatches(q['format'], view) || !metaMatches(q['meta'], view)) return undefined;
  const claims = readClaims(q['claims']);
  if (claims.length === 0) return { claims: allClaimPaths(view).map((path) => ({ path })), sets: [allClaimPaths(view).map((_, i) => i)], whole: true };
  const satisfied = claims.map((c) => claimSatisfied(c, view));
  const claimSets = q['claim_sets'];
  if (claimSets === undefined) return satisfied.every(Boolean) ? { claims, sets: [claims.map((_, i) => i)], whole: false } : undefined;
  if (!Array.isArray(claimSets)) throw invalid('claim_sets is not an array', 'dcql_query.credentials.claim_sets');
  const byId = new Map(claims.map((c, i) => [c.id, i]));
  const sets: number[][] = [];
  for (const set of claimSets) {
    if (!Array.isArray(set)) throw invalid('a claim set is not an array', 'dcql_query.credentials.claim_sets');
    const indexes = set.map((id) => byId.get(String(id)));
    if (indexes.some((i) => i === undefined)) throw invalid('a claim set names an unknown claim id', 'dcql_query.credentials.claim_sets');
    if ((indexes as number[]).every((i) => satisfied[i])) sets.push(indexes as number[]);
  }
  return sets.length > 0 ? { claims, sets, whole: false } : undefined;
}

function previewClaims(view: CredentialView, plan: DcqlPlan): PreviewClaim[] {
  const used = [...new Set(plan.sets.flat())].sort((a, b) => a - b);
  return used.map((i) => {
    const claim = plan.claims[i]!;
    const values = selectPath(view.root, claim.path);
    return {
      path: dottedPath(claim.path),
      logPath: logPathOf(view, claim.path),
      ...(values.length > 0 ? { value: claim.path.includes(null) ? values : values[0] } : {}),
      required: plan.sets.every((s) => s.includes(i)),
      sharedByDefault: plan.sets[0]!.includes(i) || isAlwaysDisclosed(view, claim.path),
      alwaysShared: isAlwaysDisclosed(view, claim.path),
    };
  });
}

function formatMatches(format: unknown, view: CredentialView): boolean {
  const have = view.credential.format;
  if (format === 'dc+sd-jwt' || format === 'vc+sd-jwt') return have === 'dc+sd-jwt';
  if (format === 'jwt_vc_json') return have === 'jwt_vc_json' || have === 'vc+jwt';
  if (format === 'vc+jwt') return have === 'vc+jwt';
  return false;
}

function metaMatches(meta: unknown, view: CredentialView): boolean {
  if (!isObject(meta)) return true;
  if (Array.isArray(meta['vct_values']) && !(view.vct !== undefined && meta['vct_values'].includes(view.vct))) return false;
  if (Array.isArray(meta['type_values'])) {
    const options = meta['type_values'].filter((t): t is unknown[] => Array.isArray(t));
    const held = expandedTypes(view.types);
    if (!options.some((types) => types.every((t) => typeof t === 'string' && held.has(t)))) return false;
  }
  return true;
}

// W3C credential types as DCQL `type_values` name them: fully expanded IRIs (OpenID4VP 1.0,
// Appendix B.1.1). A browser wallet has no JSON-LD processor, so the terms it can expand are the
// ones it knows: the VC base type and the catalogue's types (the staff passport context maps them
// into VOCAB). The compact names are kept too, for verifiers that send them unexpanded.
const VC_BASE_TYPES: Readonly<Record<string, string>> = {
  VerifiableCredential: 'https://www.w3.org/2018/credentials#VerifiableCredential',
};

function expandedTypes(types: readonly string[]): Set<string> {
  const out = new Set(types);
  for (const t of types) {
    if (VC_BASE_TYPES[t]) out.add(VC_BASE_TYPES[t]);
    else if (getCredentialType(t)) out.add(`${VOCAB}${t}`);
  }
  return out;
}

function readClaims(claims: unknown): ClaimQuery[] {
  if (claims === undefined) return [];
  if (!Array.isArray(claims)) throw invalid('claims is not an array', 'dcql_query.credentials.claims');
  return claims.map((c) => {
    if (!isObject(c) || !Array.isArray(c['path']) || c['path'].length === 0) throw invalid('a claims query has no path', 'dcql_query.credentials.claims.path');
    const path = c['path'] as unknown[];
    if (!path.every((s) => s === null || typeof s === 'string' || (typeof s === 'number' && Number.isInteger(s) && s >= 0))) {
      throw invalid('a claim path holds something other than names, indexes and null', 'dcql_query.credentials.claims.path');
    }
    return {
      ...(typeof c['id'] === 'string' ? { id: c['id'] } : {}),
      path: path as ClaimPath,
      ...(Array.isArray(c['values']) ? { values: c['values'] } : {}),
    };
  });
}

function claimSatisfied(claim: ClaimQuery, view: CredentialView): boolean {
  const found = selectPath(view.root, claim.path);
  if (found.length === 0) return false;
  return !claim.values || found.some((v) => claim.values!.includes(v));
}

function invalid(message: string, field: string): PassportError {
  return new PassportError('ERR_WALLET_REQUEST_INVALID', message, { field });
}
