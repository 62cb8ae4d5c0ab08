/** One problem found in a credential document, in plain English and with a stable code. */
export interface SchemaIssue {
  /** Dotted path from the credential root, for example `credentialSubject.training.level`. */
  path: string;
  /** Stable code: the JSON Schema keyword that failed (`required`, `enum`, `format`...), or a rule's code. */
  code: string;
  message: string;
}

/** What an issuer derives from the claims it was given (for example a training expiry). */
export interface DerivedClaims {
  credentialSubject: Record<string, unknown>;
  /** The end of validity the type's rules give, as an ISO date-time. */
  validUntil?: string;
}

/** A rule of a credential type beyond field formats, as documented for people. */
export interface RuleDescription {
  /** The code an issue carries when the rule fails (`required` for conditional requirements). */
  readonly code: string;
  /** The rule in plain English. */
  readonly rule: string;
}

/** A credential type of the catalogue. */
export interface CredentialTypeDefinition {
  /** The VC `type` value, for example `TrainingRecord`. */
  readonly type: string;
  /** URL path segment, for example `training-record`. */
  readonly slug: string;
  readonly version: string;
  /** The JSON Schema's `$id`, used as `credentialSchema.id`. */
  readonly schemaId: string;
  /** The SD-JWT VC `vct` of this type (see `vctFor`). */
  readonly vct: string;
  readonly schema: Readonly<Record<string, unknown>>;
  readonly title: string;
  readonly description: string;
  /** Field labels for wallets and pages, keyed by dotted path under `credentialSubject`. */
  readonly labels: Readonly<Record<string, string>>;
  /** Claims (dotted paths under `credentialSubject`) selectively disclosable by default. */
  readonly disclosable: readonly string[];
  /** The type's rules beyond field formats (conditional requirements and `checkRules`), for docs and pages. */
  readonly rules?: readonly RuleDescription[];
  /** What `derive` fixes (for example "validUntil is the permission expiry"), for docs and pages. */
  readonly derives?: readonly string[];
  /** Rules beyond the schema: problems, with paths from the credential root. */
  readonly checkRules?: (credentialSubject: Record<string, unknown>) => SchemaIssue[];
  /** Derive the claims and validity the type's rules fix; run after a successful validation. */
  readonly derive?: (credentialSubject: Record<string, unknown>) => DerivedClaims;
  /** A valid credential body (no issuer, no dates) with `{holderDid}` where the holder goes. */
  readonly example: Readonly<Record<string, unknown>>;
}
