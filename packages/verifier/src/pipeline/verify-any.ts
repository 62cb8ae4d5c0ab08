import {
  isObject,
  nodeSdJwtCrypto,
  verifyDataIntegrityCredential,
  verifyDataIntegrityPresentation,
  verifySdJwtVc,
  verifyVcJose,
  verifyVcJwtV1,
  verifyVpJose,
  verifyVpJwtV1,
  decodeCompactJws,
  fromSdJwtVcClaims,
  type CredentialVerification,
  type KeyBindingPolicy,
  type PresentationRules,
  type VerificationCheck,
} from '@staff-passport/core';
import type { VerifierContext } from '../verifier-context.js';
import { addStatusAndTrust, type FormatResult, type PipelineCredential } from './add-status-and-trust.js';
import type { CredentialInput, PresentationInput } from './credential-input.js';

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

// What a W3C-shaped verification found, as the common steps read it.
function fromW3c(format: FormatResult['format'], verification: CredentialVerification, received: string): FormatResult {
  const credential = verification.credential ?? {};
  const subject = credential['credentialSubject'];
  const validFrom = str(credential['validFrom']) ?? str(credential['issuanceDate']);
  const validUntil = str(credential['validUntil']) ?? str(credential['expirationDate']);
  return {
    format,
    verification,
    subject: isObject(subject) ? subject : {},
    ...(validFrom ? { validFrom } : {}),
    ...(validUntil ? { validUntil } : {}),
    ...(credential['credentialStatus'] === undefined ? {} : { credentialStatus: credential['credentialStatus'] }),
    received,
  };
}

/** Options of one credential's verification. */
export interface VerifyOneOptions {
  index: number;
  /** For SD-JWT VC in a presentation: the key binding the verifier's request demands. */
  kb?: KeyBindingPolicy;
  /** The checks a VC API caller asked for (`options.checks`): status and trust are not run when left out. */
  checks?: ReadonlySet<string>;
}

/**
 * Verifies one credential in any format we accept, then status and trust: every check reported,
 * never stopping at the first failure, never throwing for a bad credential.
 */
export async function verifyOneCredential(ctx: VerifierContext, input: CredentialInput, options: VerifyOneOptions): Promise<PipelineCredential> {
  const common = { resolver: ctx.resolver, now: ctx.now(), clockSkewSeconds: ctx.clockSkewSeconds, credentialIndex: options.index };
  let result: FormatResult;
  switch (input.format) {
    case 'vc+jwt':
      result = fromW3c('vc+jwt', await verifyVcJose({ jwt: input.value, ...common }), input.value);
      break;
    case 'jwt_vc_json':
      result = fromW3c('jwt_vc_json', await verifyVcJwtV1({ jwt: input.value, ...common }), input.value);
      break;
    case 'ldp_vc':
      result = fromW3c('ldp_vc', await verifyDataIntegrityCredential({ credential: input.value, ...common, documentLoader: ctx.documentLoader }), JSON.stringify(input.value));
      break;
    case 'dc+sd-jwt': {
      const sd = await verifySdJwtVc({ compact: input.value, ...common, ...nodeSdJwtCrypto, ...(options.kb ? { kb: options.kb } : {}) });
      const view = sd.claims ? fromSdJwtVcClaims(sd.claims) : undefined;
      result = {
        format: 'dc+sd-jwt',
        verification: { verified: sd.verified, checks: sd.checks, ...(sd.issuer ? { issuer: sd.issuer } : {}), types: sd.types, ...(sd.claims ? { credential: sd.claims } : {}) },
        subject: view?.credentialSubject ?? {},
        ...(view?.validFrom ? { validFrom: view.validFrom } : {}),
        ...(view?.validUntil ? { validUntil: view.validUntil } : {}),
        ...(sd.claims?.['status'] === undefined ? {} : { statusClaim: sd.claims['status'] }),
        received: input.value,
      };
      break;
    }
  }
  return addStatusAndTrust(ctx, result, options.index, options.checks);
}

// A VC Data Model 1.1 presentation JWT (`vp` claim): what OpenID4VP calls `jwt_vc_json`
// presentations (OpenID4VP 1.0, appendix B.1.3.1); a VC-JOSE VP JWT has the presentation as its payload.
// The presentation JWT decoded once: which VP shape it is, and then its verification, read the same parse.
function decodePresentation(jwt: string): ReturnType<typeof decodeCompactJws> | undefined {
  try {
    return decodeCompactJws(jwt, 'ERR_VP_MALFORMED');
  } catch {
    return undefined;
  }
}

/** A presentation through the pipeline: the holder's proof, then every credential in it. */
export interface PipelinePresentation {
  checks: VerificationCheck[];
  holder?: string;
  credentials: PipelineCredential[];
}

function withIndex(checks: VerificationCheck[], offset: number): VerificationCheck[] {
  return checks.map((c) => (c.credentialIndex === undefined ? c : { ...c, credentialIndex: c.credentialIndex + offset }));
}

/**
 * Verifies a presentation bound to a nonce and audience: a VP JWT (its VC-JOSE credentials), an
 * SD-JWT VC with key binding, or a Data Integrity presentation (its Data Integrity credentials);
 * then status and trust for each credential. `offset` numbers the credentials after those of
 * presentations before this one; `rules` are the OpenID4VP ones unless a channel relaxes them;
 * `checks` leaves out status and trust when a VC API caller did not ask for them.
 */
export async function verifyOnePresentation(
  ctx: VerifierContext,
  input: PresentationInput,
  binding: { nonce: string; audience: string },
  offset = 0,
  rules?: PresentationRules,
  checks?: ReadonlySet<string>,
): Promise<PipelinePresentation> {
  const common = { resolver: ctx.resolver, now: ctx.now(), clockSkewSeconds: ctx.clockSkewSeconds };
  if (input.format === 'dc+sd-jwt') {
    const one = await verifyOneCredential(ctx, input, { index: offset, kb: { required: true, aud: binding.audience, nonce: binding.nonce }, ...(checks ? { checks } : {}) });
    const sd = one.verification.credential;
    const cnf = isObject(sd?.['cnf']) ? sd['cnf'] : undefined;
    return { checks: [], ...(cnf ? { holder: JSON.stringify(cnf['jwk']) } : {}), credentials: [one] };
  }
  const args = { challenge: binding.nonce, domain: binding.audience, ...common };
  const decoded = input.format === 'vp+jwt' ? decodePresentation(input.value) : undefined;
  const v11 = input.format === 'vp+jwt' && isObject(decoded?.payload['vp']);
  const presentation =
    input.format === 'vp+jwt'
      ? v11
        ? await verifyVpJwtV1({ jwt: input.value, ...args })
        : await verifyVpJose({ jwt: input.value, ...(decoded ? { decoded } : {}), ...args, ...(rules ? { rules } : {}) })
      : await verifyDataIntegrityPresentation({ presentation: input.value, ...args, documentLoader: ctx.documentLoader, ...(rules ? { rules } : {}) });
  const format = input.format === 'vp+jwt' ? (v11 ? 'jwt_vc_json' : 'vc+jwt') : 'ldp_vc';
  const credentials = await Promise.all(
    presentation.credentials.map((c, i) => {
      const shifted = { ...c, checks: withIndex(c.checks, offset) };
      return addStatusAndTrust(ctx, fromW3c(format, shifted, JSON.stringify(c.credential ?? {})), offset + i, checks);
    }),
  );
  return { checks: presentation.checks, ...(presentation.holder ? { holder: presentation.holder } : {}), credentials };
}
