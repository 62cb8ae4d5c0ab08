import { PassportError } from '../errors/passport-error.js';
import { isObject } from '../jose/compact-jws.js';
import type { DataIntegritySigner } from './create-ed25519-signer.js';
import { EDDSA_RDFC_2022, type DataIntegrityProof, type DataIntegrityProofOptions, type ProofPurpose } from './data-integrity-proof.js';
import { hashEddsaRdfc2022 } from './hash-eddsa-rdfc-2022.js';
import { isDateTimeStamp, toDateTimeStamp } from './lib/date-time-stamp.js';
import type { DocumentLoader } from './lib/jsonld-adapter.js';
import { encodeMultibaseBase58btc } from './multibase.js';

/** Options for {@link signDataIntegrity}. */
export interface SignDataIntegrityOptions<D extends Record<string, unknown>> {
  /** The unsecured document: a credential or presentation with an `@context`, and no `proof`. */
  document: D;
  signer: DataIntegritySigner;
  /** When the proof was made; now by default. */
  created?: Date | string;
  /** `assertionMethod` for a credential (the default), `authentication` for a presentation. */
  proofPurpose?: ProofPurpose;
  /** The verifier's challenge (a presentation's nonce). */
  challenge?: string;
  /** The verifier the proof is for (a presentation's audience). */
  domain?: string | string[];
  /** When the proof stops being acceptable. */
  expires?: Date | string;
  /** The context loader; the bundled contexts only by default. */
  documentLoader?: DocumentLoader;
}

function dateTime(value: Date | string, field: string): string {
  const text = typeof value === 'string' ? value : toDateTimeStamp(value);
  if (!isDateTimeStamp(text)) throw new PassportError('ERR_DI_PROOF_INVALID', `${field} is not an XML Schema dateTime`, { field });
  return text;
}

/**
 * Secures a document with a Data Integrity proof, cryptosuite `eddsa-rdfc-2022` (Data Integrity
 * EdDSA Cryptosuites v1.0, section 3.2.1): the proof options are hashed with the document after
 * both are canonicalized with RDFC-1.0, the hash data is signed with Ed25519, and the signature
 * becomes the proof's multibase base58-btc `proofValue`. Contexts come from the bundled loader,
 * in safe mode: a term the contexts do not define fails the signing instead of going unsigned.
 *
 * @example
 * const signed = await signDataIntegrity({ document: credential, signer: createEd25519Signer(privateKey, vmId) });
 * // a presentation, bound to the verifier:
 * const vp = await signDataIntegrity({ document: presentation, signer, proofPurpose: 'authentication', challenge: nonce, domain: 'https://verifier.example' });
 * @throws PassportError `ERR_DI_PROOF_INVALID` when the document already has a proof or a date is
 *   not a dateTime; `ERR_CONTEXT_NOT_BUNDLED` when it names a context the loader does not hold;
 *   `ERR_JSONLD_INVALID` when it is not JSON-LD whose every term is defined.
 */
export async function signDataIntegrity<D extends Record<string, unknown>>(options: SignDataIntegrityOptions<D>): Promise<D & { proof: DataIntegrityProof }> {
  const { document, signer } = options;
  if (!isObject(document) || document['@context'] === undefined) {
    throw new PassportError('ERR_JSONLD_INVALID', 'the document must be a JSON-LD object with an @context', { field: '@context' });
  }
  // A second proof would make a proof set (VC Data Integrity 1.0, section 4.4), which we do not make.
  if (document['proof'] !== undefined) throw new PassportError('ERR_DI_PROOF_INVALID', 'the document already has a proof', { field: 'proof' });
  const proofOptions: DataIntegrityProofOptions = {
    type: 'DataIntegrityProof',
    cryptosuite: EDDSA_RDFC_2022,
    created: dateTime(options.created ?? new Date(), 'proof.created'),
    verificationMethod: signer.verificationMethod,
    proofPurpose: options.proofPurpose ?? 'assertionMethod',
    ...(options.expires === undefined ? {} : { expires: dateTime(options.expires, 'proof.expires') }),
    ...(options.challenge === undefined ? {} : { challenge: options.challenge }),
    ...(options.domain === undefined ? {} : { domain: options.domain }),
  };
  const { hashData } = await hashEddsaRdfc2022({
    document,
    proofOptions: { ...proofOptions },
    ...(options.documentLoader ? { documentLoader: options.documentLoader } : {}),
  });
  const signature = await signer.sign(hashData);
  return { ...document, proof: { ...proofOptions, proofValue: encodeMultibaseBase58btc(signature) } };
}
