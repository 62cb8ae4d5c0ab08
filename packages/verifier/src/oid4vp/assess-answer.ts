import { isObject, type VerificationCheck } from '@staff-passport/core';
import { VOCAB } from '@staff-passport/schemas';
import { listChecks } from '../verification/list-checks.js';
import type { VerifiedPresentation } from '../verification/verified-credential.js';
import type { InputDescriptor, PresentationDefinition, PresentationField, SubmissionRequirement } from '../profiles/presentation-request-types.js';
import { jsonPathToPointer, pathsOverlap, selectClaims, type PathPointer } from './lib/claims-path.js';
import type { Oid4vpFinding } from './lib/oid4vp-store.js';
import type { AnsweredPresentation } from './parse-vp-token.js';

/** A Credential Query as a wallet or a vector may write it (OpenID4VP 1.0 section 6.1), read loosely. */
export interface LooseCredentialQuery {
  id: string;
  format: string;
  multiple?: boolean;
  meta?: { vct_values?: string[]; type_values?: string[][] } & Record<string, unknown>;
  claims?: { id?: string; path: PathPointer; values?: unknown[] }[];
  claim_sets?: string[][];
}

/** A DCQL query read loosely (OpenID4VP 1.0 section 6). */
export interface LooseDcqlQuery {
  credentials: LooseCredentialQuery[];
  credential_sets?: { options: string[][]; required?: boolean }[];
}

/** The checks of an answer against the query asked, and the findings that are not failures. */
export interface AnswerAssessment {
  checks: VerificationCheck[];
  findings: Oid4vpFinding[];
}

const W3C_TYPES: Record<string, string> = {
  VerifiableCredential: 'https://www.w3.org/2018/credentials#VerifiableCredential',
  VerifiablePresentation: 'https://www.w3.org/2018/credentials#VerifiablePresentation',
};

// The fully expanded types of a W3C credential (OpenID4VP 1.0 appendix B.1.1 `type_values`):
// catalogue terms expand under our vocabulary, as our JSON-LD context defines them.
function expandedTypes(credential: Record<string, unknown>): Set<string> {
  const raw = Array.isArray(credential['type']) ? credential['type'] : [credential['type']];
  return new Set(raw.filter((t): t is string => typeof t === 'string').map((t) => (t.includes(':') ? t : (W3C_TYPES[t] ?? `${VOCAB}${t}`))));
}

/**
 * Whether a credential (its disclosed claims: the SD-JWT VC payload, or the W3C credential) meets a
 * Credential Query: the `meta` (`vct_values` for SD-JWT VC, appendix B.3.5; `type_values` for W3C,
 * appendix B.1.1), and the claims (section 6.3, `values` matching; one of the `claim_sets`
 * when given, section 6.4.1). Undefined when it does, else why not.
 */
export function credentialQueryMismatch(query: LooseCredentialQuery, credential: Record<string, unknown>): string | undefined {
  const meta = query.meta ?? {};
  if (query.format === 'dc+sd-jwt' || query.format === 'vc+sd-jwt') {
    if (meta.vct_values && !meta.vct_values.includes(String(credential['vct']))) return `vct ${String(credential['vct'])} is not one the query asked for`;
  } else if (meta.type_values) {
    const types = expandedTypes(credential);
    if (!meta.type_values.some((set) => set.every((t) => types.has(t)))) return 'the credential is not of a type the query asked for';
  }
  const claims = query.claims ?? [];
  if (claims.length === 0) return undefined;
  const present = (c: (typeof claims)[number]): boolean => {
    const values = selectClaims(credential, c.path);
    return values.length > 0 && (c.values === undefined || values.some((v) => c.values!.includes(v)));
  };
  if (query.claim_sets && query.claim_sets.length > 0) {
    const byId = new Map(claims.map((c) => [c.id, c]));
    return query.claim_sets.some((set) => set.every((id) => byId.has(id) && present(byId.get(id)!))) ? undefined : 'no claim set of the query is disclosed in full';
  }
  const missing = claims.filter((c) => !present(c));
  return missing.length === 0 ? undefined : `claims not disclosed or not matching: ${missing.map((c) => JSON.stringify(c.path)).join(', ')}`;
}

/**
 * The Credential Queries a DCQL query still lacks, given the ids answered (OpenID4VP 1.0 section
 * 6.4.2): each required credential set needs one option answered in full; without credential sets
 * every Credential Query is required. Empty when the query is satisfied.
 */
