import { PassportError, findUndefinedTerms, type DocumentLoader } from '@staff-passport/core';

/**
 * Checks that a credential of a type not registered is JSON-LD its contexts can process (VC Data
 * Model 2.0, 4.3: a context that redefines a protected term, such as `VerifiableCredential`, or
 * maps a term to something that is not an IRI is an error), before it is signed as a JWT, where
 * nothing else would process it. A context we do not hold cannot be checked and is let through
 * (a JWT is not processed as JSON-LD); properties no context defines are allowed in a JWT, but
 * not types (4.5: a type term must map to a URL). Data Integrity signing makes the full check
 * itself (safe mode).
 *
 * @throws PassportError `ERR_JSONLD_INVALID` naming the JSON-LD error, `ERR_VCDM_TYPE_INVALID`.
 */
export async function checkJsonLd(credential: Record<string, unknown>, documentLoader: DocumentLoader): Promise<void> {
  let drops: Awaited<ReturnType<typeof findUndefinedTerms>>;
  try {
    drops = await findUndefinedTerms(credential, { documentLoader });
  } catch (err: unknown) {
    if (err instanceof PassportError && err.code === 'ERR_CONTEXT_NOT_BUNDLED') return;
    if (err instanceof PassportError) throw new PassportError(err.code, `the credential is not JSON-LD its contexts can process: ${err.message}`, { field: 'credential.@context', cause: err });
    throw err;
  }
  // 4.5: a type that is a term must be mapped to a URL by @context.
  const unmapped = drops.find((d) => d.code === 'relative @type reference');
  if (unmapped) throw new PassportError('ERR_VCDM_TYPE_INVALID', `the type ${unmapped.term} is a term no @context maps to a URL (VC Data Model 2.0, 4.5)`, { field: 'credential.type' });
}
