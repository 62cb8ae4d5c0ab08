import { PassportError, isObject } from '@staff-passport/core';
import { classifyPresentation } from '../verification/classify-presentation.js';
import type { PresentationInput } from '../verification/verification-input.js';
import type { DcqlQuery, PresentationDefinition, RequestFormat } from '../profiles/presentation-request-types.js';

/** One presentation of a VP Token, with the queries it answers. */
export interface AnsweredPresentation {
  /** The DCQL Credential Query id, or the PE input descriptor ids, this presentation answers. */
  queryIds: string[];
  /** The format the query asked for. */
  format: RequestFormat;
  input: PresentationInput;
}

const MAX_PRESENTATIONS = 50;
// The presentation kind each credential format is presented as (OpenID4VP 1.0 appendix B).
const PRESENTED_AS: Record<RequestFormat, PresentationInput['format']> = { 'dc+sd-jwt': 'dc+sd-jwt', jwt_vc_json: 'vp+jwt', ldp_vc: 'ldp_vp' };
// Presentation Exchange descriptor formats (older drafts' names too) and the query format they answer.
const PE_FORMATS: Record<string, RequestFormat> = {
  'dc+sd-jwt': 'dc+sd-jwt',
  'vc+sd-jwt': 'dc+sd-jwt',
  jwt_vp_json: 'jwt_vc_json',
  jwt_vp: 'jwt_vc_json',
  jwt_vc_json: 'jwt_vc_json',
  ldp_vp: 'ldp_vc',
  ldp_vc: 'ldp_vc',
};

function invalid(message: string, field: string): PassportError {
  return new PassportError('ERR_VP_RESPONSE_INVALID', message, { field });
}

function parseJson(text: string, field: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause: unknown) {
    throw new PassportError('ERR_VP_RESPONSE_INVALID', `${field} is not JSON`, { field, cause });
  }
}

function classify(value: unknown, format: RequestFormat, field: string): PresentationInput {
  let input: PresentationInput;
  try {
    input = classifyPresentation(value, field);
  } catch (cause: unknown) {
    throw new PassportError('ERR_VP_RESPONSE_INVALID', `${field} is not a presentation we read`, { field, cause });
  }
  if (input.format !== PRESENTED_AS[format]) throw invalid(`${field} is not a ${format} presentation`, field);
  return input;
}

/**
 * Reads a DCQL `vp_token` (OpenID4VP 1.0 section 8.1): a JSON object whose keys are Credential
 * Query ids of the request and whose values are non-empty arrays of presentations (exactly one
 * unless the query has `multiple: true`), each of the format the query asked for.
 *
 * @throws PassportError `ERR_VP_RESPONSE_INVALID` naming the field at fault.
 */
export function parseDcqlVpToken(query: DcqlQuery, vpToken: string): AnsweredPresentation[] {
  const token = parseJson(vpToken, 'vp_token');
  if (!isObject(token) || Array.isArray(token)) throw invalid('vp_token must be a JSON object keyed by credential query id', 'vp_token');
  const queries = new Map(query.credentials.map((c) => [c.id, c]));
  const answered: AnsweredPresentation[] = [];
  for (const [id, value] of Object.entries(token)) {
    const field = `vp_token.${id}`;
    const credentialQuery = queries.get(id);
    if (!credentialQuery) throw invalid(`${id} is not a credential query of this request`, field);
    if (!Array.isArray(value) || value.length === 0) throw invalid(`${field} must be a non-empty array of presentations`, field);
    if (value.length > 1 && credentialQuery.multiple !== true) throw invalid(`${field} must hold one presentation (the query does not allow multiple)`, field);
    value.forEach((p: unknown, i) => answered.push({ queryIds: [id], format: credentialQuery.format, input: classify(p, credentialQuery.format, `${field}[${i}]`) }));
  }
  if (answered.length === 0) throw invalid('vp_token holds no presentation', 'vp_token');
  if (answered.length > MAX_PRESENTATIONS) throw invalid(`vp_token holds more than ${MAX_PRESENTATIONS} presentations`, 'vp_token');
  return answered;
}

function pathIndex(path: unknown, count: number, field: string): number {
  if (path === '$' && count === 1) return 0;
  const match = typeof path === 'string' ? /^\$\[(\d+)\]$/.exec(path) : null;
  const index = match ? Number(match[1]) : -1;
  if (index < 0 || index >= count) throw invalid(`${field} does not point at a presentation of the vp_token`, field);
  return index;
}

/**
 * Reads a Presentation Exchange 2.0 answer (OpenID4VP drafts before 1.0): a `vp_token` that is one
 * presentation or a JSON array of them, and a `presentation_submission` whose `descriptor_map`
 * points each input descriptor of the definition at one of them (`$` or `$[n]`).
 *
 * @throws PassportError `ERR_VP_RESPONSE_INVALID` naming the field at fault.
 */
export function parsePeVpToken(definition: PresentationDefinition, vpToken: string, submissionText: string | undefined): AnsweredPresentation[] {
  if (submissionText === undefined) throw invalid('presentation_submission is missing', 'presentation_submission');
  const submission = parseJson(submissionText, 'presentation_submission');
  if (!isObject(submission) || !Array.isArray(submission['descriptor_map']) || submission['descriptor_map'].length === 0) {
    throw invalid('presentation_submission must have a non-empty descriptor_map', 'presentation_submission');
  }
  if (submission['definition_id'] !== definition.id) throw invalid('presentation_submission is for another presentation definition', 'presentation_submission.definition_id');
  const trimmed = vpToken.trim();
  const parsed: unknown = trimmed.startsWith('[') || trimmed.startsWith('{') || trimmed.startsWith('"') ? parseJson(trimmed, 'vp_token') : trimmed;
  const token: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
  if (token.length === 0 || token.length > MAX_PRESENTATIONS) throw invalid(`vp_token must hold 1 to ${MAX_PRESENTATIONS} presentations`, 'vp_token');
  const descriptors = new Map(definition.input_descriptors.map((d) => [d.id, d]));
  const byIndex = new Map<number, AnsweredPresentation>();
  (submission['descriptor_map'] as unknown[]).forEach((entry, i) => {
    const field = `presentation_submission.descriptor_map[${i}]`;
    if (!isObject(entry) || typeof entry['id'] !== 'string' || typeof entry['format'] !== 'string') throw invalid(`${field} must have an id, a format and a path`, field);
    const descriptor = descriptors.get(entry['id']);
    if (!descriptor) throw invalid(`${entry['id']} is not an input descriptor of this request`, `${field}.id`);
    const format = PE_FORMATS[entry['format']];
    if (!format || !Object.hasOwn(descriptor.format, format)) throw invalid(`${field}.format is not a format the input descriptor asked for`, `${field}.format`);
    const index = pathIndex(entry['path'], token.length, `${field}.path`);
    const known = byIndex.get(index);
    if (known) {
      if (known.format !== format) throw invalid(`${field} gives another format for the same presentation`, `${field}.format`);
      if (!known.queryIds.includes(descriptor.id)) known.queryIds.push(descriptor.id);
    } else {
      byIndex.set(index, { queryIds: [descriptor.id], format, input: classify(token[index], format, `vp_token[${index}]`) });
    }
  });
  if (byIndex.size !== token.length) throw invalid('every presentation of the vp_token must be named in the descriptor_map', 'presentation_submission.descriptor_map');
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, p]) => p);
}
