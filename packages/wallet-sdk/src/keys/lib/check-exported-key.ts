import { PassportError } from '@staff-passport/core/browser';
import type { ExportedHolderKey, HolderKey } from '../key-store.js';
import { algOfJwk, holderDidFor, publicJwkOf } from './holder-did.js';

/**
 * The public half of an exported key, after checking that its DID and kid are the ones its public
 * key names (so an edited export cannot make a key sign as another DID).
 *
 * @throws PassportError `ERR_WALLET_EXPORT_INVALID`.
 */
export function checkExportedKey(exported: ExportedHolderKey): HolderKey {
  const alg = algOfJwk(exported.publicJwk ?? {});
  const method = exported.did?.startsWith('did:jwk:') ? 'did:jwk' : 'did:key';
  const named = alg ? holderDidFor(exported.publicJwk, method) : undefined;
  if (!alg || alg !== exported.alg || named?.did !== exported.did || named.kid !== exported.kid || typeof exported.privateJwk?.d !== 'string') {
    throw new PassportError('ERR_WALLET_EXPORT_INVALID', `the exported key for ${String(exported.did)} does not match its DID`, { field: 'keys' });
  }
  return { did: exported.did, kid: exported.kid, alg, publicJwk: publicJwkOf(exported.publicJwk), createdAt: exported.createdAt };
}
