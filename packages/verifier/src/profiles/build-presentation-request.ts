import { CSTF_SUBJECTS, VOCAB, getCredentialType, type CstfLevel } from '@staff-passport/schemas';
import type { AcceptedCredential, CheckProfile, ProfileRequirement, TrainingRule } from './check-profile.js';
import { claimShape, vctValuesOf } from './lib/catalogue-claims.js';
import type {
  ClaimsPathPointer,
  DcqlClaimsQuery,
  DcqlCredentialQuery,
  DcqlCredentialSetQuery,
  InputDescriptor,
  PresentationField,
  PresentationRequest,
  RequestFormat,
  SubmissionRequirement,
} from './presentation-request-types.js';

/** Options of {@link buildPresentationRequest}. */
export interface BuildPresentationRequestOptions {
  /** The formats the verifier accepts, in order of preference (default: SD-JWT VC, then VC-JOSE as `jwt_vc_json`). */
  formats?: readonly RequestFormat[];
  /** Signature algorithms accepted for credentials and key binding (default EdDSA and ES256). */
  algs?: readonly string[];
}

const SUFFIX: Readonly<Record<RequestFormat, string>> = { 'dc+sd-jwt': 'sd', jwt_vc_json: 'jwt', ldp_vc: 'ldp' };

/** One credential the request asks for: a requirement's accepted type in one format (one subject, for training records). */
interface Ask {
  id: string;
  requirement: ProfileRequirement;
  accept: AcceptedCredential;
  format: RequestFormat;
  /** Claim values the wallet should match (OpenID4VP 1.0 section 6.3 `values`), by claim path. */
  values: Map<string, (string | number)[]>;
  multiple: boolean;
}

// SD-JWT VC puts the subject's claims at the top level of the payload (SD-JWT VC section 3.2);
// W3C VCs keep them under credentialSubject (OpenID4VP 1.0 appendix B.1: paths match from the
// root of the credential).
function pointer(format: RequestFormat, type: string, path: string): ClaimsPathPointer {
  const segments: ClaimsPathPointer = [];
  const arrayAfter = new Set(claimShape(type, path)?.arrayAfter ?? []);
  const parts = path.split('.');
  parts.forEach((part, i) => {
    segments.push(part);
    if (arrayAfter.has(i) && i < parts.length - 1) segments.push(null);
  });
  return format === 'dc+sd-jwt' ? segments : ['credentialSubject', ...segments];
}

function jsonPaths(format: RequestFormat, type: string, path: string): string[] {
  const toJsonPath = (p: ClaimsPathPointer) => `$${p.map((s) => (s === null ? '[*]' : typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')}`;
  const p = pointer(format, type, path);
  // A VC Data Model 1.1 JWT keeps the credential under `vc` (Presentation Exchange 2.0 allows
  // several paths, the first that matches is used).
  return format === 'jwt_vc_json' ? [toJsonPath(p), toJsonPath(['vc', ...p])] : [toJsonPath(p)];
}

const claimId = (path: string) => path.replace(/\./g, '_');

/** The levels that meet a minimum for a subject (those the CSTF defines for it). */
function levelsFrom(subject: TrainingRule['subjects'][number]['subject'], minimum: CstfLevel): number[] {
  return ([1, 2, 3] as const).filter((l) => l >= minimum && CSTF_SUBJECTS[subject].refresherMonths[l] !== undefined);
}

function asksFor(requirement: ProfileRequirement, formats: readonly RequestFormat[]): Ask[] {
  const asks: Ask[] = [];
  const rule = requirement.rule;
  for (const accept of requirement.accepts) {
    const slug = (getCredentialType(accept.type)?.slug ?? accept.type).replace(/-/g, '_');
    const multiple = accept.type === 'EmploymentReference';
    for (const format of formats) {
      if (rule.kind === 'training' && accept.type === 'TrainingRecord') {
        // One credential query per subject, so the wallet can pick the record of each.
        for (const s of rule.subjects) {
          const values = new Map<string, (string | number)[]>([['training.subject', [s.subject]]]);
          if (accept.claims.includes('training.level')) values.set('training.level', levelsFrom(s.subject, s.level));
          asks.push({ id: `${requirement.id}__${s.subject}__${SUFFIX[format]}`, requirement, accept, format, values, multiple: false });
        }
      } else {
        asks.push({ id: `${requirement.id}__${slug}__${SUFFIX[format]}`, requirement, accept, format, values: new Map(), multiple });
      }
    }
  }
  return asks;
}

function credentialQuery(ask: Ask): DcqlCredentialQuery {
  const { accept, format } = ask;
  const claims: DcqlClaimsQuery[] = accept.claims.map((path) => {
    const values = ask.values.get(path);
    return { id: claimId(path), path: pointer(format, accept.type, path), ...(values ? { values } : {}) };
  });
  // Claims not every credential of the type has (a List A right to work has no permission
  // expiry) would make a wallet return nothing (section 6.4.1): the second claim set asks only
  // for the claims every credential has, the first (preferred) for all.
  const always = accept.claims.filter((path) => claimShape(accept.type, path)?.alwaysPresent === true).map(claimId);
  const claimSets = always.length > 0 && always.length < claims.length ? { claim_sets: [claims.map((c) => c.id as string), always] } : {};
  const meta = format === 'dc+sd-jwt' ? { vct_values: vctValuesOf(accept.type) } : { type_values: [[`${VOCAB}${accept.type}`]] };
  return { id: ask.id, format, ...(ask.multiple ? { multiple: true } : {}), meta, claims, ...claimSets };
}

