import type { DIDDocument, Resolvable } from 'did-resolver';
import type { ErrorCode } from '../../errors/error-codes.js';
import { PassportError } from '../../errors/passport-error.js';

/**
 * The DID document of an issuer or holder, for finding the key of a proof: one resolution and one
 * mapping of its failure to codes for every format (VC-JOSE, VC 1.1 JWT, SD-JWT VC, Data Integrity).
 *
 * @throws PassportError the resolver's code, `ERR_DID_METHOD_UNSUPPORTED` or `ERR_DID_UNRESOLVABLE`.
 */
export async function resolveDidDocument(resolver: Resolvable, did: string): Promise<DIDDocument> {
  const resolution = await resolver.resolve(did);
  if (!resolution.didDocument) {
    const meta = resolution.didResolutionMetadata as { code?: ErrorCode; error?: string; message?: string };
    const code: ErrorCode = meta.code ?? (meta.error === 'unsupportedDidMethod' ? 'ERR_DID_METHOD_UNSUPPORTED' : 'ERR_DID_UNRESOLVABLE');
    throw new PassportError(code, meta.message ?? `${did} could not be resolved (${meta.error ?? 'unknown error'})`);
  }
  return resolution.didDocument;
}
