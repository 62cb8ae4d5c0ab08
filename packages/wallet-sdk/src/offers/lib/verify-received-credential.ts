import { PassportError, didWebFromUrl, isObject, verifySdJwtVc, type VerificationCheck } from '@staff-passport/core/browser';
import { findDidKey } from '../../lib/find-did-key.js';
import { verifyDidJwt } from '../../lib/verify-did-jwt.js';
import type { StoredCredential } from '../../stores/credential-store.js';
import type { WalletParts } from '../../wallet-parts.js';

// The SD-JWT VC checks a received credential must pass. Validity is left out on purpose: an issuer
// may send a credential valid from a later date, and the wallet shows its dates; key binding is
// the verifier's business (no KB-JWT comes with an issued credential).
const SD_JWT_RECEIVE_CHECKS = ['format', 'vct', 'signature', 'disclosures'];

/**
 * The DIDs a credential from this credential issuer may be issued by: the did:web its identifier
 * URL names (did:web spec, "Create"; `https://issuer.example/orgs/rx1` ->
 * `did:web:issuer.example:orgs:rx1`), which is how our issuer and any did:web issuer hosting
 * OpenID4VCI at its DID's URL publish both. OpenID4VCI 1.0 has no metadata member naming the
 * issuer's DID, so none is read from the metadata.
 */
export function expectedIssuerDids(credentialIssuer: string): string[] {
  try {
    return [didWebFromUrl(credentialIssuer)];
  } catch {
    // Not an http(s) URL: no did:web is named.
    return [];
  }
}

/**
 * Checks that a credential the issuer just sent is really the credential issuer's, before the
 * wallet stores it (OpenID4VCI 1.0, section 8.3 leaves this to the wallet; an attacker on the
 * issuer's path or a confused issuer must not fill the wallet with credentials it did not sign):
 * - the credential's issuer is the credential issuer the wallet talked to (see {@link expectedIssuerDids});
 * - dc+sd-jwt: `verifySdJwtVc` (format, `vct`, the issuer's signature by the `kid` listed under
 *   `assertionMethod` in the issuer's DID document, the Disclosures); validity is not required;
 * - jwt_vc_json / vc+jwt: the JWS signature by a key of the issuer's DID (`verifyDidJwt`);
 * - ldp_vc: Data Integrity needs JSON-LD canonicalisation (RDFC-1.0), which only runs in Node in
 *   core, and the wallet also runs in browsers; so the signature is NOT checked here. Only the
 *   proof's `verificationMethod` is checked to be a key the issuer's DID document lists under
 *   `assertionMethod`. Verifiers check the proof itself.
 *
 * @throws PassportError `ERR_WALLET_ISSUER_ERROR` (field `credential`, the failure as `cause`)
 *   for a credential that fails any of these.
 */
export async function verifyReceivedCredential(parts: WalletParts, stored: StoredCredential, credentialIssuer: string): Promise<void> {
  const allowed = expectedIssuerDids(credentialIssuer);
  if (!allowed.includes(stored.issuer)) {
    throw refused(`the credential is issued by ${stored.issuer || 'no one'}, not by the credential issuer ${credentialIssuer} (${allowed.join(', ') || 'no DID'})`);
  }
  const resolve = { fetch: parts.fetch, ...(parts.allowHttpLoopback ? { allowHttpLoopback: true } : {}) };
  const raw = stored.raw;
  switch (stored.format) {
    case 'dc+sd-jwt': {
      if (typeof raw !== 'string') throw refused('the SD-JWT VC is not a string');
      const result = await verifySdJwtVc({
        compact: raw,
        now: parts.now(),
        resolveIssuerKey: async ({ iss, kid }) => {
          if (iss !== stored.issuer) throw new PassportError('ERR_VC_ISSUER_INVALID', 'iss is not the credential issuer', { field: 'iss' });
          if (!kid) throw new PassportError('ERR_VC_KEY_NOT_FOUND', 'the SD-JWT header names no key (kid)', { field: 'kid' });
          const didUrl = kid.startsWith('#') ? `${iss}${kid}` : kid;
          if (didUrl.split('#')[0] !== iss) throw new PassportError('ERR_VC_KEY_NOT_FOUND', `${kid} is not a key of ${iss}`, { field: 'kid' });
          return findDidKey(didUrl, { ...resolve, purpose: 'assertionMethod' });
        },
      });
      const failed = result.checks.find((c: VerificationCheck) => SD_JWT_RECEIVE_CHECKS.includes(c.check) && c.outcome !== 'passed');
      if (failed) throw refused(`the SD-JWT VC fails its ${failed.check} check${failed.message ? `: ${failed.message}` : ''}`, new PassportError(failed.code ?? 'ERR_VC_SIGNATURE_INVALID', failed.message ?? failed.check));
      return;
    }
    case 'jwt_vc_json':
    case 'vc+jwt': {
      if (typeof raw !== 'string') throw refused('the JWT credential is not a string');
      try {
        await verifyDidJwt(raw, { ...resolve, did: stored.issuer, errorCode: 'ERR_VC_SIGNATURE_INVALID' });
      } catch (err: unknown) {
        throw refused('the JWT credential is not signed by its issuer', err);
      }
      return;
    }
    case 'ldp_vc': {
      const proofs = isObject(raw) ? (Array.isArray(raw['proof']) ? raw['proof'] : [raw['proof']]) : [];
      const methods = proofs.filter(isObject).map((p) => p['verificationMethod']);
      if (methods.length === 0 || !methods.every((m): m is string => typeof m === 'string' && m.split('#')[0] === stored.issuer && m.includes('#'))) {
        throw refused(`the ldp_vc proof's verificationMethod is not a key of ${stored.issuer}`);
      }
      try {
        for (const method of methods) await findDidKey(method, { ...resolve, purpose: 'assertionMethod' });
      } catch (err: unknown) {
        throw refused(`the ldp_vc proof's verificationMethod is not an assertion key of ${stored.issuer}`, err);
      }
      return;
    }
  }
}

function refused(message: string, cause?: unknown): PassportError {
  return new PassportError('ERR_WALLET_ISSUER_ERROR', message, { field: 'credential', ...(cause === undefined ? {} : { cause }) });
}
