import { presentSdJwt, webCryptoSha256, type JwsSigner } from '@staff-passport/core/browser';
import { signJwt } from '../../lib/sign-jwt.js';
import type { StoredCredential } from '../../stores/credential-store.js';
import { dottedPath, type ClaimPath } from './credential-view.js';

/** What a presentation is for: the verifier's client_id and nonce. */
export interface PresentationAudience {
  clientId: string;
  nonce: string;
  now: Date;
}

/**
 * One presentation of a stored credential (OpenID4VP 1.0, appendix B): an SD-JWT with only the
 * chosen Disclosures and a KB-JWT (aud the client_id, nonce, sd_hash), or a VP JWT signed by the
 * holder around a JWT credential (aud the client_id, nonce). `disclose` undefined: everything.
 */
export async function buildPresentation(credential: StoredCredential, disclose: readonly ClaimPath[] | undefined, signer: JwsSigner, audience: PresentationAudience): Promise<string> {
  const iat = Math.floor(audience.now.getTime() / 1000);
  if (credential.format === 'dc+sd-jwt') {
    return presentSdJwt({
      sdJwt: credential.raw as string,
      disclose: disclose === undefined ? () => true : disclose.map(dottedPath),
      kb: { aud: audience.clientId, nonce: audience.nonce, iat, signer },
      hasher: webCryptoSha256,
    });
  }
  const jti = `urn:uuid:${globalThis.crypto.randomUUID()}`;
  if (credential.format === 'vc+jwt') {
    // VC-JOSE (VCDM 2.0): the presentation is the JWT payload; credentials enveloped as data: URLs.
    return signJwt(signer, { typ: 'vp+jwt', cty: 'vp' }, {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      holder: credential.holder,
      verifiableCredential: [{ '@context': 'https://www.w3.org/ns/credentials/v2', type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${credential.raw as string}` }],
      iss: credential.holder,
      aud: audience.clientId,
      nonce: audience.nonce,
      iat,
      exp: iat + 300,
    });
  }
  // jwt_vc_json: a VCDM 1.1 VP JWT (JWT VC Presentation Profile), the credential JWT as it is.
  return signJwt(signer, { typ: 'JWT' }, {
    iss: credential.holder,
    aud: audience.clientId,
    nonce: audience.nonce,
    jti,
    nbf: iat,
    iat,
    exp: iat + 300,
    vp: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiablePresentation'], holder: credential.holder, verifiableCredential: [credential.raw as string] },
  });
}
