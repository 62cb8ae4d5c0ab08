import { PassportError, signVcJose, envelopeCredential, type SupportedAlg } from '@staff-passport/core';
import type { CredentialTypeDefinition } from '@staff-passport/schemas';
import type { IssuerContext } from '../issuer-context.js';
import { getOrgSigner } from '../organisations/org-keys.js';
import type { Organisation } from '../organisations/organisation.js';
import type { StatusSlot } from '../status/status-list-store.js';

/** The formats the issuer secures credentials in (OpenID4VCI credential format identifiers where they exist). */
export const CREDENTIAL_FORMATS = ['vc+jwt', 'dc+sd-jwt', 'jwt_vc_json', 'ldp_vc'] as const;
export type CredentialFormat = (typeof CREDENTIAL_FORMATS)[number];

/** What to secure. */
export interface SecureInput {
  credential: Record<string, unknown>;
  definition: CredentialTypeDefinition;
  format: CredentialFormat;
  alg: SupportedAlg;
  slot: StatusSlot;
  holderJwk?: Record<string, unknown>;
}

/** A secured credential: as the VC API answers it, and as a string for hashing and delivery. */
export interface SecuredCredential {
  /** The VC API `verifiableCredential`: an `EnvelopedVerifiableCredential` for JWT formats, the signed document for `ldp_vc`. */
  verifiableCredential: Record<string, unknown>;
  /** The compact JWT / SD-JWT, or the JSON of a Data Integrity credential. */
  encoded: string;
  /** The Veramo kid of the key that signed (kept so a retired key stays published while needed). */
  signingKid: string;
}

function kidOf(verificationMethod: string): string {
  return verificationMethod.slice(verificationMethod.indexOf('#') + 1);
}

/**
 * Secures a credential in a format with the organisation's active key of the algorithm asked.
 *
 * @throws PassportError `ERR_FORMAT_UNSUPPORTED`
 */
export async function secureCredential(ctx: IssuerContext, org: Organisation, input: SecureInput): Promise<SecuredCredential> {
  switch (input.format) {
    case 'vc+jwt': {
      const signer = await getOrgSigner(ctx, org, input.alg);
      const jwt = await signVcJose({ credential: input.credential, signer });
      return { verifiableCredential: { ...envelopeCredential(jwt) }, encoded: jwt, signingKid: kidOf(signer.kid) };
    }
    default:
      throw new PassportError('ERR_FORMAT_UNSUPPORTED', `${input.format} is not issued yet`, { field: 'options.format' });
  }
}
