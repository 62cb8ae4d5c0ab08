import { verify, type KeyObject } from 'node:crypto';
import type { Resolvable } from 'did-resolver';
import type { ErrorCode } from '../errors/error-codes.js';
import { PassportError } from '../errors/passport-error.js';
import { isObject } from '../jose/compact-jws.js';
import { CheckList, type VerificationCheck } from '../verification/verification-result.js';
import { BUNDLED_DOCUMENT_LOADER } from './create-document-loader.js';
import { ED25519_SIGNATURE_2020, EDDSA_RDFC_2022, type ProofPurpose } from './data-integrity-proof.js';
import { hashEddsaRdfc2022 } from './hash-eddsa-rdfc-2022.js';
import { isDateTimeStamp } from './lib/date-time-stamp.js';
import { findEd25519Key } from './lib/find-ed25519-key.js';
import { rdfcHashData } from './lib/rdfc-hash-data.js';
import type { DocumentLoader } from './lib/jsonld-adapter.js';
import { decodeMultibaseBase58btc } from './multibase.js';
import { codeOf, messageOf } from '../errors/read-error.js';

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
  /** The (first) proof that was checked, when the document had one. */
  proof?: Record<string, unknown>;
  /** The DID that controls the key that made the (first) proof, once its key was found. */
  controller?: string;
  /** Every proof of a proof set or chain, in document order (one for a single proof). */
  proofs?: Record<string, unknown>[];
  /** The controller of each proof whose key was found, in the order of `proofs`. */
  controllers?: (string | undefined)[];
}

/** The Ed25519 suites we verify: the cryptosuite, and the older suite some issuers still use. */
type Ed25519Suite = typeof EDDSA_RDFC_2022 | typeof ED25519_SIGNATURE_2020;

const LATER_CHECKS = ['contexts', 'jsonld', 'key', 'signature'] as const;

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

function suiteOf(proof: Record<string, unknown>): Ed25519Suite | undefined {
  if (proof['type'] === 'DataIntegrityProof' && proof['cryptosuite'] === EDDSA_RDFC_2022) return EDDSA_RDFC_2022;
  // Ed25519Signature2020 names no cryptosuite (it predates them).
  if (proof['type'] === ED25519_SIGNATURE_2020 && proof['cryptosuite'] === undefined) return ED25519_SIGNATURE_2020;
  return undefined;
}

/**
 * The proofs a proof of a chain signed over (VC Data Integrity 1.0, section 4.5 "Verify Proof
 * Sets and Chains", step 3): those whose `id` its `previousProof` names; an error text when
 * `previousProof` is malformed or names a proof the document does not have.
 */
function previousProofsOf(proof: Record<string, unknown>, all: unknown[]): Record<string, unknown>[] | string {
  const previous = proof['previousProof'];
  if (previous === undefined) return [];
  const ids = Array.isArray(previous) ? previous : [previous];
  if (ids.length === 0 || ids.some((id) => typeof id !== 'string')) return 'previousProof is not a proof id or a list of them';
  const found: Record<string, unknown>[] = [];
  for (const id of ids) {
    const match = all.find((p): p is Record<string, unknown> => isObject(p) && p['id'] === id && p !== proof);
    if (!match) return `previousProof ${String(id)} names no other proof of the document`;
    found.push(match);
  }
  return found;
}

interface ProofRun {
  options: VerifyDataIntegrityOptions;
  /** The secured document as received. */
  document: Record<string, unknown>;
  /** Every proof of the document (a set or a chain). */
  all: unknown[];
  list: CheckList;
  at: Partial<VerificationCheck>;
}

/**
 * Verifies one proof of a document (section 4.3 "Verify Proof", steps 1 to 6, with the
 * cryptosuite's verification): the input document is the document without its proofs, with the
 * proofs this one chains to (section 4.5, step 3.4). Adds the checks to the run's list.
 */