export function unmetCredentialSets(query: LooseDcqlQuery, answered: ReadonlySet<string>): string[][] {
  const sets = query.credential_sets && query.credential_sets.length > 0 ? query.credential_sets : query.credentials.map((c) => ({ options: [[c.id]], required: true }));
  return sets.filter((s) => s.required !== false && !s.options.some((option) => option.every((id) => answered.has(id)))).map((s) => s.options.flat());
}

function presentationOk(p: VerifiedPresentation): boolean {
  return listChecks(p).every((c) => c.outcome !== 'failed');
}

function extraDisclosures(queryId: string, disclosed: PathPointer[] | undefined, asked: PathPointer[] | undefined): Oid4vpFinding[] {
  if (!disclosed || !asked) return [];
  return disclosed.filter((path) => !asked.some((pointer) => pathsOverlap(path, pointer))).map((path) => ({ kind: 'extra_disclosure' as const, queryId, path }));
}

function assess(
  answered: AnsweredPresentation[],
  presentations: VerifiedPresentation[],
  disclosed: (PathPointer[] | undefined)[],
  matchOne: (queryId: string, credential: Record<string, unknown>) => string | undefined,
  askedPaths: (queryId: string) => PathPointer[] | undefined,
): { checks: VerificationCheck[]; findings: Oid4vpFinding[]; answeredIds: Set<string>; presentedIds: Set<string> } {
  const checks: VerificationCheck[] = [];
  const findings: Oid4vpFinding[] = [];
  const answeredIds = new Set<string>();
  const presentedIds = new Set<string>();
  let offset = 0;
  answered.forEach((a, i) => {
    const p = presentations[i]!;
    const credentials = p.credentials.map((c) => c.credential).filter((c): c is Record<string, unknown> => isObject(c));
    for (const queryId of a.queryIds) {
      presentedIds.add(queryId);
      const reasons = credentials.map((c) => matchOne(queryId, c));
      const matched = reasons.some((r) => r === undefined);
      const at = { credentialIndex: offset + Math.max(0, reasons.indexOf(undefined)) };
      if (matched) checks.push({ check: 'oid4vp.query', outcome: 'passed', message: queryId, ...at });
      else checks.push({ check: 'oid4vp.query', outcome: 'failed', code: 'ERR_VP_QUERY_NOT_SATISFIED', message: `${queryId}: ${reasons.find((r) => r !== undefined) ?? 'no credential in the presentation'}`, ...at });
      if (matched && presentationOk(p)) answeredIds.add(queryId);
      findings.push(...extraDisclosures(queryId, disclosed[i], askedPaths(queryId)));
    }
    offset += p.credentials.length;
  });
  return { checks, findings, answeredIds, presentedIds };
}

/**
 * The check of what is required against what was answered. A required part the person presented
 * nothing for is a partial answer, not a failure: a `not_shared` finding, the check skipped, and
 * the report is on the part shared. A required part whose presentation did not verify or match
 * fails the check.
 */
function requiredCheck(unmet: { ids: string[]; name: string }[], presentedIds: ReadonlySet<string>, message: string): { check: VerificationCheck; findings: Oid4vpFinding[] } {
  if (unmet.length === 0) return { check: { check: 'oid4vp.credential-sets', outcome: 'passed' }, findings: [] };
  const failed = unmet.filter((u) => u.ids.some((id) => presentedIds.has(id)));
  const notShared = unmet.filter((u) => !u.ids.some((id) => presentedIds.has(id)));
  const findings: Oid4vpFinding[] = notShared.map((u) => ({ kind: 'not_shared', queryId: u.name }));
  if (failed.length > 0) {
    return { check: { check: 'oid4vp.credential-sets', outcome: 'failed', code: 'ERR_VP_QUERY_NOT_SATISFIED', message: `${message}${failed.map((u) => u.name).join('; ')}` }, findings };
  }
  return { check: { check: 'oid4vp.credential-sets', outcome: 'skipped', message: `not shared: ${notShared.map((u) => u.name).join('; ')}` }, findings };
}

/**
 * Checks a DCQL answer against the query (OpenID4VP 1.0 section 8.6, step 2b and 3): each
 * presentation meets its Credential Query (`oid4vp.query`), the verified ones satisfy every
 * required credential set (`oid4vp.credential-sets`); SD-JWT claims disclosed beyond those asked
 * are findings (data minimisation), not failures.
 */
