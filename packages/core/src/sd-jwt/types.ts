import type { CryptoKey, JWK } from 'jose';
import type { SupportedAlg } from '../jose/jws-signer.js';

/**
 * SHA-256 over bytes (RFC 9901, section 4.1.1: `_sd_alg` `sha-256`). Injected so the same code
 * hashes with `node:crypto` on a server (`nodeSha256` in `default-crypto.ts`) and with WebCrypto
 * in a browser (the default of every operation here).
 */
export type Hasher = (data: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/**
 * A fresh random salt for one Disclosure, base64url-encoded. RFC 9901, section 9.3 recommends at
 * least 128 bits of entropy; both generators we ship give 128 bits.
 */
export type SaltGenerator = () => string | Promise<string>;

/** A public key to verify a JWS with: a WebCrypto key (what `findVerificationKey` gives) or a public JWK. */
export type PublicKeyInput = CryptoKey | JWK;

/**
 * Verifies one JWS signature. The default (`webCryptoVerifySignature`) works in Node and browsers; on a server
 * pass `nodeVerifySignature` from `default-crypto.ts`, which verifies with cached `KeyObject`s.
 *
 * @param signingInput `base64url(header).base64url(payload)`, as signed.
 * @param signature the base64url signature part of the JWS.
 * @returns whether the signature verifies; a key that does not fit `alg` gives false.
 */
export type SignatureVerifier = (alg: SupportedAlg, key: PublicKeyInput, signingInput: string, signature: string) => boolean | Promise<boolean>;

/** One decoded Disclosure (RFC 9901, sections 4.2.1 and 4.2.2). */
export interface Disclosure {
  /** The Disclosure as it travels: base64url of the JSON array. */
  encoded: string;
  /** base64url of the hash over `encoded` (RFC 9901, section 4.2.3). */
  digest: string;
  salt: string;
  /** The claim name; absent for an array element. */
  name?: string;
  value: unknown;
}

/** A decoded compact JWS (not verified). */
export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** The compact JWS as given. */
  encoded: string;
}

/** The issuer's key for an SD-JWT, looked up by the verifier's own means (a DID, metadata, a trust list). */
export interface IssuerKeyRequest {
  /** `iss` of the Issuer-signed JWT payload, when it is a string. */
  iss: string | undefined;
  /** `kid` of the Issuer-signed JWT header, when it is a string. */
  kid: string | undefined;
  alg: SupportedAlg;
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/**
 * Finds the key that must have signed an Issuer-signed JWT.
 *
 * @throws PassportError with the code to report (for example `ERR_VC_KEY_NOT_FOUND`), when there is no such key.
 */
export type IssuerKeyResolver = (request: IssuerKeyRequest) => Promise<PublicKeyInput>;

/** What a verifier expects of the Key Binding of a presentation (RFC 9901, section 7.3). */
export interface KeyBindingPolicy {
  /**
   * Whether a KB-JWT must be there (true by default). Decide by the use case, never by whether the
   * holder sent one (RFC 9901, section 7.3, step 1).
   */
  required?: boolean;
  /** This verifier's identifier, which the KB-JWT `aud` must be. */
  aud: string;
  /** The nonce this verifier issued for the transaction. */
  nonce: string;
  /** How old a KB-JWT may be (its `iat`), seconds; 300 by default. */
  maxAgeSeconds?: number;
}
