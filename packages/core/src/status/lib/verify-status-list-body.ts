import type { Resolvable } from 'did-resolver';
import { PassportError } from '../../errors/passport-error.js';
import { isObject } from '../../lib/is-object.js';
import { extractEnvelopedJwt } from '../../jose/extract-enveloped.js';
import { VC_JWT_MEDIA_TYPE } from '../../jose/vc-jwt-media-type.js';
import { verifyStatusListJws } from './verify-status-list-jws.js';

/** What the issuer of the credential whose status is checked is, and how its keys are found. */
export interface StatusListSigner {
  issuerDid: string;
  resolver: Resolvable;
  now: Date;
  clockSkewSeconds: number;
  /**
   * Verifies a list secured with a Data Integrity proof (JSON-LD canonicalisation: Node only);
   * without it such a list is not read (`ERR_STATUS_LIST_INVALID`), as in browsers.
   */
  verifyDataIntegrityList?: VerifyDataIntegrityList;
}

/** Verifies a status list credential with a Data Integrity proof and returns it. */
export type VerifyDataIntegrityList = (document: Record<string, unknown>, signer: StatusListSigner) => Promise<Record<string, unknown>>;


/**
 * Verifies a fetched `BitstringStatusListCredential` however it is secured (Bitstring Status List
 * v1.0, section 3.6 leaves the securing mechanism to the issuer): a VC-JOSE compact JWT, an
 * `EnvelopedVerifiableCredential` carrying one, or the credential with a Data Integrity proof
 * (`eddsa-rdfc-2022`, when `signer.verifyDataIntegrityList` is given). Either way it must be secured by a key the issuer's DID lists for assertions.
 *
 * @returns the status list credential, once verified.
 * @throws PassportError `ERR_STATUS_LIST_INVALID` for a body that is none of these,
 *   `ERR_STATUS_LIST_SIGNATURE_INVALID` for a list not secured by the issuer.
 */
export async function verifyStatusListBody(body: string, signer: StatusListSigner): Promise<Record<string, unknown>> {
  const text = body.trim();
  if (!text.startsWith('{')) return (await verifyJwtList(text, signer)).payload;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (cause: unknown) {
    throw new PassportError('ERR_STATUS_LIST_INVALID', 'the status list is neither a JWT nor JSON', { cause });
  }
  if (isObject(parsed) && parsed['proof'] !== undefined) {
    if (!signer.verifyDataIntegrityList) throw new PassportError('ERR_STATUS_LIST_INVALID', 'status lists secured with a Data Integrity proof are not read here');
    return signer.verifyDataIntegrityList(parsed, signer);
  }
  const jwt = extractEnvelopedJwt(parsed, VC_JWT_MEDIA_TYPE);
  if (!jwt) throw new PassportError('ERR_STATUS_LIST_INVALID', 'the status list is neither secured as a VC-JOSE JWT nor with a Data Integrity proof');
  return (await verifyJwtList(jwt, signer)).payload;
}

function verifyJwtList(jwt: string, signer: StatusListSigner): ReturnType<typeof verifyStatusListJws> {
  return verifyStatusListJws(jwt, {
    issuerDid: signer.issuerDid,
    resolver: signer.resolver,
    acceptsType: (typ) => typ === undefined || typ === 'vc+jwt' || typ === VC_JWT_MEDIA_TYPE,
  });
}
