import {
  decodeCompactJws,
  isObject,
  verifyDataIntegrityPresentation,
  verifyVpJose,
  verifyVpJwtV1,
  type PresentationRules,
} from '@staff-passport/core';
import type { VerifierContext } from '../verifier-context.js';
import type { PresentationInput } from './verification-input.js';
import { addStatusAndTrustChecks } from './lib/add-status-and-trust-checks.js';
import { startFromW3c } from './lib/start-verified-credential.js';
import { verifyCredential } from './verify-credential.js';
import type { VerifiedPresentation } from './verified-credential.js';

/** Options of {@link verifyPresentation}. */
export interface VerifyPresentationOptions {
  /** The nonce and audience the presentation must be bound to. */
  binding: { nonce: string; audience: string };
  /** The index of its first credential: those of presentations before it in the same answer come first. */
  firstIndex?: number;
  /** The OpenID4VP rules unless a channel relaxes them. */
  rules?: PresentationRules;
  /** The checks a VC API caller asked for: status and trust are left out when it names neither. */
  checks?: ReadonlySet<string>;
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

/**
 * Verifies a presentation bound to a nonce and audience: a VP JWT (its VC-JOSE credentials), an
 * SD-JWT VC with key binding, or a Data Integrity presentation (its Data Integrity credentials);
 * then status and trust on each credential's result.
 *
 * @example
 * const p = await verifyPresentation(ctx, classifyPresentation(vp, 'presentation'), { binding: { nonce, audience } });
 * p.credentials.every((c) => c.verified);
 */
export async function verifyPresentation(ctx: VerifierContext, input: PresentationInput, options: VerifyPresentationOptions): Promise<VerifiedPresentation> {
  const { binding, rules, checks } = options;
  const firstIndex = options.firstIndex ?? 0;
  if (input.format === 'dc+sd-jwt') {
    const one = await verifyCredential(ctx, input, { index: firstIndex, kb: { required: true, aud: binding.audience, nonce: binding.nonce }, ...(checks ? { checks } : {}) });
    const cnf = isObject(one.credential?.['cnf']) ? one.credential['cnf'] : undefined;
    return { checks: [], ...(cnf ? { holder: JSON.stringify(cnf['jwk']) } : {}), credentials: [one] };
  }
  const args = { challenge: binding.nonce, domain: binding.audience, resolver: ctx.resolver, now: ctx.now(), clockSkewSeconds: ctx.clockSkewSeconds, firstCredentialIndex: firstIndex };
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
    presentation.credentials.map((c, i) => addStatusAndTrustChecks(ctx, startFromW3c(format, firstIndex + i, c, JSON.stringify(c.credential ?? {})), checks)),
  );
  return { checks: presentation.checks, ...(presentation.holder ? { holder: presentation.holder } : {}), credentials };
}
