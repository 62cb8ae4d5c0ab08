import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Resolvable, VerificationMethod } from 'did-resolver';
import { findListedMethod } from '../../did/lib/find-listed-method.js';
import { resolveDidDocument } from '../../did/lib/resolve-did-document.js';
import type { ErrorCode } from '../../errors/error-codes.js';
import { PassportError } from '../../errors/passport-error.js';
import { isObject } from '../../jose/compact-jws.js';
import { TtlCache } from '../../lib/ttl-cache.js';
import type { ProofPurpose } from '../data-integrity-proof.js';
import { decodeEd25519Multikey } from '../ed25519-multikey.js';

/** The key a proof names, found in its controller's DID document. */
export interface FoundEd25519Key {
  key: KeyObject;
  /** The DID that controls the key (the DID URL without its fragment). */
  controller: string;
}

// Imported public keys by their bytes: importing costs more than an Ed25519 verification.
const importedKeys = new TtlCache<KeyObject>(10_000, 60 * 60_000);

/**
 * The raw Ed25519 public key of a verification method: a `Multikey` (or the older
 * `Ed25519VerificationKey2020`, same encoding) with an `ed25519-pub` `publicKeyMultibase`, or a
 * `JsonWebKey2020` / `JsonWebKey` with an OKP Ed25519 `publicKeyJwk`.
 */
function ed25519Bytes(vm: VerificationMethod): Uint8Array | undefined {
  if ((vm.type === 'Multikey' || vm.type === 'Ed25519VerificationKey2020') && typeof vm.publicKeyMultibase === 'string') {
    return decodeEd25519Multikey(vm.publicKeyMultibase);
  }
  if ((vm.type === 'JsonWebKey2020' || vm.type === 'JsonWebKey') && isObject(vm.publicKeyJwk)) {
    const jwk = vm.publicKeyJwk;
    if (jwk['kty'] !== 'OKP' || jwk['crv'] !== 'Ed25519' || typeof jwk['x'] !== 'string' || 'd' in jwk) return undefined;
    const bytes = Buffer.from(jwk['x'], 'base64url');
    return bytes.length === 32 ? new Uint8Array(bytes) : undefined;
  }
  return undefined;
}

/**
 * Resolves the controller of a verification method (a DID URL), checks that its DID document
 * lists the method for the proof purpose, and imports its Ed25519 key (Controlled Identifiers 1.0,
 * "Retrieve Verification Method").
 *
 * @throws PassportError `ERR_DID_*` when the DID does not resolve; `keyNotFound` when the method
 *   is not a DID URL, is not listed for the purpose, or is not an Ed25519 key.
 */
export async function findEd25519Key(resolver: Resolvable, verificationMethod: string, purpose: ProofPurpose, keyNotFound: ErrorCode): Promise<FoundEd25519Key> {
  const hash = verificationMethod.indexOf('#');
  const did = hash > 0 ? verificationMethod.slice(0, hash) : '';
  if (!/^did:[a-z0-9]+:/.test(did)) throw new PassportError(keyNotFound, `verification method ${verificationMethod} is not a DID URL with a fragment`);
  const vm = findListedMethod(await resolveDidDocument(resolver, did), verificationMethod, purpose);
  if (!vm) throw new PassportError(keyNotFound, `${did} lists no ${purpose} method ${verificationMethod}`);
  if (vm.controller !== undefined && vm.controller !== did) throw new PassportError(keyNotFound, `method ${verificationMethod} is controlled by ${vm.controller}, not ${did}`);
  const bytes = ed25519Bytes(vm);
  if (!bytes) throw new PassportError(keyNotFound, `method ${verificationMethod} (${vm.type}) is not an Ed25519 Multikey or JSON Web Key`);
  const x = Buffer.from(bytes).toString('base64url');
  let key = importedKeys.get(x);
  if (!key) {
    try {
      key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    } catch (cause: unknown) {
      throw new PassportError(keyNotFound, `method ${verificationMethod} holds no usable Ed25519 key`, { cause });
    }
    importedKeys.set(x, key);
  }
  return { key, controller: did };
}
