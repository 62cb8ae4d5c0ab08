import { NAMESPACE, STAFF_PASSPORT_CONTEXT_V1, VC_CONTEXT_V2, type CredentialTypeDefinition } from '@staff-passport/schemas';

/**
 * The `@context` a credential of a type gets when the caller gives none: the catalogue's types
 * have our context; a registered type has no context document, so its terms are put under its
 * schema's URL (`@vocab`), which keeps Data Integrity signing (JSON-LD in safe mode) possible.
 */
export function defaultContextOf(definition: Pick<CredentialTypeDefinition, 'schemaId'>): unknown[] {
  return definition.schemaId.startsWith(`${NAMESPACE}/`) ? [VC_CONTEXT_V2, STAFF_PASSPORT_CONTEXT_V1] : [VC_CONTEXT_V2, { '@vocab': `${definition.schemaId}#` }];
}
