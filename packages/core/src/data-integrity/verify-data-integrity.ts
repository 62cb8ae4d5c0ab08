import { verify, type KeyObject } from 'node:crypto';
import type { Resolvable } from 'did-resolver';
import type { ErrorCode } from '../errors/error-codes.js';
import { PassportError } from '../errors/passport-error.js';
import { isObject } from '../jose/compact-jws.js';
import { CheckList, type VerificationCheck } from '../verification/verification-result.js';
import { BUNDLED_DOCUMENT_LOADER } from './create-document-loader.js';
import { EDDSA_RDFC_2022, type ProofPurpose } from './data-integrity-proof.js';
import { hashEddsaRdfc2022 } from './hash-eddsa-rdfc-2022.js';
import { isDateTimeStamp } from './lib/date-time-stamp.js';
import { findEd25519Key } from './lib/find-ed25519-key.js';
import type { DocumentLoader } from './lib/jsonld-adapter.js';
import { decodeMultibaseBase58btc } from './multibase.js';

/** Options for {@link verifyDataIntegrity}. */
export interface VerifyDataIntegrityOptions {
  /** The secured document (a credential or presentation with a `proof`); anything is accepted. */
  document: unknown;
  /** Resolves the DID that controls the proof's verification method. */
  resolver: Resolvable;
  /** The clock, injectable so tests freeze time. */
  now?: Date;
  /** Allowed clock difference for `created` and `expires`, seconds. */
  clockSkewSeconds?: number;
  /** `assertionMethod` (the default) for a credential, `authentication` for a presentation. */
  expectedProofPurpose?: ProofPurpose;
  /** When given, the proof's `challenge` must equal it (check `nonce`). */
  challenge?: string;
  /** When given, the proof's `domain` must be or include it (check `audience`). */
  domain?: string;
  /** The context loader; the bundled contexts only by default. */
  documentLoader?: DocumentLoader;
  /** Index in a presentation, stamped on every check. */
  credentialIndex?: number;
}

/** The outcome of verifying a Data Integrity proof: every check, and what the proof named. */
export interface DataIntegrityVerification {
  verified: boolean;
  checks: VerificationCheck[];
  /** The proof that was checked, when the document had one. */
  proof?: Record<string, unknown>;
  /** The DID that controls the key that made the proof, once its key was found. */
  controller?: string;
}

const LATER_CHECKS = ['contexts', 'jsonld', 'key', 'signature'] as const;

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function contextUrls(value: unknown, into = new Set<string>()): Set<string> {
  // Every context a document names, at the top or embedded anywhere below it.
  if (Array.isArray(value)) {
    for (const v of value) contextUrls(v, into);
  } else if (isObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (key === '@context') {
        for (const c of Array.isArray(v) ? v : [v]) {
          if (typeof c === 'string') into.add(c);
          else contextUrls(c, into);
        }
      } else {
        contextUrls(v, into);
      }
    }
  }
  return into;
}

function startsWith(full: unknown, prefix: unknown): boolean {
  const f = Array.isArray(full) ? full : [full];
  const p = Array.isArray(prefix) ? prefix : [prefix];
  return p.length <= f.length && p.every((c, i) => JSON.stringify(c) === JSON.stringify(f[i]));
}

/**
 * Verifies a Data Integrity proof made with `eddsa-rdfc-2022` (VC Data Integrity 1.0, section
 * 4.3; Data Integrity EdDSA Cryptosuites v1.0, section 3.2.2): the proof is there and of a
 * cryptosuite we support, for the expected purpose, in its time window, bound to the verifier's
 * challenge and domain when asked; every context is bundled (nothing is fetched); the document is
 * JSON-LD with no dropped term (safe mode); the DID document of the key's controller lists the
 * verification method for the purpose; and the Ed25519 signature verifies over the canonical hash.
 * Every check is reported and a bad document never throws.
 *
 * Checks: `proof` (`ERR_DI_PROOF_MISSING`, `ERR_DI_CRYPTOSUITE_UNSUPPORTED`, `ERR_DI_PROOF_INVALID`),
 * `nonce` (`ERR_VP_NONCE_MISMATCH`) and `audience` (`ERR_VP_AUDIENCE_MISMATCH`) when asked,
 * `contexts` (`ERR_CONTEXT_NOT_BUNDLED`), `jsonld` (`ERR_JSONLD_INVALID`), `key`
 * (`ERR_VC_KEY_NOT_FOUND`, or `ERR_VP_KEY_NOT_FOUND` for `authentication`, or `ERR_DID_*`),
 * `signature` (`ERR_DI_PROOF_INVALID`).
 *
 * @example
 * const r = await verifyDataIntegrity({ document: signed, resolver: createDidResolver() });
 * if (!r.verified) r.checks.filter((c) => c.outcome === 'failed').map((c) => c.code)
 */
