import { CheckList, checkCredentialStatus } from '@staff-passport/core';
import type { VerifierContext } from '../verifier-context.js';
import { addChecks } from './lib/add-checks.js';
import type { VerifiedCredential } from './verified-credential.js';

// The checks whose failure means the credential itself did not verify: its status lists mean nothing then.
const PROOF_CHECKS: readonly string[] = ['format', 'signature', 'issuer'];

/**
 * Adds the `status` check to a credential's result: Bitstring or Token Status List (core's one
 * status check, cached), only for a credential whose issuer and signature stand (a forged one's
 * lists mean nothing). An unreachable list is `ERR_STATUS_UNKNOWN`, and the profile says how to
 * treat it. `requested` (a VC API caller's `options.checks`) skips it when it does not name it.
 *
 * @example
 * await addStatusCheck(ctx, credential);
 * credential.checks.find((c) => c.check === 'status')?.outcome;
 */
export async function addStatusCheck(ctx: VerifierContext, credential: VerifiedCredential, requested?: ReadonlySet<string>): Promise<void> {
  const list = new CheckList();
  const at = { credentialIndex: credential.index };
  const issuer = credential.issuer.did;
  const proofOk = !credential.checks.some((c) => c.outcome === 'failed' && PROOF_CHECKS.includes(c.check));
  // A W3C credential's entries are `credentialStatus`; an SD-JWT VC's is its `status` claim.
  const entry = credential.format === 'dc+sd-jwt' ? { statusClaim: credential.credential?.['status'] } : { credentialStatus: credential.credential?.['credentialStatus'] };
  const present = Object.values(entry).some((v) => v !== undefined);
  if (requested && !requested.has('status')) list.skip('status', 'not asked for in options.checks', at);
  else if (!issuer || !proofOk) list.skip('status', 'not checked: the credential itself did not verify', at);
  else if (!present) list.skip('status', 'the credential has no status entry', at);
  else {
    const statuses = await checkCredentialStatus({
      ...entry,
      issuerDid: issuer,
      resolver: ctx.resolver,
      fetchStatusList: ctx.fetchStatusList,
      cache: ctx.statusCache,
      now: ctx.now(),
      clockSkewSeconds: ctx.clockSkewSeconds,
    });
    const bad = statuses.filter((s) => s.status !== 'valid');
    if (bad.length === 0) list.pass('status', at);
    for (const s of bad) list.fail('status', s.code ?? 'ERR_STATUS_UNKNOWN', `${s.purpose}: ${s.message ?? s.status}`, at);
  }
  addChecks(credential, list.checks);
}
