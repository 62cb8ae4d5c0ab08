import { PassportError, decodeEd25519Multikey } from '@staff-passport/core';
import type { Resolvable, VerificationMethod } from 'did-resolver';

function jwkOf(vm: VerificationMethod): Record<string, unknown> | undefined {
  if (vm.publicKeyJwk) {
    const { kty, crv, x, y } = vm.publicKeyJwk as Record<string, unknown>;
    return { kty, crv, x, ...(y === undefined ? {} : { y }) };
  }
  const raw = vm.publicKeyMultibase ? decodeEd25519Multikey(vm.publicKeyMultibase) : undefined;
  return raw ? { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') } : undefined;
}

/**
 * The holder's public key for SD-JWT VC holder binding (`cnf.jwk`), from the holder's did:key or
 * did:jwk (`credentialSubject.id`): the first key listed for authentication.
 *
 * @throws PassportError `ERR_REQUEST_INVALID` (field `credential.credentialSubject.id`) when the DID
 *   does not resolve to a usable key; send `options.holderJwk` instead.
 */
export async function resolveHolderJwk(resolver: Resolvable, did: unknown): Promise<Record<string, unknown>> {
  const field = 'credential.credentialSubject.id';
  if (typeof did !== 'string' || !/^did:(key|jwk):/.test(did)) {
    throw new PassportError('ERR_REQUEST_INVALID', 'SD-JWT VC needs the holder key: a did:key or did:jwk subject, or options.holderJwk', { field });
  }
  const { didDocument } = await resolver.resolve(did);
  const methods = didDocument?.verificationMethod ?? [];
  const ref = didDocument?.authentication?.[0];
  const id = typeof ref === 'string' ? ref : ref?.id;
  const vm = methods.find((m) => m.id === id || `${did}${m.id}` === id) ?? methods[0];
  const jwk = vm ? jwkOf(vm) : undefined;
  if (!jwk) throw new PassportError('ERR_REQUEST_INVALID', `no usable public key in ${did}`, { field });
  return jwk;
}
