import { PassportError, isObject } from '@staff-passport/core/browser';
import type { CandidateCredential, CredentialQueryPreview, PreviewClaim } from '../share-preview.js';
import { SubmissionRequirements, type DescriptorState } from './submission-requirements.js';
import { alwaysSharedPaths, dottedPath, isAlwaysDisclosed, logPathOf, selectPath, type ClaimPath, type CredentialView } from './credential-view.js';

/** A PE field a candidate answers: where, and whether the holder may leave it out. */
export interface PeFieldMatch {
  path: ClaimPath;
  optional: boolean;
}

/**
 * Matches stored credentials to a Presentation Exchange 2.0 definition: each input descriptor's
 * `format` and `constraints.fields` (JSONPath alternatives, a `filter` as a small JSON Schema
 * subset: type, const, enum, pattern, contains), `optional: true` fields may be left out.
 * `submission_requirements` (section 7) decide which descriptors are required; without them, all are.
 */
export function matchPresentationDefinition(definition: Record<string, unknown>, views: readonly CredentialView[]): { queries: CredentialQueryPreview[]; unsatisfied: string[] } {
  const descriptors = Array.isArray(definition['input_descriptors']) ? definition['input_descriptors'].filter(isObject) : [];
  if (descriptors.length === 0) throw invalid('the presentation definition has no input_descriptors', 'presentation_definition.input_descriptors');
  const queries = descriptors.map((d): CredentialQueryPreview => {
    if (typeof d['id'] !== 'string') throw invalid('an input descriptor has no id', 'presentation_definition.input_descriptors.id');
    const candidates: CandidateCredential[] = [];
    for (const view of views) {
      const fields = planDescriptor(d, definition, view);
      if (fields) candidates.push({ credential: view.credential, claims: fields.map((f) => previewClaim(view, f)), selective: view.selective, alwaysShared: alwaysSharedPaths(view) });
    }
    const purpose = typeof d['purpose'] === 'string' ? d['purpose'] : typeof d['name'] === 'string' ? d['name'] : undefined;
    return { queryId: d['id'], required: true, ...(purpose ? { purpose } : {}), candidates };
  });
  const requirements = SubmissionRequirements.of(definition, descriptorStates(descriptors, queries));
  const required = requirements.requiredIds();
  return { queries: queries.map((q) => ({ ...q, required: required.has(q.queryId) })), unsatisfied: requirements.unsatisfied() };
}

/** Each descriptor's groups and whether a stored credential answers it, for the submission requirements. */
export function descriptorStates(descriptors: readonly Record<string, unknown>[], queries: readonly CredentialQueryPreview[]): DescriptorState[] {
  return descriptors.map((d, i) => ({
    id: queries[i]!.queryId,
    groups: Array.isArray(d['group']) ? d['group'].filter((g): g is string => typeof g === 'string') : [],
    answerable: queries[i]!.candidates.length > 0,
  }));
}

/** The fields a credential answers for a descriptor (paths from the view's root); undefined when it does not match. */
export function planDescriptor(descriptor: Record<string, unknown>, definition: Record<string, unknown>, view: CredentialView): PeFieldMatch[] | undefined {
  const format = isObject(descriptor['format']) ? descriptor['format'] : isObject(definition['format']) ? definition['format'] : undefined;
  if (format && !Object.keys(format).some((f) => formatFits(f, view))) return undefined;
  const constraints = isObject(descriptor['constraints']) ? descriptor['constraints'] : {};
  const fields = Array.isArray(constraints['fields']) ? constraints['fields'].filter(isObject) : [];
  const matches: PeFieldMatch[] = [];
  for (const field of fields) {
    const paths = Array.isArray(field['path']) ? field['path'].filter((p): p is string => typeof p === 'string') : [];
    const found = findField(paths, field['filter'], view);
    if (found) matches.push({ path: found, optional: field['optional'] === true });
    else if (field['optional'] !== true) return undefined;
  }
  return matches;
}

function findField(paths: string[], filter: unknown, view: CredentialView): ClaimPath | undefined {
  for (const text of paths) {
    const path = parseJsonPath(text);
    if (!path) continue;
    // A JWT VC's fields may be named from the JWT payload ($.vc.credentialSubject...) or the credential.
    const fromRoot = view.payload && path[0] === 'vc' && view.payload !== view.root ? path.slice(1) : path;
    const values = selectPath(view.root, fromRoot);
    if (values.length > 0 && (filter === undefined || values.some((v) => passesFilter(v, filter)))) return fromRoot;
  }
  return undefined;
}

/** `$.a.b[0]`, `$['a']['b']`, `$.a[*]` as path segments; undefined for anything fancier. */
export function parseJsonPath(text: string): ClaimPath | undefined {
  if (!text.startsWith('$')) return undefined;
  const segments: (string | number | null)[] = [];
  const pattern = /\.([A-Za-z_$@#][\w$@#-]*)|\[(\d+)\]|\[\*\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/y;
  pattern.lastIndex = 1;
  while (pattern.lastIndex < text.length) {
    const at = pattern.lastIndex;
    const m = pattern.exec(text);
    if (!m || m.index !== at) return undefined;
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else if (m[3] !== undefined) segments.push(m[3]);
    else if (m[4] !== undefined) segments.push(m[4]);
    else segments.push(null);
  }
  return segments;
}

function passesFilter(value: unknown, filter: unknown): boolean {
  if (!isObject(filter)) return true;
  if (typeof filter['type'] === 'string' && !typeMatches(value, filter['type'])) return false;
  if ('const' in filter && JSON.stringify(filter['const']) !== JSON.stringify(value)) return false;
  if (Array.isArray(filter['enum']) && !filter['enum'].some((e) => JSON.stringify(e) === JSON.stringify(value))) return false;
  if (typeof filter['pattern'] === 'string' && !(typeof value === 'string' && safeRegExp(filter['pattern'])?.test(value))) return false;
  if (filter['contains'] !== undefined && !(Array.isArray(value) && value.some((v) => passesFilter(v, filter['contains'])))) return false;
  return true;
}

function typeMatches(value: unknown, type: string): boolean {
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return isObject(value);
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'null') return value === null;
  return typeof value === type;
}

function safeRegExp(source: string): RegExp | undefined {
  try {
    return new RegExp(source, 'u');
  } catch {
    return undefined;
  }
}

function formatFits(format: string, view: CredentialView): boolean {
  const have = view.credential.format;
  if (format === 'vc+sd-jwt' || format === 'dc+sd-jwt') return have === 'dc+sd-jwt';
  if (format === 'jwt_vc_json' || format === 'jwt_vc' || format === 'jwt_vp_json' || format === 'jwt_vp') return have === 'jwt_vc_json' || have === 'vc+jwt';
  return false;
}

function previewClaim(view: CredentialView, field: PeFieldMatch): PreviewClaim {
  const values = selectPath(view.root, field.path);
  return {
    path: dottedPath(field.path),
    logPath: logPathOf(view, field.path),
    ...(values.length > 0 ? { value: values[0] } : {}),
    required: !field.optional,
    sharedByDefault: true,
    alwaysShared: isAlwaysDisclosed(view, field.path),
  };
}

function invalid(message: string, field: string): PassportError {
  return new PassportError('ERR_WALLET_REQUEST_INVALID', message, { field });
}