function inputDescriptor(ask: Ask, group: string, algs: string[]): InputDescriptor {
  const { accept, format, requirement } = ask;
  const typeField: PresentationField =
    format === 'dc+sd-jwt'
      ? { path: ['$.vct'], filter: { type: 'string', enum: vctValuesOf(accept.type) } }
      : { path: format === 'jwt_vc_json' ? ['$.type', '$.vc.type'] : ['$.type'], filter: { type: 'array', contains: { const: accept.type } } };
  const fields: PresentationField[] = [
    typeField,
    ...accept.claims.map((path) => {
      const values = ask.values.get(path);
      const optional = claimShape(accept.type, path)?.alwaysPresent !== true;
      return { path: jsonPaths(format, accept.type, path), ...(values ? { filter: { enum: values } } : {}), ...(optional ? { optional: true } : {}) };
    }),
  ];
  const formatEntry: Record<RequestFormat, Record<string, string[]>> = {
    'dc+sd-jwt': { 'sd-jwt_alg_values': algs, 'kb-jwt_alg_values': algs },
    jwt_vc_json: { alg: algs },
    ldp_vc: { proof_type: ['DataIntegrityProof'] },
  };
  return {
    id: ask.id,
    name: requirement.title,
    purpose: requirement.title,
    group: [group],
    format: { [format]: formatEntry[format] },
    // Only SD-JWT can limit what it discloses; asking a JWT VC to would make a conformant wallet
    // return nothing (Presentation Exchange 2.0, Input Descriptor Object, limit_disclosure).
    constraints: { ...(format === 'dc+sd-jwt' ? { limit_disclosure: 'required' as const } : {}), fields },
  };
}

/**
 * The presentation request for a profile, in both query languages: a DCQL query (OpenID4VP 1.0
 * section 6) and a Presentation Exchange 2.0 presentation definition. Each requirement becomes
 * credential queries (one per accepted type and format; one per CSTF subject for training
 * records) asking only for the claims the profile lists, and one credential set (DCQL) or
 * submission requirement (PE) whose options are the alternatives: another format, another type,
 * or training records subject by subject against one training summary. A requirement with
 * `required: false` is an optional set. The wallet is asked; the evaluation still checks
 * everything it receives.
 *
 * @example
 * const { dcql_query, presentation_definition } = buildPresentationRequest(getProfile('registered-nurse-band-5-acute'));
 */
export function buildPresentationRequest(profile: CheckProfile, options: BuildPresentationRequestOptions = {}): PresentationRequest {
  const formats = options.formats && options.formats.length > 0 ? [...new Set(options.formats)] : (['dc+sd-jwt', 'jwt_vc_json'] as RequestFormat[]);
  const algs = [...(options.algs ?? ['EdDSA', 'ES256'])];
  const credentials: DcqlCredentialQuery[] = [];
  const credentialSets: DcqlCredentialSetQuery[] = [];
  const descriptors: InputDescriptor[] = [];
  const submission: SubmissionRequirement[] = [];

  for (const requirement of profile.requirements) {
    const asks = asksFor(requirement, formats);
    credentials.push(...asks.map(credentialQuery));
    const optional = requirement.required ? {} : { required: false };
    const pick = requirement.required ? { rule: 'pick' as const, count: 1 } : { rule: 'pick' as const, min: 0, max: 1 };
    if (requirement.rule.kind === 'training') {
      // Alternatives: one summary, or one record per subject (all in the same format).
      const summaryAsks = asks.filter((a) => a.accept.type === 'TrainingSummary');
      const recordsByFormat = formats.map((f) => asks.filter((a) => a.accept.type === 'TrainingRecord' && a.format === f)).filter((g) => g.length > 0);
      credentialSets.push({ options: [...summaryAsks.map((a) => [a.id]), ...recordsByFormat.map((g) => g.map((a) => a.id))], ...optional });
      const nested: SubmissionRequirement[] = [];
      if (summaryAsks.length > 0) {
        const group = `${requirement.id}__summary`;
        descriptors.push(...summaryAsks.map((a) => inputDescriptor(a, group, algs)));
        nested.push({ rule: 'pick', count: 1, from: group });
      }
      for (const g of recordsByFormat) {
        const group = `${requirement.id}__records__${SUFFIX[g[0]!.format]}`;
        descriptors.push(...g.map((a) => inputDescriptor(a, group, algs)));
        nested.push({ rule: 'all', from: group });
      }
      submission.push({ name: requirement.title, ...pick, from_nested: nested });
    } else {
      credentialSets.push({ options: asks.map((a) => [a.id]), ...optional });
      descriptors.push(...asks.map((a) => inputDescriptor(a, requirement.id, algs)));
      submission.push({ name: requirement.title, ...pick, from: requirement.id });
    }
  }

  const ids = new Set(credentials.map((c) => c.id));
  if (ids.size !== credentials.length) throw new Error(`credential query ids collide in profile ${profile.id}`);
  return {
    dcql_query: { credentials, credential_sets: credentialSets },
    presentation_definition: {
      id: `${profile.id}@${profile.version}`,
      name: profile.title,
      purpose: profile.purpose,
      input_descriptors: descriptors,
      submission_requirements: submission,
    },
  };
}
