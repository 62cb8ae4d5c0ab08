import type { Resolvable } from 'did-resolver';
import { findCatalogueTypes, VC_CONTEXT_V1, VC_CONTEXT_V2 } from '@staff-passport/schemas';
import { isObject } from '../jose/compact-jws.js';
import { checkCredentialSchema, checkValidityWindow } from '../verification/check-credential-claims.js';
import { CheckList, type CredentialVerification } from '../verification/verification-result.js';
import type { DocumentLoader } from './lib/jsonld-adapter.js';
import { verifyDataIntegrity } from './verify-data-integrity.js';
import { proofSigners } from './lib/proof-signers.js';
import { issuerIdOf } from '../lib/issuer-id.js';

/** Options for {@link verifyDataIntegrityCredential}. */
export interface VerifyDataIntegrityCredentialOptions {
  /** The credential with its Data Integrity proof; anything is accepted. */
  credential: unknown;
  resolver: Resolvable;
  now?: Date;
  /** Allowed clock difference, seconds. */
  clockSkewSeconds?: number;
  documentLoader?: DocumentLoader;
  /** Index in a presentation, stamped on every check. */
  credentialIndex?: number;
}


/**
 * Verifies a credential secured with a Data Integrity proof (`eddsa-rdfc-2022`): its shape (VC
 * Data Model 2.0, or 1.1), the proof (see {@link verifyDataIntegrity}: `proof`, `contexts`,
 * `jsonld`, `key`, `signature`), that the proof's key belongs to the issuer's DID (`issuer`),
 * the validity window (`validity`) and the catalogue schema (`schema`). The result has the same
 * shape as `verifyVcJose`'s. Every check is reported; a bad credential never throws.
 *
 * @example
 * const r = await verifyDataIntegrityCredential({ credential: signed, resolver: createDidResolver() });
 */
export async function verifyDataIntegrityCredential(options: VerifyDataIntegrityCredentialOptions): Promise<CredentialVerification> {
  const list = new CheckList();
  const at = options.credentialIndex === undefined ? {} : { credentialIndex: options.credentialIndex };
  const now = options.now ?? new Date();
  const skew = options.clockSkewSeconds ?? 60;
  const { credential } = options;

  // 1. Format: a VC Data Model 2.0 (or 1.1) credential.
  if (!isObject(credential)) {
    list.fail('format', 'ERR_VC_MALFORMED', 'the credential is not a JSON object', at);
    return { verified: false, checks: list.checks };
  }
  const context = credential['@context'];
  const version = Array.isArray(context) && context[0] === VC_CONTEXT_V2 ? 2 : Array.isArray(context) && context[0] === VC_CONTEXT_V1 ? 1 : undefined;
  const types = Array.isArray(credential['type']) ? credential['type'] : [credential['type']];
  if (version === undefined || !types.includes('VerifiableCredential')) list.fail('format', 'ERR_VC_MALFORMED', 'not a VC Data Model 2.0 (or 1.1) credential', at);
  else list.pass('format', at);

  // 2. The proof, with a key the issuer's DID document lists for assertions.
  const proofResult = await verifyDataIntegrity({
    document: credential,
    resolver: options.resolver,
    now,
    clockSkewSeconds: skew,
    expectedProofPurpose: 'assertionMethod',
    ...(options.documentLoader ? { documentLoader: options.documentLoader } : {}),
    ...at,
  });
  list.checks.push(...proofResult.checks);

  // 3. Issuer: a DID, and the one whose key made the proof.
  const issuer = issuerIdOf(credential['issuer']);
  // With a proof set or chain, one of the proofs must be the issuer's (others may be a witness's).
  const signers = proofSigners(proofResult.proofs ?? []);
  if (!issuer?.startsWith('did:')) list.fail('issuer', 'ERR_VC_ISSUER_INVALID', 'issuer must be a DID', at);
  else if (!signers.includes(issuer)) list.fail('issuer', 'ERR_VC_KEY_NOT_FOUND', `the proof was made by ${signers.join(', ') || 'no key'}, not by the issuer ${issuer}`, at);
  else list.pass('issuer', at);

  // 4. Validity window, 5. schema.
  if (version === 1) checkValidityWindow(list, { from: credential['issuanceDate'], until: credential['expirationDate'], fromName: 'issuanceDate', untilName: 'expirationDate' }, now, skew * 1000, at);
  else checkValidityWindow(list, { from: credential['validFrom'], until: credential['validUntil'], fromName: 'validFrom', untilName: 'validUntil' }, now, skew * 1000, at);
  checkCredentialSchema(list, credential, at);

  return {
    verified: list.ok,
    checks: list.checks,
    credential,
    ...(issuer ? { issuer } : {}),
    types: findCatalogueTypes(credential['type']).map((d) => d.type),
  };
}
