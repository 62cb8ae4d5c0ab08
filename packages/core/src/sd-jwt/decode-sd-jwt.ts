import { assertSha256, digestsOf, parseDisclosure } from './lib/disclosures.js';
import { decodeJwt, splitSdJwt } from './lib/split-sd-jwt.js';
import { webCryptoSha256 } from './web-crypto.js';
import type { DecodedJwt, Disclosure, Hasher } from './types.js';

/** An SD-JWT or SD-JWT+KB taken apart, not verified. */
export interface DecodedSdJwt {
  /** The Issuer-signed JWT. */
  jwt: DecodedJwt;
  /** The Disclosures, in the order given, each with its digest. */
  disclosures: Disclosure[];
  /** The KB-JWT of an SD-JWT+KB. */
  kbJwt?: DecodedJwt;
  /** The SD-JWT without the KB-JWT: `<Issuer-signed JWT>~<Disclosure 1>~...~<Disclosure N>~`. */
  sdJwt: string;
}

/** Options for {@link decodeSdJwt}. */
export interface DecodeSdJwtOptions {
  /** SHA-256 for the digests; WebCrypto by default. */
  hasher?: Hasher;
}

/**
 * Takes an SD-JWT or SD-JWT+KB apart (RFC 9901, section 4) and computes each Disclosure's digest
 * (section 4.2.3). Strict: any malformed part throws. Nothing is verified; see `verifySdJwtVc`.
 *
 * @example
 * const { jwt, disclosures } = await decodeSdJwt(credential, { hasher: nodeSha256 });
 * disclosures.map((d) => [d.name, d.value]);
 * @throws PassportError `ERR_SDJWT_MALFORMED` for the structure, the JWTs or an `_sd_alg` other than sha-256
 *   (`ERR_VC_ALG_UNSUPPORTED`); `ERR_SDJWT_DISCLOSURE_INVALID` for a Disclosure that is not a salt, name and value.
 */
export async function decodeSdJwt(compact: string, options: DecodeSdJwtOptions = {}): Promise<DecodedSdJwt> {
  const parts = splitSdJwt(compact);
  const jwt = decodeJwt(parts.issuerJwt, 'ERR_SDJWT_MALFORMED');
  assertSha256(jwt.payload);
  const contents = parts.disclosures.map(parseDisclosure);
  const kbJwt = parts.kbJwt === undefined ? undefined : decodeJwt(parts.kbJwt, 'ERR_SDJWT_MALFORMED');
  const digests = await digestsOf(parts.disclosures, options.hasher ?? webCryptoSha256);
  const disclosures = contents.map((c, i): Disclosure => ({ encoded: parts.disclosures[i]!, digest: digests[i]!, ...c }));
  return { jwt, disclosures, ...(kbJwt ? { kbJwt } : {}), sdJwt: parts.sdJwt };
}
