// How a presentation request is laid out for the holder: one group per thing the verifier asks
// for (a DCQL credential set, OpenID4VP 1.0 section 6.2; or a Presentation Exchange group), each
// with the ways the wallet can answer it. The holder picks one way per group, so two credentials
// answering the same need (the SD-JWT and the JWT of one type) are never both sent.
import { isObject } from '@staff-passport/core/browser';
import type { CredentialQueryPreview, SharePreview } from '@staff-passport/wallet-sdk/browser';

/** One thing the verifier asks for, and the ways this wallet can answer it. */
export interface ShareGroup {
  /** Must be answered (a required credential set or submission requirement). */
  required: boolean;
  /** The answerable options, each one or more credential queries answered together. */
  options: CredentialQueryPreview[][];
  /** Why it is asked, when the request says. */
  purpose?: string;
}

/**
 * The groups of a request, in its order, leaving out what the wallet cannot answer (a required
 * group it cannot answer is in `preview.unsatisfied`, and sharing is refused before this matters).
 *
 * @example
 * const groups = planShareGroups(preview);
 * groups[0].options[0][0].candidates[0].claims; // what the first way would share
 */
export function planShareGroups(preview: SharePreview): ShareGroup[] {
  const byId = new Map(preview.queries.map((q) => [q.queryId, q]));
  const answerable = (option: (CredentialQueryPreview | undefined)[]): option is CredentialQueryPreview[] => option.length > 0 && option.every((q) => q !== undefined && q.candidates.length > 0);
  if (preview.queryLanguage === 'dcql') {
    const dcql = isObject(preview.request['dcql_query']) ? preview.request['dcql_query'] : {};
    const sets = Array.isArray(dcql['credential_sets']) ? dcql['credential_sets'].filter(isObject) : undefined;
    if (!sets) return preview.queries.filter((q) => q.candidates.length > 0).map((q) => ({ required: true, options: [[q]] }));
    return sets
      .map((set): ShareGroup => {
        const options = (Array.isArray(set['options']) ? set['options'] : [])
          .filter((o): o is string[] => Array.isArray(o) && o.every((id) => typeof id === 'string'))
          .map((ids) => ids.map((id) => byId.get(id)))
          .filter(answerable);
        return { required: set['required'] !== false, options, ...(typeof set['purpose'] === 'string' ? { purpose: set['purpose'] } : {}) };
      })
      .filter((g) => g.options.length > 0);
  }
  return presentationExchangeGroups(preview);
}

/** PE 2.0: descriptors grouped by their first `group`; a `pick` rule chooses one, an `all` rule takes the group whole. */
function presentationExchangeGroups(preview: SharePreview): ShareGroup[] {
  const definition = isObject(preview.request['presentation_definition']) ? preview.request['presentation_definition'] : {};
  const descriptors = Array.isArray(definition['input_descriptors']) ? definition['input_descriptors'].filter(isObject) : [];
  const requirements = Array.isArray(definition['submission_requirements']) ? definition['submission_requirements'].filter(isObject) : [];
  const groupOf = (queryId: string): string => {
    const group = descriptors.find((d) => d['id'] === queryId)?.['group'];
    return Array.isArray(group) && typeof group[0] === 'string' ? `group:${group[0]}` : `descriptor:${queryId}`;
  };
  const grouped = new Map<string, CredentialQueryPreview[]>();
  for (const q of preview.queries) grouped.set(groupOf(q.queryId), [...(grouped.get(groupOf(q.queryId)) ?? []), q]);
  const groups: ShareGroup[] = [];
  for (const [key, queries] of grouped) {
    const requirement = requirements.find((r) => `group:${String(r['from'])}` === key);
    const all = requirement?.['rule'] === 'all';
    const needed = all || Number(requirement?.['count'] ?? requirement?.['min'] ?? 0) > 0 || queries.some((q) => q.required);
    const options = all ? (queries.every((q) => q.candidates.length > 0) ? [queries] : []) : queries.filter((q) => q.candidates.length > 0).map((q) => [q]);
    const purpose = typeof requirement?.['purpose'] === 'string' ? requirement['purpose'] : queries[0]?.purpose;
    if (options.length > 0) groups.push({ required: needed, options, ...(purpose ? { purpose } : {}) });
  }
  return groups;
}