export async function verifyDataIntegrity(options: VerifyDataIntegrityOptions): Promise<DataIntegrityVerification> {
  const list = new CheckList();
  const at = options.credentialIndex === undefined ? {} : { credentialIndex: options.credentialIndex };
  const purpose = options.expectedProofPurpose ?? 'assertionMethod';
  const keyNotFound: ErrorCode = purpose === 'authentication' ? 'ERR_VP_KEY_NOT_FOUND' : 'ERR_VC_KEY_NOT_FOUND';
  const loader = options.documentLoader ?? BUNDLED_DOCUMENT_LOADER;
  const nowMs = (options.now ?? new Date()).getTime();
  const skewMs = (options.clockSkewSeconds ?? 60) * 1000;
  const done = (extra: Partial<DataIntegrityVerification> = {}): DataIntegrityVerification => ({ verified: list.ok, checks: list.checks, ...extra });
  const skipLater = (why: string, from = 0): void => LATER_CHECKS.slice(from).forEach((c) => list.skip(c, why, at));

  // 1. The proof: present, one of them, our cryptosuite, well formed (VC Data Integrity 1.0, 4.3).
  const { document } = options;
  const raw = isObject(document) ? document['proof'] : undefined;
  if (!isObject(document) || raw === undefined) {
    list.fail('proof', 'ERR_DI_PROOF_MISSING', isObject(document) ? 'the document has no proof' : 'the document is not a JSON object', at);
    skipLater('no proof to check');
    return done();
  }
  const proofs = Array.isArray(raw) ? raw : [raw];
  const proof = proofs[0];
  if (proofs.length !== 1 || !isObject(proof)) {
    list.fail('proof', 'ERR_DI_PROOF_INVALID', proofs.length > 1 ? 'proof sets and chains are not supported: one proof expected' : 'the proof is not an object', at);
    skipLater('no single proof to check');
    return done();
  }
  if (proof['type'] !== 'DataIntegrityProof' || proof['cryptosuite'] !== EDDSA_RDFC_2022) {
    list.fail('proof', 'ERR_DI_CRYPTOSUITE_UNSUPPORTED', `${String(proof['type'])} / ${String(proof['cryptosuite'])} is not supported (DataIntegrityProof / ${EDDSA_RDFC_2022})`, at);
    skipLater('unsupported cryptosuite');
    return done({ proof });
  }
  const proofBytes = typeof proof['proofValue'] === 'string' ? decodeMultibaseBase58btc(proof['proofValue']) : undefined;
  const verificationMethod = typeof proof['verificationMethod'] === 'string' ? proof['verificationMethod'] : undefined;
  const problems: string[] = [];
  if (proofBytes?.length !== 64) problems.push('proofValue is not a multibase base58-btc Ed25519 signature');
  if (!verificationMethod) problems.push('the proof names no verificationMethod');
  if (proof['proofPurpose'] !== purpose) problems.push(`proofPurpose ${String(proof['proofPurpose'])} is not ${purpose}`);
  if (!isDateTimeStamp(proof['created']) && proof['created'] !== undefined) problems.push('created is not an XML Schema dateTime');
  else if (isDateTimeStamp(proof['created']) && Date.parse(proof['created']) - skewMs > nowMs) problems.push('the proof was created in the future');
  if (proof['expires'] !== undefined && !isDateTimeStamp(proof['expires'])) problems.push('expires is not an XML Schema dateTime');
  else if (isDateTimeStamp(proof['expires']) && Date.parse(proof['expires']) + skewMs < nowMs) problems.push(`the proof expired at ${proof['expires']}`);
  if (proof['previousProof'] !== undefined) problems.push('proof chains (previousProof) are not supported');
  // eddsa-rdfc-2022 verify, step 4: a proof @context must begin the document's @context.
  if (proof['@context'] !== undefined && !startsWith(document['@context'], proof['@context'])) problems.push('the proof @context does not begin the document @context');
  if (problems.length > 0) list.fail('proof', 'ERR_DI_PROOF_INVALID', problems.join('; '), at);
  else list.pass('proof', at);

  // 2. Bound to this verifier (VC Data Integrity 1.0, 4.3: challenge and domain).
  if (options.challenge !== undefined) {
    if (proof['challenge'] === options.challenge) list.pass('nonce', at);
    else list.fail('nonce', 'ERR_VP_NONCE_MISMATCH', 'the proof is not bound to this challenge', at);
  }
  if (options.domain !== undefined) {
    const domains = Array.isArray(proof['domain']) ? proof['domain'] : [proof['domain']];
    if (domains.includes(options.domain)) list.pass('audience', at);
    else list.fail('audience', 'ERR_VP_AUDIENCE_MISMATCH', 'the proof is for another domain', at);
  }

  // 3. Contexts: all bundled, so canonicalization never reaches the network.
  const { proof: _secured, ...unsecured } = document;
  const { proofValue: _value, ...proofOptions } = proof;
  if (proofOptions['@context'] !== undefined) unsecured['@context'] = proofOptions['@context'];
  const refused: string[] = [];
  for (const url of contextUrls([unsecured, proofOptions])) {
    await loader(url).catch(() => refused.push(url));
  }
  let hashData: Uint8Array | undefined;
  if (refused.length > 0) {
    list.fail('contexts', 'ERR_CONTEXT_NOT_BUNDLED', `not bundled, not fetched: ${refused.join(', ')}`, at);
    list.skip('jsonld', 'contexts not available', at);
  } else {
    list.pass('contexts', at);
    // 4. JSON-LD: canonicalization in safe mode fails on any dropped term (section 3.2.3).
    try {
      delete proofOptions['@context'];
      ({ hashData } = await hashEddsaRdfc2022({ document: unsecured, proofOptions, documentLoader: loader }));
      list.pass('jsonld', at);
    } catch (err: unknown) {
      const code: ErrorCode = err instanceof PassportError ? err.code : 'ERR_JSONLD_INVALID';
      list.fail('jsonld', code, message(err), { ...at, ...(err instanceof PassportError && err.issues.length > 0 ? { issues: err.issues } : {}) });
    }
  }

  // 5. The key: listed for the purpose in its controller's DID document.
  let key: KeyObject | undefined;
  let controller: string | undefined;
  if (verificationMethod) {
    try {
      ({ key, controller } = await findEd25519Key(options.resolver, verificationMethod, purpose, keyNotFound));
      list.pass('key', at);
    } catch (err: unknown) {
      list.fail('key', err instanceof PassportError ? err.code : 'ERR_DID_UNRESOLVABLE', message(err), at);
    }
  } else {
    list.fail('key', keyNotFound, 'the proof names no verification method', at);
  }

  // 6. The signature over proof configuration hash and document hash (section 3.2.7).
  if (key && hashData && proofBytes?.length === 64) {
    let valid = false;
    try {
      valid = verify(null, hashData, key, proofBytes);
    } catch {
      valid = false;
    }
    if (valid) list.pass('signature', at);
    else list.fail('signature', 'ERR_DI_PROOF_INVALID', 'the signature does not verify', at);
  } else {
    list.skip('signature', !key ? 'no key to check against' : !hashData ? 'the document could not be canonicalized' : 'no signature to check', at);
  }

  return done({ proof, ...(controller ? { controller } : {}) });
}
