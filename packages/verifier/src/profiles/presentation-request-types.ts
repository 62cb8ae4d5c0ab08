// The shapes of what `buildPresentationRequest` answers: a DCQL query (OpenID4VP 1.0 section 6)
// and a DIF Presentation Exchange 2.0 presentation definition.

/** A claims path pointer (OpenID4VP 1.0 section 7): keys, `null` for every array item, indexes. */
export type ClaimsPathPointer = (string | number | null)[];

/** A Claims Query (OpenID4VP 1.0 section 6.3). */
export interface DcqlClaimsQuery {
  id?: string;
  path: ClaimsPathPointer;
  values?: (string | number | boolean)[];
}

/** The Credential Format Identifiers the request can ask for (OpenID4VP 1.0 appendix B). */
export type RequestFormat = 'dc+sd-jwt' | 'jwt_vc_json' | 'ldp_vc';

/** A Credential Query (OpenID4VP 1.0 section 6.1). */
export interface DcqlCredentialQuery {
  id: string;
  format: RequestFormat;
  multiple?: boolean;
  /** `vct_values` for SD-JWT VC (appendix B.3.5), `type_values` for W3C VCs (appendix B.1.1). */
  meta: { vct_values: string[] } | { type_values: string[][] };
  claims?: DcqlClaimsQuery[];
  claim_sets?: string[][];
}

/** A Credential Set Query (OpenID4VP 1.0 section 6.2). */
export interface DcqlCredentialSetQuery {
  options: string[][];
  required?: boolean;
}

/** A DCQL query (OpenID4VP 1.0 section 6). */
export interface DcqlQuery {
  credentials: DcqlCredentialQuery[];
  credential_sets?: DcqlCredentialSetQuery[];
}

/** A field of an input descriptor's constraints (Presentation Exchange 2.0, Input Descriptor Object). */
export interface PresentationField {
  path: string[];
  filter?: Record<string, unknown>;
  optional?: boolean;
  name?: string;
}

/** An input descriptor (Presentation Exchange 2.0). */
export interface InputDescriptor {
  id: string;
  name?: string;
  purpose?: string;
  group?: string[];
  format: Record<string, Record<string, string[]>>;
  constraints: { limit_disclosure?: 'required' | 'preferred'; fields: PresentationField[] };
}

/** A submission requirement (Presentation Exchange 2.0, Submission Requirement Feature). */
export interface SubmissionRequirement {
  name?: string;
  purpose?: string;
  rule: 'all' | 'pick';
  count?: number;
  min?: number;
  max?: number;
  from?: string;
  from_nested?: SubmissionRequirement[];
}

/** A presentation definition (Presentation Exchange 2.0). */
export interface PresentationDefinition {
  id: string;
  name?: string;
  purpose?: string;
  input_descriptors: InputDescriptor[];
  submission_requirements?: SubmissionRequirement[];
}

/** What a verifier sends a wallet for a profile: both query languages, one meaning. */
export interface PresentationRequest {
  dcql_query: DcqlQuery;
  presentation_definition: PresentationDefinition;
}
