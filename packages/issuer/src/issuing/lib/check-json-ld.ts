import { PassportError, findUndefinedTerms } from '@staff-passport/core';

/**
 * Checks that a credential of a type not registered is JSON-LD its contexts can process (VC Data
 * Model 2.0, 4.3: a context that redefines a protected term, such as `VerifiableCredential`, or
 * maps a term to something that is not an IRI is an error), before it is signed as a JWT, where
 * nothing else would process it. A context we do not hold cannot be checked and is let through
 * (a JWT is not processed as JSON-LD); terms no context defines are allowed in a JWT. Data
 * Integrity signing makes the full check itself (safe mode).
 *
 * @throws PassportError `ERR_JSONLD_INVALID` naming the JSON-LD error.
 */
export async function checkJsonLd(credential: Record<string, unknown>): Promise<void> {
  try {
    await findUndefinedTerms(credential);
  } catch (err: unknown) {
    if (err instanceof PassportError && err.code === 'ERR_CONTEXT_NOT_BUNDLED') return;
    if (err instanceof PassportError) throw new PassportError(err.code, `the credential is not JSON-LD its contexts can process: ${err.message}`, { field: 'credential.@context', cause: err });
    throw err;
  }
}
