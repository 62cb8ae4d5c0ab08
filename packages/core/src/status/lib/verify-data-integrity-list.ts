import { verifyDataIntegrity } from '../../data-integrity/verify-data-integrity.js';
import { proofSigners } from '../../data-integrity/lib/proof-signers.js';
import { PassportError } from '../../errors/passport-error.js';
import type { StatusListSigner } from './verify-status-list-body.js';

/**
 * Verifies a `BitstringStatusListCredential` secured with a Data Integrity proof
 * (`eddsa-rdfc-2022`): the proof verifies, for assertions, with a key of the credential issuer.
 * Node only (JSON-LD canonicalisation); the Node status check passes it in.
 *
 * @throws PassportError `ERR_STATUS_LIST_SIGNATURE_INVALID`
 */
export async function verifyDataIntegrityList(document: Record<string, unknown>, signer: StatusListSigner): Promise<Record<string, unknown>> {
  const result = await verifyDataIntegrity({
    document,
    resolver: signer.resolver,
    now: signer.now,
    clockSkewSeconds: signer.clockSkewSeconds,
    expectedProofPurpose: 'assertionMethod',
  });
  if (!result.verified) {
    const failed = result.checks.filter((c) => c.outcome === 'failed').map((c) => `${c.check}: ${c.message ?? c.code ?? ''}`);
    throw new PassportError('ERR_STATUS_LIST_SIGNATURE_INVALID', `the status list's Data Integrity proof does not verify (${failed.join('; ')})`);
  }
  // Section 3.6: the list is secured by the issuer of the credentials it covers.
  if (!proofSigners(result.proofs ?? []).includes(signer.issuerDid)) {
    throw new PassportError('ERR_STATUS_LIST_SIGNATURE_INVALID', `the status list was not secured by the credential issuer ${signer.issuerDid}`);
  }
  return document;
}
