import { ATTRIBUTE_METADATA_LABELS } from '../reference/attribute-metadata.js';
import type { CredentialTypeDefinition, RuleDescription, SchemaIssue } from './catalogue-types.js';
import type { SubjectClaimPath } from './from-schema.js';
import { STAFF_PASSPORT_CONTEXT_V1, VC_CONTEXT_V2, vctFor } from './urls.js';

/** The typed description of a catalogue type, before it joins the (untyped) catalogue. */
export interface CredentialTypeSpec<Subject extends { id: string }> {
  readonly type: string;
  readonly slug: string;
  readonly version: string;
  /** The whole credential schema: `$id`, `title` and `description` are read from it. */
  readonly schema: { readonly $id: string; readonly title: string; readonly description: string };
  /** A label for every claim path (the compiler insists on all of them, and no others). */
  readonly labels: Readonly<Record<SubjectClaimPath<Subject>, string>>;
  readonly disclosable: readonly SubjectClaimPath<Subject>[];
  readonly rules?: readonly RuleDescription[];
  readonly derives?: readonly string[];
  readonly checkRules?: (subject: Subject) => SchemaIssue[];
  readonly derive?: (subject: Subject) => { credentialSubject: Subject; validUntil?: string };
  /** The example subject, `{holderDid}` in `id`: typed, so an example that drifts from the type fails to compile. */
  readonly exampleSubject: Subject;
}

/**
 * Builds a catalogue entry from a typed spec: rules and derivation see the subject as its
 * TypeScript type (the validator has checked it against the schema before either runs), the
 * attribute metadata labels are added, and the example gets its VC envelope.
 *
 * @example
 * export const dbsCheckType = defineCredentialType<DbsCheckSubject>({ type: 'DbsCheck', slug: 'dbs-check', ... });
 */
export function defineCredentialType<Subject extends { id: string }>(spec: CredentialTypeSpec<Subject>): CredentialTypeDefinition {
  // The one place a validated subject is seen as its type: callers run checkRules and derive only
  // after schema validation has passed (see validateCredential and the issuer).
  const asSubject = (s: Record<string, unknown>): Subject => s as unknown as Subject;
  const { checkRules, derive } = spec;
  return {
    type: spec.type,
    slug: spec.slug,
    version: spec.version,
    schemaId: spec.schema.$id,
    vct: vctFor(spec.slug, spec.version),
    schema: spec.schema as unknown as Readonly<Record<string, unknown>>,
    title: spec.schema.title,
    description: spec.schema.description,
    labels: { ...(spec.labels as Readonly<Record<string, string>>), ...ATTRIBUTE_METADATA_LABELS },
    disclosable: spec.disclosable,
    ...(spec.rules ? { rules: spec.rules } : {}),
    ...(spec.derives ? { derives: spec.derives } : {}),
    ...(checkRules ? { checkRules: (s: Record<string, unknown>) => checkRules(asSubject(s)) } : {}),
    ...(derive
      ? {
          derive: (s: Record<string, unknown>) => {
            const d = derive(asSubject(s));
            return { credentialSubject: d.credentialSubject as unknown as Record<string, unknown>, ...(d.validUntil ? { validUntil: d.validUntil } : {}) };
          },
        }
      : {}),
    example: {
      '@context': [VC_CONTEXT_V2, STAFF_PASSPORT_CONTEXT_V1],
      type: ['VerifiableCredential', spec.type],
      credentialSubject: spec.exampleSubject,
    },
  };
}
