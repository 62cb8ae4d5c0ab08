import { PassportError, type ErrorCode } from '@staff-passport/core/browser';
import type { JWK } from 'jose';
import type { DidDocument, DidVerificationMethod } from './did-document.js';
import { jwkFromMultikey } from './did-key-jwk.js';
import { resolveDid, type ResolveDidOptions } from './resolve-did.js';

/** Options for {@link findDidKey}. */
export interface FindDidKeyOptions extends ResolveDidOptions {
  /** The code thrown when the key is not found (default `ERR_VC_KEY_NOT_FOUND`). */
  notFoundCode?: ErrorCode;
  /** The DID document's verification relationship the key must be listed under (default any). */
  purpose?: 'authentication' | 'assertionMethod';
}

/**
 * The public JWK of a DID URL (`did:...#fragment`): resolves the DID and takes the verification
 * method with that id (absolute or relative), from `publicKeyJwk` or an Ed25519/P-256
 * `publicKeyMultibase`.
 *
 * @example
 * const jwk = await findDidKey(header.kid, { fetch });
 * @throws PassportError `notFoundCode` when the document has no such key; the DID resolution codes of `resolveDid`.
 */
export async function findDidKey(didUrl: string, options: FindDidKeyOptions): Promise<JWK> {
  const notFound = options.notFoundCode ?? 'ERR_VC_KEY_NOT_FOUND';
  const did = didUrl.split('#')[0]!;
  const doc = await resolveDid(did, options);
  const method = findMethod(doc, didUrl, options.purpose);
  if (!method) throw new PassportError(notFound, `${didUrl} is not a key of ${did}`, { field: 'kid' });
  if (method.publicKeyJwk) return method.publicKeyJwk as JWK;
  if (typeof method.publicKeyMultibase === 'string') return jwkFromMultikey(method.publicKeyMultibase);
  throw new PassportError(notFound, `${didUrl} has no JWK or multibase public key`, { field: 'kid' });
}

function findMethod(doc: DidDocument, didUrl: string, purpose: FindDidKeyOptions['purpose']): DidVerificationMethod | undefined {
  const did = doc.id;
  const absolute = (id: string): string => (id.startsWith('#') ? `${did}${id}` : id);
  // A bare DID (no fragment) names its only key, when it has just one.
  const wanted = didUrl.includes('#') ? didUrl : undefined;
  const listed = purpose ? (doc[purpose] ?? []) : undefined;
  const embedded = (listed ?? []).filter((m): m is DidVerificationMethod => typeof m !== 'string');
  const candidates = [...(doc.verificationMethod ?? []), ...embedded].filter((m) => {
    const id = absolute(m.id);
    if (wanted && id !== wanted) return false;
    return !listed || listed.some((ref) => absolute(typeof ref === 'string' ? ref : ref.id) === id);
  });
  return wanted || candidates.length === 1 ? candidates[0] : undefined;
}
