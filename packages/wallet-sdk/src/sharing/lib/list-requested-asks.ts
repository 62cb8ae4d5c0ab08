import { SD_JWT_VC_ENVELOPE_CLAIMS, isObject } from '@staff-passport/core/browser';
import { CATALOGUE, VOCAB } from '@staff-passport/schemas';
import { parseJsonPath } from './match-presentation-definition.js';

/** What one credential query asks for, as the trust registry names asks: types and subject claims. */
export interface RequestedAsk {
  queryId: string;
  /** Catalogue type names (or the vct / type the request names, when the catalogue has none). */
  types: string[];
  /** Dotted claim paths under credentialSubject; `*` for the whole credential. */
  claims: string[];
}

/** Everything a request can ask for without naming it: the whole credential. */
export const WHOLE_CREDENTIAL = '*';
const ANY_TYPE = 'a credential of any type';

// The members of a W3C credential beside its subject: asking for them is not asking for a claim.
const W3C_ENVELOPE = new Set(['@context', 'id', 'type', 'issuer', 'validFrom', 'validUntil', 'issuanceDate', 'expirationDate', 'credentialStatus', 'credentialSchema', 'proof', 'name', 'description']);

/**
 * The subject claim a request's claim path names, as a dotted path under credentialSubject
 * (array selectors dropped); undefined for the envelope (issuer, type, vct, status...), which is
 * no claim about the person.
 *
 * @example
 * subjectClaimOf(['credentialSubject', 'training', null, 'subject']) // 'training.subject'
 */
export function subjectClaimOf(path: readonly (string | number | null)[]): string | undefined {
  const names = path.filter((s): s is string => typeof s === 'string' && s !== '*');
  if (names[0] === 'vc') names.shift();
  if (names[0] === 'credentialSubject') return names.length > 1 ? names.slice(1).join('.') : WHOLE_CREDENTIAL;
  const first = names[0];
  if (first === undefined || W3C_ENVELOPE.has(first) || (SD_JWT_VC_ENVELOPE_CLAIMS.includes(first) && first !== 'sub')) return undefined;
  return names.join('.');
}

function typeOfVct(vct: string): string {
  return CATALOGUE.find((d) => d.vct === vct)?.type ?? vct;
}

function typeOfW3c(type: string): string | undefined {
  const short = type.startsWith(VOCAB) ? type.slice(VOCAB.length) : type;
  if (short === 'VerifiableCredential' || short.endsWith('#VerifiableCredential')) return undefined;
  return short;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []);
const unique = (values: string[]): string[] => [...new Set(values)];

function dcqlAsk(q: Record<string, unknown>): RequestedAsk {
  const meta = isObject(q['meta']) ? q['meta'] : {};
  const typeValues = Array.isArray(meta['type_values']) ? meta['type_values'].flatMap((option) => strings(option)) : [];
  const types = unique([...strings(meta['vct_values']).map(typeOfVct), ...typeValues.map(typeOfW3c).filter((t): t is string => t !== undefined)]);
  const paths = Array.isArray(q['claims']) ? q['claims'].filter(isObject).map((c) => (Array.isArray(c['path']) ? (c['path'] as (string | number | null)[]) : [])) : [];
  const claims = paths.map(subjectClaimOf).filter((c): c is string => c !== undefined);
  return { queryId: String(q['id']), types: types.length > 0 ? types : [ANY_TYPE], claims: paths.length === 0 ? [WHOLE_CREDENTIAL] : unique(claims) };
}

function peAsk(d: Record<string, unknown>): RequestedAsk {
  const constraints = isObject(d['constraints']) ? d['constraints'] : {};
  const fields = Array.isArray(constraints['fields']) ? constraints['fields'].filter(isObject) : [];
  const types: string[] = [];
  const claims: string[] = [];
  for (const field of fields) {
    const paths = strings(field['path']).map(parseJsonPath).filter((p) => p !== undefined);
    const filter = isObject(field['filter']) ? field['filter'] : {};
    const named = paths.map((p) => p.filter((s) => s !== 'vc').join('.'));
    if (named.includes('vct')) types.push(...[...strings(filter['enum']), ...strings(filter['const'])].map(typeOfVct));
    else if (named.includes('type')) {
      const contains = isObject(filter['contains']) ? filter['contains'] : {};
      types.push(...[...strings(contains['const']), ...strings(filter['const']), ...strings(filter['enum'])].map(typeOfW3c).filter((t): t is string => t !== undefined));
    } else {
      const claim = paths.length > 0 ? subjectClaimOf(paths[0]!) : undefined;
      if (claim !== undefined) claims.push(claim);
    }
  }
  return { queryId: String(d['id']), types: types.length > 0 ? unique(types) : [ANY_TYPE], claims: fields.length === 0 ? [WHOLE_CREDENTIAL] : unique(claims) };
}

/**
 * What a presentation request asks for, query by query, in the trust registry's terms: the
 * credential types (catalogue names from `vct_values`, `type_values`, or a PE descriptor's type
 * field) and the subject claims (dotted paths under credentialSubject). A query without claims (or
 * a descriptor without fields) asks for the whole credential (`*`).
 */
export function listRequestedAsks(params: Record<string, unknown>): RequestedAsk[] {
  const dcql = params['dcql_query'];
  if (isObject(dcql)) return (Array.isArray(dcql['credentials']) ? dcql['credentials'].filter(isObject) : []).map(dcqlAsk);
  const definition = isObject(params['presentation_definition']) ? params['presentation_definition'] : {};
  return (Array.isArray(definition['input_descriptors']) ? definition['input_descriptors'].filter(isObject) : []).map(peAsk);
}
