import type { Resolvable } from 'did-resolver';
import { VC_CONTEXT_V1, VC_CONTEXT_V2 } from '@staff-passport/schemas';
import { isObject } from '../jose/compact-jws.js';
import { PassportError } from '../errors/passport-error.js';
import { envelopedCredentialJwt } from '../jose/lib/enveloped-credential-jwt.js';
import { verifyVcJose } from '../jose/verify-vc-jose.js';
import type { PresentationVerification } from '../jose/verify-vp-jose.js';
import { CheckList, type CredentialVerification } from '../verification/verification-result.js';
import type { DocumentLoader } from './lib/jsonld-adapter.js';
import { verifyDataIntegrity } from './verify-data-integrity.js';
import { proofSigners } from './lib/proof-signers.js';
import { verifyDataIntegrityCredential } from './verify-data-integrity-credential.js';
import { addHolderBindingCheck } from '../verification/add-holder-binding-check.js';
import { presentationRulesOf, type PresentationRules } from '../verification/presentation-rules.js';

/** Options for {@link verifyDataIntegrityPresentation}. */
export interface VerifyDataIntegrityPresentationOptions {
  /** The presentation with its Data Integrity proof; anything is accepted. */
  presentation: unknown;
  /** The nonce the verifier issued: the proof's `challenge` must equal it. */
  challenge: string;
  /** The verifier (its domain or client id): the proof's `domain` must be or include it. */
  domain: string;
  resolver: Resolvable;
  now?: Date;
  clockSkewSeconds?: number;
  documentLoader?: DocumentLoader;
  /** What the presentation must be beyond the data model; the OpenID4VP rules by default. */
  rules?: PresentationRules;
  /** The index of the first credential, when presentations before this one hold others: every check is stamped with its place in the whole answer. */
  firstCredentialIndex?: number;
}

function holderId(holder: unknown): string | undefined {
  if (typeof holder === 'string') return holder;
  if (isObject(holder) && typeof holder['id'] === 'string') return holder['id'];
  return undefined;
}

/**
 * Verifies a presentation secured with a Data Integrity proof (`eddsa-rdfc-2022`,
 * `proofPurpose: authentication`, VC Data Integrity 1.0 section 4.3): its shape, the holder's
 * proof bound to the verifier's `challenge` and `domain` (checks prefixed `presentation.`), then
 * every credential in it (Data Integrity credentials, or enveloped VC-JOSE ones) and that each was
 * issued to the holder who presents it. Never throws for a bad presentation.
 *
 * @example
 * const vp = await signDataIntegrity({ document: presentation, signer, proofPurpose: 'authentication', challenge: nonce, domain });
 * const r = await verifyDataIntegrityPresentation({ presentation: vp, challenge: nonce, domain, resolver });
 */
export async function verifyDataIntegrityPresentation(options: VerifyDataIntegrityPresentationOptions): Promise<PresentationVerification> {
  const list = new CheckList();
  const now = options.now ?? new Date();
  const skew = options.clockSkewSeconds ?? 60;
  const vp = options.presentation;
  if (!isObject(vp)) {
    list.fail('presentation.format', 'ERR_VP_MALFORMED', 'the presentation is not a JSON object');
    return { verified: false, checks: list.checks, credentials: [] };
  }
  const context = vp['@context'];
  const types = Array.isArray(vp['type']) ? vp['type'] : [vp['type']];
  const holder = holderId(vp['holder']);
  const knownContext = Array.isArray(context) && (context[0] === VC_CONTEXT_V2 || context[0] === VC_CONTEXT_V1);
  const rules = presentationRulesOf(options.rules);
  if (!knownContext || !types.includes('VerifiablePresentation') || (rules.holderRequired && !holder?.startsWith('did:'))) {
    list.fail('presentation.format', 'ERR_VP_MALFORMED', 'not a verifiable presentation with a holder DID');
  } else {
    list.pass('presentation.format');
  }

  // The holder's proof, bound to this verifier's challenge and domain.
  const proofResult = await verifyDataIntegrity({
    document: vp,
    resolver: options.resolver,
    now,
    clockSkewSeconds: skew,
    expectedProofPurpose: 'authentication',
    challenge: options.challenge,
    domain: options.domain,
    ...(options.documentLoader ? { documentLoader: options.documentLoader } : {}),
  });
  list.checks.push(...proofResult.checks.map((c) => ({ ...c, check: `presentation.${c.check}` })));
  const signers = proofSigners(proofResult.proofs ?? []);
  if (holder && !signers.includes(holder)) {
    list.fail('presentation.holder', 'ERR_VP_KEY_NOT_FOUND', `the proof was made by ${signers.join(', ') || 'no key'}, not by the holder ${holder}`);
  } else if (holder) {
    list.pass('presentation.holder');
  }

  // Every credential, and that it was issued to the presenting holder.
  const entries = Array.isArray(vp['verifiableCredential']) ? vp['verifiableCredential'] : vp['verifiableCredential'] === undefined ? [] : [vp['verifiableCredential']];
  if (entries.length === 0 && rules.credentialsRequired) list.fail('presentation.credentials', 'ERR_VP_EMPTY', 'the presentation carries no credential');
  const credentials: CredentialVerification[] = [];
  for (const [position, entry] of entries.entries()) {
    const credentialIndex = (options.firstCredentialIndex ?? 0) + position;
    let jwt: string | undefined;
    try {
      jwt = isObject(entry) && entry['proof'] !== undefined ? undefined : envelopedCredentialJwt(entry);
    } catch (err: unknown) {
      if (!(err instanceof PassportError)) throw err;
      const refused = new CheckList();
      refused.fail('format', err.code, err.message, { credentialIndex });
      credentials.push({ verified: false, checks: refused.checks });
      continue;
    }
    const result =
      jwt === undefined
        ? await verifyDataIntegrityCredential({ credential: entry, resolver: options.resolver, now, clockSkewSeconds: skew, credentialIndex, ...(options.documentLoader ? { documentLoader: options.documentLoader } : {}) })
        : await verifyVcJose({ jwt, resolver: options.resolver, now, clockSkewSeconds: skew, credentialIndex });
    if (rules.holderBinding) addHolderBindingCheck(result, holder, credentialIndex);
    credentials.push(result);
  }

  return {
    verified: list.ok && credentials.every((c) => c.verified),
    checks: list.checks,
    ...(holder ? { holder } : {}),
    credentials,
  };
}
