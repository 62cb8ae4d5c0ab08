import { publicJwkOf } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import { publishedOrgKeys } from './org-keys.js';
import type { Organisation } from './organisation.js';

/** The ODS organisation record URL, named in the DID document's `alsoKnownAs`. */
export function odsUri(odsCode: string): string {
  return `https://directory.spineservices.nhs.uk/ORD/2-0-0/organisations/${odsCode}`;
}

/**
 * The organisation's DID document, as did:web serves it: every published signing key (active, or
 * retired but still needed by a live credential) as a JsonWebKey2020 verification method for
 * assertions, and the ODS code in `alsoKnownAs`.
 */
export async function buildDidDocument(ctx: IssuerContext, org: Organisation): Promise<Record<string, unknown>> {
  const methods = (await publishedOrgKeys(ctx, org)).map((k) => ({
    id: k.verificationMethod,
    type: 'JsonWebKey2020',
    controller: org.did,
    publicKeyJwk: publicJwkOf(k),
  }));
  const ids = methods.map((m) => m.id);
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: org.did,
    alsoKnownAs: [odsUri(org.odsCode)],
    verificationMethod: methods,
    assertionMethod: ids,
    authentication: ids,
  };
}
