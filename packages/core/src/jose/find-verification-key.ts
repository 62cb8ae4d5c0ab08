import { importJWK, type CryptoKey, type JWK } from 'jose';
import type { DIDDocument, Resolvable, VerificationMethod } from 'did-resolver';
import { absoluteMethodId, findListedMethod, type Purpose } from '../did/lib/find-listed-method.js';
import { resolveDidDocument } from '../did/lib/resolve-did-document.js';
import type { ErrorCode } from '../errors/error-codes.js';
import { PassportError } from '../errors/passport-error.js';
import { TtlCache } from '../lib/ttl-cache.js';
import type { SupportedAlg } from './jws-signer.js';

export type { Purpose };

const ALG_FOR_JWK: Record<string, SupportedAlg> = { Ed25519: 'EdDSA', 'P-256': 'ES256' };

// Imported public keys, by JWK: importing is the costly part of a verification after the signature.
const importedKeys = new TtlCache<CryptoKey | Uint8Array>(10_000, 60 * 60_000);

function methodsFor(doc: DIDDocument, purpose: Purpose): VerificationMethod[] {
  // Every method listed for the purpose, embedded or by reference (duplicates counted once).
  const ids = new Set<string>();
  const methods: VerificationMethod[] = [];
  for (const entry of doc[purpose] ?? []) {
    const id = absoluteMethodId(typeof entry === 'string' ? entry : entry.id, doc.id);
    const vm = typeof entry === 'string' ? (doc.verificationMethod ?? []).find((m) => absoluteMethodId(m.id, doc.id) === id) : entry;
    if (vm && !ids.has(id)) {
      ids.add(id);
      methods.push(vm);
    }
  }
  return methods;
}

/** The result of finding the key a JWS names. */
export interface FoundKey {
  key: CryptoKey | Uint8Array;
  alg: SupportedAlg;
}

/**
 * Resolves the DID in a JWS `kid`, checks that the key is listed for the purpose, and imports it.
 * A JWS without `kid` (as `did-jwt-vc` and Veramo sign VC 1.1 JWTs by default) is verified with
 * the DID document's key for the purpose when it lists exactly one (RFC 7515, section 4.1.4:
 * `kid` is OPTIONAL; VC-JOSE-COSE 1.0, section 3.3.1: the issuer's keys are found from `iss`).
 * With several keys and no `kid`, which one signed is ambiguous, and the JWS is refused.
 *
 * @throws PassportError `ERR_DID_*` when the DID does not resolve; the `keyNotFound` code given when the
 *   DID document does not list that key for the purpose (or, without `kid`, lists not exactly one),
 *   or its type does not fit the algorithm.
 */
export async function findVerificationKey(
  resolver: Resolvable,
  did: string,
  kid: string | undefined,
  alg: SupportedAlg,
  purpose: Purpose,
  keyNotFound: ErrorCode,
): Promise<FoundKey> {
  const fullKid = kid === undefined ? undefined : absoluteMethodId(kid, did);
  if (kid !== undefined && !fullKid?.startsWith(`${did}#`)) throw new PassportError(keyNotFound, `kid ${kid} is not a key of ${did}`);
  const doc = await resolveDidDocument(resolver, did);
  let vm: VerificationMethod | undefined;
  if (fullKid === undefined) {
    const candidates = methodsFor(doc, purpose);
    if (candidates.length !== 1) throw new PassportError(keyNotFound, `the JWS names no key (kid) and ${did} lists ${candidates.length} ${purpose} keys, not exactly one`);
    vm = candidates[0];
  } else {
    vm = findListedMethod(doc, fullKid, purpose);
  }
  const name = fullKid ?? vm?.id ?? did;
  if (!vm?.publicKeyJwk) throw new PassportError(keyNotFound, `${did} lists no ${purpose} key ${name} as a JWK`);
  const jwk = vm.publicKeyJwk as JWK;
  if (ALG_FOR_JWK[jwk.crv ?? ''] !== alg) throw new PassportError(keyNotFound, `key ${name} is not a ${alg} key`);
  const cacheKey = `${jwk.crv}:${jwk.x}:${jwk.y ?? ''}`;
  let key = importedKeys.get(cacheKey);
  if (!key) {
    key = await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, ...(jwk.y ? { y: jwk.y } : {}) }, alg);
    importedKeys.set(cacheKey, key);
  }
  return { key, alg };
}
