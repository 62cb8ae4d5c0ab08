import { createCredentialValidator, type CredentialTypeDefinition, type CredentialValidator } from '@staff-passport/schemas';

/**
 * Compiled validators of registered types, one per published version, kept by the issuer
 * context: a version never changes once published, so a compiled one never goes stale, and every
 * instance compiles each version once however many credentials of it are issued.
 */
export class TypeValidatorCache {
  readonly #validators = new Map<string, CredentialValidator>();

  /**
   * The validator of a registered version (compiled on first use).
   *
   * @throws Error when the schema does not compile (checked when it was published).
   */
  validatorFor(definition: CredentialTypeDefinition): CredentialValidator {
    let validator = this.#validators.get(definition.schemaId);
    if (!validator) {
      validator = createCredentialValidator([definition]);
      this.#validators.set(definition.schemaId, validator);
    }
    return validator;
  }
}
