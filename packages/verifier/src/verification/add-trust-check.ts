import { CheckList, checkIssuerTrust, findTrustedOrganisation } from '@staff-passport/core';
import type { VerifierContext } from '../verifier-context.js';
import { addChecks } from './lib/add-checks.js';
import type { VerifiedCredential } from './verified-credential.js';

/**
 * Adds the `trust` check to a credential's result: the trust registry lists its issuer, allowed
 * to issue each of its types, at issue time. The issuer's name and ODS code shown come from the
 * registry only (set on `credential.issuer` here), never from the credential. `requested` (a VC
 * API caller's `options.checks`) skips it when it does not name it.
 *
 * @example
 * addTrustCheck(ctx, credential);
 * credential.issuer.name; // the registry's name for the issuer, if listed
 */
export function addTrustCheck(ctx: VerifierContext, credential: VerifiedCredential, requested?: ReadonlySet<string>): void {
  const list = new CheckList();
  const at = { credentialIndex: credential.index };
  const issuer = credential.issuer.did;
  const types = credential.types;
  const registry = ctx.trustRegistry();
  if (requested && !requested.has('trust')) list.skip('trust', 'not asked for in options.checks', at);
  else if (!registry) list.skip('trust', 'no trust registry is configured: issuers are not checked against one', at);
  else if (!issuer) list.skip('trust', 'no issuer to check', at);
  else {
    const when = credential.validFrom ? new Date(credential.validFrom) : ctx.now();
    const failures = types.map((credentialType) => checkIssuerTrust(registry, { issuerDid: issuer, credentialType, at: when })).filter((t) => !t.trusted);
    if (types.length === 0) list.fail('trust', 'ERR_ISSUER_TYPE_NOT_ALLOWED', 'the credential is of no catalogue type', at);
    else if (failures.length === 0) list.pass('trust', at);
    for (const f of failures) if (!f.trusted) list.fail('trust', f.code, f.message, at);
    const found = findTrustedOrganisation(registry, issuer, when);
    if (found) credential.issuer = { did: issuer, name: found.name, odsCode: found.odsCode };
  }
  addChecks(credential, list.checks);
}
