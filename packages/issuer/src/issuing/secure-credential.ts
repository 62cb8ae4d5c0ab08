import {
  PassportError,
  issueSdJwtVc,
  signDataIntegrity,
  signVcJose,
  signVcJwtV1,
  toSdJwtVcClaims,
  toVcDm11,
  type JwsSigner,
  type SupportedAlg,
} from '@staff-passport/core';
import type { CredentialTypeDefinition } from '@staff-passport/schemas';
import type { IssuerContext } from '../issuer-context.js';
import { getOrgDataIntegritySigner, getOrgSigner as getAgentSigner } from '../organisations/org-keys.js';
import type { Organisation } from '../organisations/organisation.js';
import type { StatusSlot } from '../store/status-list-store.js';
import { tokenStatusClaimFor } from '../status/status-urls.js';
import { envelopeOf } from './lib/envelope-of.js';
import { resolveHolderJwk } from './resolve-holder-jwk.js';

/** The formats the issuer secures credentials in (OpenID4VCI credential format identifiers where they exist). */
export const CREDENTIAL_FORMATS = ['vc+jwt', 'dc+sd-jwt', 'jwt_vc_json', 'ldp_vc'] as const;
export type CredentialFormat = (typeof CREDENTIAL_FORMATS)[number];

/** What to secure. */
export interface SecureInput {
  credential: Record<string, unknown>;
  /** The catalogue or registered type (needed for SD-JWT VC: its vct and disclosable claims). */
  definition?: CredentialTypeDefinition;
  format: CredentialFormat;
  alg: SupportedAlg;
  slot: StatusSlot;
  holderJwk?: Record<string, unknown>;
  /** Where the JWS signer comes from (default: the organisation's agent-held key); bulk jobs sign on worker threads with it. */
  signerFor?: OrgSignerSource;
}

/** Gives the signer of an organisation's active key for an algorithm (see `getOrgSigner`). */
export type OrgSignerSource = (ctx: IssuerContext, org: Organisation, alg: SupportedAlg) => Promise<JwsSigner>;

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
  const getOrgSigner = input.signerFor ?? getAgentSigner;
  switch (input.format) {
    case 'vc+jwt': {
      const signer = await getOrgSigner(ctx, org, input.alg);
      const jwt = await signVcJose({ credential: input.credential, signer });
      return { verifiableCredential: envelopeOf('application/vc+jwt', jwt), encoded: jwt, signingKid: kidOf(signer.kid) };
    }
    case 'dc+sd-jwt': {
      if (!input.definition) throw new PassportError('ERR_FORMAT_UNSUPPORTED', 'an SD-JWT VC needs a catalogue or registered type', { field: 'options.format' });
      const signer = await getOrgSigner(ctx, org, input.alg);
      const subject = input.credential['credentialSubject'] as { id?: unknown };
      const jwk = input.holderJwk ?? (await resolveHolderJwk(ctx.resolver, subject.id));
      // The status of an SD-JWT VC is the same index in the list's IETF Token Status List view.
      const { credentialStatus: _w3cStatus, ...unsecured } = input.credential;
      const sdJwt = await issueSdJwtVc({
        claims: toSdJwtVcClaims(unsecured, input.definition),
        disclosable: input.definition.disclosable,
        cnf: { jwk },
        status: tokenStatusClaimFor(ctx.publicUrl, org.id, input.slot),
        signer,
        now: ctx.now(),
      });
      return {
        verifiableCredential: envelopeOf('application/dc+sd-jwt', sdJwt),
        encoded: sdJwt,
        signingKid: kidOf(signer.kid),
      };
    }
    case 'jwt_vc_json': {
      // VC Data Model 1.1 as a JWT (section 6.3.1), for wallets that predate 2.0.
      const signer = await getOrgSigner(ctx, org, input.alg);
      const jwt = await signVcJwtV1({ credential: toVcDm11(input.credential), signer, now: ctx.now() });
      return {
        verifiableCredential: envelopeOf('application/jwt', jwt),
        encoded: jwt,
        signingKid: kidOf(signer.kid),
      };
    }
    case 'ldp_vc': {
      if (input.alg !== 'EdDSA') throw new PassportError('ERR_FORMAT_UNSUPPORTED', 'ldp_vc is signed with eddsa-rdfc-2022 (EdDSA) only', { field: 'options.alg' });
      const signer = await getOrgDataIntegritySigner(ctx, org);
      const signed = await signDataIntegrity({ document: input.credential, signer, created: ctx.now(), documentLoader: ctx.documentLoader });
      return { verifiableCredential: signed, encoded: JSON.stringify(signed), signingKid: kidOf(signer.verificationMethod) };
    }
  }
}
