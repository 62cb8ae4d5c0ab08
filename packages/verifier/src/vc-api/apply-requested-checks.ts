import { isObject, type VerificationCheck } from '@staff-passport/core';
import type { VerifiedCredential } from '../verification/verified-credential.js';
import type { RequestedCheck } from './read-verify-options.js';

// The checks a caller may leave out, by the names the pipeline reports them under. Everything
// else (format, contexts, jsonld, proof, key, signature, disclosures, key binding, presentation.*)
// is the proof and always counts.
const OPTIONAL: Readonly<Record<string, RequestedCheck>> = {
  issuer: 'issuer',
  validity: 'validity',
  status: 'status',
  schema: 'schema',
  trust: 'trust',
  'holder-binding': 'holder-binding',
};

// An issuer check may be left out only when the credential names a well-formed issuer (a URL, or
// an object with one): the data model requires one, whatever the caller asks.
function namesIssuer(credential: Record<string, unknown> | undefined): boolean {
  const issuer = credential?.['issuer'];
  const id = isObject(issuer) ? issuer['id'] : issuer;
  return typeof id === 'string' && /^[a-z][a-z0-9+.-]*:\S+$/i.test(id);
}

function leaveOut(check: VerificationCheck, why: string): VerificationCheck {
  const { code: _code, ...rest } = check;
  return { ...rest, outcome: 'skipped', message: check.outcome === 'failed' ? `${why} (it would have failed: ${check.message ?? check.code ?? ''})` : why };
}

/**
 * Applies a VC API caller's `options.checks` to one credential's result: a check the caller did
 * not ask for is reported `skipped` (saying whether it would have failed) and does not count.
 * Holder binding is reported on presentations but counts only when asked for: the VC Data Model
 * 2.0 (section 4.13) does not require a presented credential's subject to be its holder.
 *
 * @example
 * applyRequestedChecks(verification, new Set(['proof'])).verified;
 */
export function applyRequestedChecks(verification: VerifiedCredential, checks: ReadonlySet<RequestedCheck>): VerifiedCredential {
  const canSkipIssuer = namesIssuer(verification.credential);
  const adjusted = verification.checks.map((check) => {
    const kind = OPTIONAL[check.check];
    if (!kind || checks.has(kind) || check.outcome === 'skipped') return check;
    if (kind === 'issuer' && !canSkipIssuer) return check;
    if (kind === 'holder-binding' && check.outcome === 'passed') return check;
    return leaveOut(check, kind === 'holder-binding' ? 'not required: name holder-binding in options.checks to require it' : 'not asked for in options.checks');
  });
  return { ...verification, checks: adjusted, verified: adjusted.every((c) => c.outcome !== 'failed') };
}
