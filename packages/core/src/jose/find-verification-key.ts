import { importJWK, type CryptoKey, type JWK } from 'jose';
import type { DIDDocument, Resolvable, VerificationMethod } from 'did-resolver';
import type { ErrorCode } from '../errors/error-codes.js';
import { PassportError } from '../errors/passport-error.js';
import { TtlCache } from '../lib/ttl-cache.js';
import type { SupportedAlg } from './jws-signer.js';

/** Which verification relationship a key must be listed under. */
export type Purpose = 'assertionMethod' | 'authentication';

const ALG_FOR_JWK: Record<string, SupportedAlg> = { Ed25519: 'EdDSA', 'P-256': 'ES256' };

// Imported public keys, by JWK: importing is the costly part of a verification after the signature.
const importedKeys = new TtlCache<CryptoKey | Uint8Array>(10_000, 60 * 60_000);

function absolute(id: string, did: string): string {
  return id.startsWith('#') ? `${did}${id}` : id;
}

function methodFor(doc: DIDDocument, kid: string, purpose: Purpose): VerificationMethod | undefined {
  const listed = (doc[purpose] ?? []).some((entry) => absolute(typeof entry === 'string' ? entry : entry.id, doc.id) === kid);
  if (!listed) return undefined;
  const embedded = (doc[purpose] ?? []).find((e): e is VerificationMethod => typeof e !== 'string' && absolute(e.id, doc.id) === kid);
  return embedded ?? (doc.verificationMethod ?? []).find((vm) => absolute(vm.id, doc.id) === kid);
}

/** The result of finding the key a JWS names. */
export interface FoundKey {
  key: CryptoKey | Uint8Array;
  alg: SupportedAlg;
}

/**
 * Resolves the DID in a JWS `kid`, checks that the key is listed for the purpose, and imports it.
 *
 * @throws PassportError `ERR_DID_*` when the DID does not resolve; the `keyNotFound` code given when the
 *   DID document does not list that key for the purpose, or its type does not fit the algorithm.
 */
export async function findVerificationKey(
  resolver: Resolvable,
  did: string,
  kid: string,
  alg: SupportedAlg,
  purpose: Purpose,
  keyNotFound: ErrorCode,
): Promise<FoundKey> {
  const fullKid = absolute(kid, did);
  if (!fullKid.startsWith(`${did}#`)) throw new PassportError(keyNotFound, `kid ${kid} is not a key of ${did}`);
  const resolution = await resolver.resolve(did);
  if (!resolution.didDocument) {
    const meta = resolution.didResolutionMetadata as { code?: ErrorCode; error?: string; message?: string };
    const code: ErrorCode = meta.code ?? (meta.error === 'unsupportedDidMethod' ? 'ERR_DID_METHOD_UNSUPPORTED' : 'ERR_DID_UNRESOLVABLE');
    throw new PassportError(code, meta.message ?? `${did} could not be resolved (${meta.error ?? 'unknown error'})`);
  }
  const vm = methodFor(resolution.didDocument, fullKid, purpose);
  if (!vm?.publicKeyJwk) throw new PassportError(keyNotFound, `${did} lists no ${purpose} key ${fullKid}`);
  const jwk = vm.publicKeyJwk as JWK;
  if (ALG_FOR_JWK[jwk.crv ?? ''] !== alg) throw new PassportError(keyNotFound, `key ${fullKid} is not a ${alg} key`);
  const cacheKey = `${jwk.crv}:${jwk.x}:${jwk.y ?? ''}`;
  let key = importedKeys.get(cacheKey);
  if (!key) {
    key = await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, ...(jwk.y ? { y: jwk.y } : {}) }, alg);
    importedKeys.set(cacheKey, key);
  }
  return { key, alg };
}
