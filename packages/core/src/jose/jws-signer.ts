/** The JWS algorithms the staff passport signs and accepts (VC-JOSE-COSE, section 3). */
export const SUPPORTED_ALGS = ['EdDSA', 'ES256'] as const;
export type SupportedAlg = (typeof SUPPORTED_ALGS)[number];

/**
 * Signs JWS signing input. Injected so the same code signs with Veramo's key manager, a
 * `node:crypto` KeyObject or a non-extractable WebCrypto key.
 */
export interface JwsSigner {
  readonly alg: SupportedAlg;
  /** The DID URL of the verification method, put in the JWS header as `kid`. */
  readonly kid: string;
  /** Signs `base64url(header).base64url(payload)`; returns the base64url signature. */
  sign(signingInput: string): Promise<string>;
}

/** Whether a value names an algorithm we accept. */
export function isSupportedAlg(alg: unknown): alg is SupportedAlg {
  return typeof alg === 'string' && (SUPPORTED_ALGS as readonly string[]).includes(alg);
}
