/**
 * The stable namespace of staff-passport identifiers. Schemas and the context are published at
 * these URLs; the issuer also serves them under the same paths on its own host.
 */
export const NAMESPACE = 'https://w3id.org/staff-passport';
export const VC_CONTEXT_V2 = 'https://www.w3.org/ns/credentials/v2';
export const VC_CONTEXT_V1 = 'https://www.w3.org/2018/credentials/v1';
export const STAFF_PASSPORT_CONTEXT_V1 = `${NAMESPACE}/contexts/v1`;
export const VOCAB = `${NAMESPACE}/vocab#`;

/** The `$id` of a credential type's schema at a version. */
export function schemaIdFor(slug: string, version: string): string {
  return `${NAMESPACE}/schemas/${slug}/${version}`;
}

/**
 * The SD-JWT VC type (`vct`, SD-JWT VC section 3.2.2.1.1) of a catalogue type at a version: a URL
 * under our namespace, distinct from the JSON Schema's `$id` because a vct names type metadata.
 */
export function vctFor(slug: string, version: string): string {
  return `${NAMESPACE}/vct/${slug}/${version}`;
}