async function verifyOneProof(run: ProofRun, proof: unknown): Promise<{ proof?: Record<string, unknown>; controller?: string }> {
  const { options, document, list, at } = run;
  const purpose = options.expectedProofPurpose ?? 'assertionMethod';
  const keyNotFound: ErrorCode = purpose === 'authentication' ? 'ERR_VP_KEY_NOT_FOUND' : 'ERR_VC_KEY_NOT_FOUND';
  const loader = options.documentLoader ?? BUNDLED_DOCUMENT_LOADER;
  const nowMs = (options.now ?? new Date()).getTime();
  const skewMs = (options.clockSkewSeconds ?? 60) * 1000;
  const skipLater = (why: string): void => LATER_CHECKS.forEach((c) => list.skip(c, why, at));

  if (!isObject(proof)) {
    list.fail('proof', 'ERR_DI_PROOF_INVALID', 'the proof is not an object', at);
    skipLater('no proof to check');
    return {};
  }
  const suite = suiteOf(proof);
  if (!suite) {
    list.fail('proof', 'ERR_DI_CRYPTOSUITE_UNSUPPORTED', `${String(proof['type'])} / ${String(proof['cryptosuite'])} is not supported (DataIntegrityProof / ${EDDSA_RDFC_2022}, or ${ED25519_SIGNATURE_2020})`, at);
    skipLater('unsupported cryptosuite');
    return { proof };
  }
  const proofBytes = typeof proof['proofValue'] === 'string' ? decodeMultibaseBase58btc(proof['proofValue']) : undefined;
  const verificationMethod = typeof proof['verificationMethod'] === 'string' ? proof['verificationMethod'] : undefined;
  const previous = previousProofsOf(proof, run.all);
  const problems: string[] = [];
  if (proofBytes?.length !== 64) problems.push('proofValue is not a multibase base58-btc Ed25519 signature');
  if (!verificationMethod) problems.push('the proof names no verificationMethod');
  if (proof['proofPurpose'] !== purpose) problems.push(`proofPurpose ${String(proof['proofPurpose'])} is not ${purpose}`);
  if (!isDateTimeStamp(proof['created']) && proof['created'] !== undefined) problems.push('created is not an XML Schema dateTime');
  else if (isDateTimeStamp(proof['created']) && Date.parse(proof['created']) - skewMs > nowMs) problems.push('the proof was created in the future');
  if (proof['expires'] !== undefined && !isDateTimeStamp(proof['expires'])) problems.push('expires is not an XML Schema dateTime');
  else if (isDateTimeStamp(proof['expires']) && Date.parse(proof['expires']) + skewMs < nowMs) problems.push(`the proof expired at ${proof['expires']}`);
  if (typeof previous === 'string') problems.push(previous);
  // eddsa-rdfc-2022 verify, step 4: a proof @context must begin the document's @context.
  if (proof['@context'] !== undefined && !startsWith(document['@context'], proof['@context'])) problems.push('the proof @context does not begin the document @context');
  if (problems.length > 0) list.fail('proof', 'ERR_DI_PROOF_INVALID', problems.join('; '), at);
  else list.pass('proof', at);

  // Bound to this verifier (VC Data Integrity 1.0, 4.3: challenge and domain).
  if (options.challenge !== undefined) {
    if (proof['challenge'] === options.challenge) list.pass('nonce', at);
    else list.fail('nonce', 'ERR_VP_NONCE_MISMATCH', 'the proof is not bound to this challenge', at);
  }
  if (options.domain !== undefined) {
    const domains = Array.isArray(proof['domain']) ? proof['domain'] : [proof['domain']];
    if (domains.includes(options.domain)) list.pass('audience', at);
    else list.fail('audience', 'ERR_VP_AUDIENCE_MISMATCH', 'the proof is for another domain', at);
  }

  // Contexts: all bundled, so canonicalization never reaches the network.
  const { proof: _secured, ...unsecured } = document;
  // A proof of a chain signed the document with the proofs it names (section 4.5, step 3.4).
  if (Array.isArray(previous) && previous.length > 0) unsecured['proof'] = previous.length === 1 ? previous[0] : previous;
  const { proofValue: _value, ...proofOptions } = proof;
  if (proofOptions['@context'] !== undefined) unsecured['@context'] = proofOptions['@context'];
  const refused: string[] = [];
  for (const url of contextUrls([unsecured, proofOptions])) {
    await loader(url).catch(() => refused.push(url));
  }
  // What may have been signed: for a proof of a chain, the document with the proofs it names
  // (section 4.3 "Add Proof Set/Chain", step 5.3), else, as jsonld-signatures 11 makes chains and
  // the W3C suites send them, the document without any proof.
  const hashes: Uint8Array[] = [];
  if (refused.length > 0) {
    list.fail('contexts', 'ERR_CONTEXT_NOT_BUNDLED', `not bundled, not fetched: ${refused.join(', ')}`, at);
    list.skip('jsonld', 'contexts not available', at);
  } else {
    list.pass('contexts', at);
    // JSON-LD: canonicalization in safe mode fails on any dropped term (section 3.2.3).
    try {
      delete proofOptions['@context'];
      const inputs = unsecured['proof'] === undefined ? [unsecured] : [unsecured, Object.fromEntries(Object.entries(unsecured).filter(([k]) => k !== 'proof'))];
      for (const input of inputs) {
        const { hashData } = suite === EDDSA_RDFC_2022 ? await hashEddsaRdfc2022({ document: input, proofOptions, documentLoader: loader }) : await rdfcHashData(input, proofOptions, loader);
        hashes.push(hashData);
      }
      list.pass('jsonld', at);
    } catch (err: unknown) {
      const code: ErrorCode = codeOf(err, 'ERR_JSONLD_INVALID');
      list.fail('jsonld', code, messageOf(err), { ...at, ...(err instanceof PassportError && err.issues.length > 0 ? { issues: err.issues } : {}) });
    }
  }

  // The key: listed for the purpose in its controller's DID document.
  let key: KeyObject | undefined;
  let controller: string | undefined;
  if (verificationMethod) {
    try {
      ({ key, controller } = await findEd25519Key(options.resolver, verificationMethod, purpose, keyNotFound));
      list.pass('key', at);
    } catch (err: unknown) {
      list.fail('key', codeOf(err, 'ERR_DID_UNRESOLVABLE'), messageOf(err), at);
    }
  } else {
    list.fail('key', keyNotFound, 'the proof names no verification method', at);
  }

  // The signature over proof configuration hash and document hash (section 3.2.7).
  if (key && hashes.length > 0 && proofBytes?.length === 64) {
    const valid = hashes.some((hashData) => {
      try {
        return verify(null, hashData, key, proofBytes);
      } catch {
        return false;
      }
    });
    if (valid) list.pass('signature', at);
    else list.fail('signature', 'ERR_DI_PROOF_INVALID', 'the signature does not verify', at);
  } else {
    list.skip('signature', !key ? 'no key to check against' : hashes.length === 0 ? 'the document could not be canonicalized' : 'no signature to check', at);
  }
  return { proof, ...(controller ? { controller } : {}) };
}

