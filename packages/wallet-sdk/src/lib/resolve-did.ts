import { PassportError, didWebToUrl, isObject } from '@staff-passport/core/browser';
import { base64url, type JWK } from 'jose';
import type { DidDocument, DidVerificationMethod } from './did-document.js';
import { jwkFromMultikey } from './did-key-jwk.js';
import { httpRequest } from './http-request.js';

/** Options for {@link resolveDid}. */
export interface ResolveDidOptions {
  /** The network, for did:web. */
  fetch: typeof globalThis.fetch;
  /**
   * Resolve did:web on a loopback host (127.x, localhost, [::1]) over plain http. Off by default:
   * only tests and local demos serve DID documents that way.
   */
  allowHttpLoopback?: boolean;
}

const LOOPBACK_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

/**
 * Resolves a DID to its DID document, in Node and browsers: did:key (Ed25519, P-256), did:jwk
 * (generated documents) and did:web (fetched with the injected fetch, https only unless the host is
 * loopback and `allowHttpLoopback` is set). A DID URL's fragment or query is ignored.
 *
 * @example
 * const doc = await resolveDid('did:web:hospital.example.nhs.uk', { fetch });
 * @throws PassportError `ERR_DID_INVALID`, `ERR_DID_METHOD_UNSUPPORTED`, `ERR_DID_NOT_FOUND` or `ERR_DID_UNRESOLVABLE`.
 */
export async function resolveDid(didOrUrl: string, options: ResolveDidOptions): Promise<DidDocument> {
  const did = didOrUrl.split(/[#?]/)[0]!;
  if (did.startsWith('did:key:')) return didKeyDocument(did);
  if (did.startsWith('did:jwk:')) return didJwkDocument(did);
  if (did.startsWith('did:web:')) return didWebDocument(did, options);
  throw new PassportError('ERR_DID_METHOD_UNSUPPORTED', `cannot resolve ${did}: only did:key, did:jwk and did:web are supported`, { field: 'did' });
}

/**
 * The https (or loopback http) URL of a did:web document (did:web spec, "Read"): core's
 * `didWebToUrl`, over plain http only for a loopback host when allowed.
 *
 * @throws PassportError `ERR_DID_INVALID`
 */
export function didWebUrl(did: string, allowHttpLoopback = false): string {
  const url = didWebToUrl(did);
  return allowHttpLoopback && LOOPBACK_HOST.test(new URL(url).host) ? didWebToUrl(did, 'http:') : url;
}

function didKeyDocument(did: string): DidDocument {
  const multibase = did.slice('did:key:'.length);
  const jwk = jwkFromMultikey(multibase);
  return signingDocument(did, `${did}#${multibase}`, jwk);
}

function didJwkDocument(did: string): DidDocument {
  let jwk: unknown;
  try {
    jwk = JSON.parse(new TextDecoder().decode(base64url.decode(did.slice('did:jwk:'.length))));
  } catch (err: unknown) {
    throw new PassportError('ERR_DID_INVALID', `${did} does not carry a JSON JWK`, { field: 'did', cause: err });
  }
  if (!isObject(jwk) || typeof jwk['kty'] !== 'string' || 'd' in jwk) throw new PassportError('ERR_DID_INVALID', `${did} does not carry a public JWK`, { field: 'did' });
  return signingDocument(did, `${did}#0`, jwk as JWK);
}

function signingDocument(did: string, vmId: string, jwk: JWK): DidDocument {
  const method: DidVerificationMethod = { id: vmId, type: 'JsonWebKey2020', controller: did, publicKeyJwk: jwk as JWK };
  return { id: did, verificationMethod: [method], authentication: [vmId], assertionMethod: [vmId] };
}

async function didWebDocument(did: string, options: ResolveDidOptions): Promise<DidDocument> {
  const url = didWebUrl(did, options.allowHttpLoopback ?? false);
  const answer = await httpRequest(options.fetch, url, { errorCode: 'ERR_DID_UNRESOLVABLE', what: `the DID document of ${did}` });
  if (answer.status === 404) throw new PassportError('ERR_DID_NOT_FOUND', `no DID document at ${url}`, { field: 'did' });
  if (!answer.ok || !isObject(answer.body)) throw new PassportError('ERR_DID_UNRESOLVABLE', `${url} answered ${answer.status} without a DID document`, { field: 'did' });
  if (answer.body['id'] !== did) throw new PassportError('ERR_DID_UNRESOLVABLE', `the document at ${url} is for ${String(answer.body['id'])}, not ${did}`, { field: 'did' });
  return answer.body as unknown as DidDocument;
}
