import { PassportError, decodeEd25519Multikey, isObject } from '@staff-passport/core';
import type { Resolvable, VerificationMethod } from 'did-resolver';
import { compactVerify, importJWK, type JWK } from 'jose';
import { OID4VCI_LIMITS, PROOF_JWT_TYP } from './oid4vci-settings.js';

/** What a verified key proof binds the credential to. */
export interface ProofKey {
  /** The holder DID: the `kid` DID, or a did:jwk built from the `jwk` header. */
  holderDid: string;
  /** The holder's public key (for SD-JWT VC `cnf.jwk`). */
  holderJwk: Record<string, unknown>;
  /** The c_nonce the proof carries. */
  nonce: string;
}

/** Options for {@link verifyProofJwt}. */
export interface VerifyProofJwtOptions {
  jwt: unknown;
  /** The credential issuer identifier the proof must be addressed to (`aud`). */
  audience: string;
  /** Resolves did:key and did:jwk `kid`s. */
  resolver: Resolvable;
  now: Date;
}

const ALG_CURVE: Record<string, string> = { EdDSA: 'Ed25519', ES256: 'P-256' };

function invalid(message: string, cause?: unknown): PassportError {
  return new PassportError('ERR_PROOF_INVALID', message, { field: 'proofs.jwt', ...(cause === undefined ? {} : { cause }) });
}

function publicJwk(jwk: Record<string, unknown>): Record<string, unknown> {
  const { kty, crv, x, y } = jwk;
  return { kty, crv, x, ...(y === undefined ? {} : { y }) };
}

function jwkOfMethod(vm: VerificationMethod): Record<string, unknown> | undefined {
  if (vm.publicKeyJwk) return publicJwk(vm.publicKeyJwk as Record<string, unknown>);
  const raw = vm.publicKeyMultibase ? decodeEd25519Multikey(vm.publicKeyMultibase) : undefined;
  return raw ? { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') } : undefined;
}

async function keyOfKid(resolver: Resolvable, kid: string): Promise<{ did: string; jwk: Record<string, unknown> }> {
  const did = kid.split('#')[0]!;
  if (!/^did:(key|jwk):[A-Za-z0-9._:%-]+#.+$/.test(kid)) throw invalid('kid must be a did:key or did:jwk DID URL naming a key');
  let methods: VerificationMethod[] = [];
  try {
    const { didDocument } = await resolver.resolve(did);
    methods = didDocument?.verificationMethod ?? [];
  } catch (err: unknown) {
    throw invalid(`${did} could not be resolved`, err);
  }
  const fragment = kid.slice(did.length);
  const vm = methods.find((m) => m.id === kid || m.id === fragment);
  const jwk = vm ? jwkOfMethod(vm) : undefined;
  if (!jwk) throw invalid(`${did} has no key ${fragment}`);
  return { did, jwk };
}

/**
 * Verifies a key proof of type `jwt` (OpenID4VCI 1.0, Appendix F.1): `typ`
 * `openid4vci-proof+jwt`, `alg` EdDSA or ES256, exactly one of `kid` (a did:key or did:jwk DID
 * URL) and `jwk` (public), the signature, `aud` the credential issuer, `iat` within the allowed
 * window, and a `nonce`. Whether the nonce is current is the caller's to check (it is used up).
 *
 * @throws PassportError `ERR_PROOF_INVALID`
 */
export async function verifyProofJwt(options: VerifyProofJwtOptions): Promise<ProofKey> {
  if (typeof options.jwt !== 'string') throw invalid('a jwt proof must be a compact JWS');
  const parts = options.jwt.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) throw invalid('a jwt proof must be a compact JWS');
  let header: unknown;
  let payload: unknown;
  try {
    header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch (err: unknown) {
    throw invalid('the proof header or payload is not JSON', err);
  }
  if (!isObject(header) || !isObject(payload)) throw invalid('the proof header and payload must be JSON objects');
  if (header['typ'] !== PROOF_JWT_TYP) throw invalid(`the proof typ must be ${PROOF_JWT_TYP}`);
  const alg = header['alg'];
  if (typeof alg !== 'string' || !(alg in ALG_CURVE)) throw invalid('the proof alg must be EdDSA or ES256');
  const given = ['kid', 'jwk', 'x5c'].filter((k) => header[k] !== undefined);
  if (given.length !== 1 || given[0] === 'x5c') throw invalid('the proof header must name its key with exactly one of kid (did:key, did:jwk) or jwk');

  let holderDid: string;
  let holderJwk: Record<string, unknown>;
  if (header['jwk'] !== undefined) {
    const jwk = header['jwk'];
    if (!isObject(jwk) || jwk['d'] !== undefined || typeof jwk['x'] !== 'string') throw invalid('the proof jwk must be a public key');
    holderJwk = publicJwk(jwk);
    holderDid = `did:jwk:${Buffer.from(JSON.stringify(holderJwk)).toString('base64url')}`;
  } else {
    if (typeof header['kid'] !== 'string') throw invalid('the proof kid must be a DID URL');
    ({ did: holderDid, jwk: holderJwk } = await keyOfKid(options.resolver, header['kid']));
  }
  if (holderJwk['crv'] !== ALG_CURVE[alg]) throw invalid(`the proof key is not a ${alg} key`);

  try {
    const key = await importJWK(holderJwk as JWK, alg);
    await compactVerify(options.jwt, key, { algorithms: [alg] });
  } catch (err: unknown) {
    throw invalid('the proof signature does not verify', err);
  }

  const aud = payload['aud'];
  if (!(aud === options.audience || (Array.isArray(aud) && aud.includes(options.audience)))) throw invalid(`the proof aud must be ${options.audience}`);
  const iat = payload['iat'];
  const nowSeconds = options.now.getTime() / 1000;
  if (typeof iat !== 'number' || !Number.isFinite(iat)) throw invalid('the proof needs iat');
  if (iat > nowSeconds + OID4VCI_LIMITS.proofFutureSkewSeconds || iat < nowSeconds - OID4VCI_LIMITS.proofMaxAgeSeconds) throw invalid('the proof iat is outside the accepted window');
  const nonce = payload['nonce'];
  if (typeof nonce !== 'string' || nonce.length === 0) {
    // Section 8.3.1.2: a proof lacking the c_nonce is invalid_proof; invalid_nonce is for a stale one.
    throw invalid('the proof needs the c_nonce from the nonce endpoint');
  }
  return { holderDid, holderJwk, nonce };
}