/**
 * Verifies the Data Integrity proofs of a document (VC Data Integrity 1.0, sections 4.3 and 4.5):
 * one proof, a proof set (several independent proofs) or a proof chain (a proof naming those it
 * was made over with `previousProof`), each made with `eddsa-rdfc-2022` (Data Integrity EdDSA
 * Cryptosuites v1.0, section 3.2.2) or, for older issuers, `Ed25519Signature2020` (the same
 * RDF canonicalization and Ed25519 signature; its context is bundled). For each proof: of a suite
 * we support, for the expected purpose, in its time window, bound to the verifier's challenge and
 * domain when asked; every context bundled (nothing is fetched); the document JSON-LD with no
 * dropped term (safe mode); the DID document of the key's controller listing the verification
 * method for the purpose; and the signature verifying over the canonical hash. The document
 * verifies when every proof does. Every check is reported (with `proofIndex` when there are several
 * proofs) and a bad document never throws.
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
  const { document } = options;
  const raw = isObject(document) ? document['proof'] : undefined;
  if (!isObject(document) || raw === undefined || (Array.isArray(raw) && raw.length === 0)) {
    list.fail('proof', 'ERR_DI_PROOF_MISSING', isObject(document) ? 'the document has no proof' : 'the document is not a JSON object', at);
    LATER_CHECKS.forEach((c) => list.skip(c, 'no proof to check', at));
    return { verified: false, checks: list.checks };
  }
  const all = Array.isArray(raw) ? raw : [raw];
  const results: { proof?: Record<string, unknown>; controller?: string }[] = [];
  for (const [proofIndex, proof] of all.entries()) {
    results.push(await verifyOneProof({ options, document, all, list, at: all.length > 1 ? { ...at, proofIndex } : at }, proof));
  }
  const proofs = results.flatMap((r) => (r.proof ? [r.proof] : []));
  const first = results[0]!;
  return {
    verified: list.ok,
    checks: list.checks,
    ...(first.proof ? { proof: first.proof } : {}),
    ...(first.controller ? { controller: first.controller } : {}),
    proofs,
    controllers: results.map((r) => r.controller),
  };
}