export function assessDcqlAnswer(query: LooseDcqlQuery, answered: AnsweredPresentation[], presentations: VerifiedPresentation[], disclosed: (PathPointer[] | undefined)[]): AnswerAssessment {
  const byId = new Map(query.credentials.map((c) => [c.id, c]));
  const { checks, findings, answeredIds, presentedIds } = assess(
    answered,
    presentations,
    disclosed,
    (id, credential) => credentialQueryMismatch(byId.get(id)!, credential),
    (id) => {
      const claims = byId.get(id)?.claims;
      return claims && claims.length > 0 ? claims.map((c) => c.path) : undefined;
    },
  );
  const unmet = unmetCredentialSets(query, answeredIds).map((ids) => ({ ids, name: ids.join(' | ') }));
  const required = requiredCheck(unmet, presentedIds, 'no verified answer for: ');
  return { checks: [...checks, required.check], findings: [...findings, ...required.findings] };
}

function passesFilter(value: unknown, filter: Record<string, unknown> | undefined): boolean {
  if (!filter) return true;
  if (Array.isArray(filter['enum']) && !(filter['enum'] as unknown[]).includes(value)) return false;
  if ('const' in filter && filter['const'] !== value) return false;
  const contains = isObject(filter['contains']) ? filter['contains'] : undefined;
  if (contains && !(Array.isArray(value) && value.some((v: unknown) => passesFilter(v, contains)))) return false;
  return true;
}

function fieldMet(field: PresentationField, credential: Record<string, unknown>): boolean {
  return field.path.some((p) => {
    const pointer = jsonPathToPointer(p);
    return pointer !== undefined && selectClaims(credential, pointer).some((v) => passesFilter(v, field.filter));
  });
}

/** Why a credential does not meet an input descriptor's required fields (Presentation Exchange 2.0), or undefined. */
export function inputDescriptorMismatch(descriptor: InputDescriptor, credential: Record<string, unknown>): string | undefined {
  const unmet = descriptor.constraints.fields.filter((f) => f.optional !== true && !fieldMet(f, credential));
  return unmet.length === 0 ? undefined : `fields not met: ${unmet.map((f) => f.path[0]).join(', ')}`;
}

function requirementMet(req: SubmissionRequirement, answered: ReadonlySet<string>, groups: Map<string, string[]>): boolean {
  const members = req.from !== undefined ? (groups.get(req.from) ?? []).map((id) => answered.has(id)) : (req.from_nested ?? []).map((n) => requirementMet(n, answered, groups));
  const count = members.filter(Boolean).length;
  if (req.rule === 'all') return count === members.length;
  return count >= (req.count ?? req.min ?? 0);
}

/**
 * Checks a Presentation Exchange 2.0 answer against the definition: each presentation meets the
 * input descriptors it is submitted for (`oid4vp.query`), the verified ones satisfy the submission
 * requirements (`oid4vp.credential-sets`; every descriptor when there are none); SD-JWT claims
 * disclosed beyond the descriptor's fields are findings.
 */
export function assessPeAnswer(definition: PresentationDefinition, answered: AnsweredPresentation[], presentations: VerifiedPresentation[], disclosed: (PathPointer[] | undefined)[]): AnswerAssessment {
  const byId = new Map(definition.input_descriptors.map((d) => [d.id, d]));
  const { checks, findings, answeredIds, presentedIds } = assess(
    answered,
    presentations,
    disclosed,
    (id, credential) => inputDescriptorMismatch(byId.get(id)!, credential),
    (id) => byId.get(id)?.constraints.fields.flatMap((f) => f.path.map(jsonPathToPointer).filter((p): p is PathPointer => p !== undefined)),
  );
  const groups = new Map<string, string[]>();
  for (const d of definition.input_descriptors) for (const g of d.group ?? []) groups.set(g, [...(groups.get(g) ?? []), d.id]);
  const requirements = definition.submission_requirements ?? [];
  const idsOf = (r: SubmissionRequirement): string[] => (r.from !== undefined ? (groups.get(r.from) ?? []) : (r.from_nested ?? []).flatMap(idsOf));
  const unmet =
    requirements.length > 0
      ? requirements.filter((r) => !requirementMet(r, answeredIds, groups)).map((r) => ({ ids: idsOf(r), name: r.name ?? r.from ?? 'a submission requirement' }))
      : definition.input_descriptors.filter((d) => !answeredIds.has(d.id)).map((d) => ({ ids: [d.id], name: d.id }));
  const required = requiredCheck(unmet, presentedIds, 'not satisfied: ');
  return { checks: [...checks, required.check], findings: [...findings, ...required.findings] };
}
