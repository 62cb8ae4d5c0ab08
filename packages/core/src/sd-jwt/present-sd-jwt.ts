import { isObject } from '../lib/is-object.js';
import type { JwsSigner } from '../jose/jws-signer.js';
import { PassportError } from '../errors/passport-error.js';
import { buildPathTree, isUnderSelectedPath } from './lib/claim-paths.js';
import { assertSha256, digestOf, digestsOf, parseDisclosure } from './lib/disclosures.js';
import { processDisclosures } from './lib/process-disclosures.js';
import { signJwt } from './lib/sign-jwt.js';
import { decodeJwt, splitSdJwt } from './lib/split-sd-jwt.js';
import { webCryptoSha256 } from './web-crypto.js';
import type { Hasher } from './types.js';

/** A selectively disclosable claim of an SD-JWT, as a disclosure predicate sees it. */
export interface DisclosableClaim {
  /** Dotted path, array elements by their index in the Issuer-signed array: `address.region`, `nationalities.0`. */
  path: string;
  segments: readonly string[];
  /** The claim name; absent for an array element. */
  name?: string;
  /** The value as the Disclosure carries it (nested disclosable claims still as digests). */
  value: unknown;
}

/** The Key Binding a presentation carries (RFC 9901, section 4.3). */
export interface KeyBindingOptions {
  /** The verifier the presentation is for (its client id). */
  aud: string;
  /** The verifier's nonce for this transaction. */
  nonce: string;
  /** Issued at, seconds since the epoch; now by default. */
  iat?: number;
  /** Signs with the holder key the SD-JWT's `cnf` names. */
  signer: JwsSigner;
}

/** Options for {@link presentSdJwt}. */
export interface PresentSdJwtOptions {
  /** The SD-JWT as issued (with all its Disclosures, without a KB-JWT). */
  sdJwt: string;
  /**
   * Which claims to disclose: dotted paths (a path discloses that claim and everything under it;
   * `*` matches any name or index), or a predicate called for each selectively disclosable claim.
   * The Disclosures that embed a chosen one are added, as a verifier needs them to reach it.
   */
  disclose: readonly string[] | ((claim: DisclosableClaim) => boolean);
  /** Adds a KB-JWT, making an SD-JWT+KB. */
  kb?: KeyBindingOptions;
  hasher?: Hasher;
  /** The clock, for the default KB-JWT `iat`. */
  now?: Date;
}

/**
 * Makes a presentation of an SD-JWT: the Issuer-signed JWT with only the chosen Disclosures
 * (RFC 9901, section 7.2), and with `kb` a KB-JWT (`typ: kb+jwt`, `iat`, `aud`, `nonce`,
 * `sd_hash` over the presented SD-JWT as section 4.3.1 says). Runs in browsers.
 *
 * @example
 * const presentation = await presentSdJwt({
 *   sdJwt: credential,
 *   disclose: ['training.completedOn'],
 *   kb: { aud: 'x509_san_dns:verifier.example.nhs.uk', nonce, signer: holderSigner },
 * });
 * @throws PassportError `ERR_SDJWT_MALFORMED` / `ERR_SDJWT_DISCLOSURE_*` when the SD-JWT is not well formed
 *   (or already has a KB-JWT); `ERR_REQUEST_INVALID` for a bad path, or for `kb` when the SD-JWT has no `cnf`.
 */
export async function presentSdJwt(options: PresentSdJwtOptions): Promise<string> {
  const hasher = options.hasher ?? webCryptoSha256;
  const parts = splitSdJwt(options.sdJwt);
  if (parts.kbJwt !== undefined) throw new PassportError('ERR_SDJWT_MALFORMED', 'this is already a presentation (it ends with a KB-JWT)');
  const { payload } = decodeJwt(parts.issuerJwt, 'ERR_SDJWT_MALFORMED');
  assertSha256(payload);
  const contents = parts.disclosures.map(parseDisclosure);
  const digests = await digestsOf(parts.disclosures, hasher);
  const processed = processDisclosures(
    payload,
    contents.map((c, i) => ({ digest: digests[i]!, contents: c })),
  );
  const problem = processed.problems[0];
  if (problem) throw new PassportError(problem.code, problem.message);

  const wanted = choose(options.disclose);
  const chosen = new Set<number>();
  for (const [i, segments] of processed.paths.entries()) {
    if (!segments) continue;
    const c = contents[i]!;
    if (!wanted({ path: segments.join('.'), segments, ...(c.name === undefined ? {} : { name: c.name }), value: c.value })) continue;
    // The Disclosures that embed this one's digest, up to the payload (RFC 9901, section 7.2).
    for (let at = i; at >= 0 && !chosen.has(at); at = processed.parents[at]!) chosen.add(at);
  }
  const kept = parts.disclosures.filter((_, i) => chosen.has(i));
  const sdJwt = kept.length === 0 ? `${parts.issuerJwt}~` : `${parts.issuerJwt}~${kept.join('~')}~`;
  if (!options.kb) return sdJwt;

  const cnf = processed.claims['cnf'];
  if (!isObject(cnf)) throw new PassportError('ERR_REQUEST_INVALID', 'the SD-JWT names no holder key (cnf), so it cannot be key bound', { field: 'kb' });
  const sdHash = digestOf(sdJwt, hasher);
  const kbPayload = {
    iat: options.kb.iat ?? Math.floor((options.now ?? new Date()).getTime() / 1000),
    aud: options.kb.aud,
    nonce: options.kb.nonce,
    sd_hash: typeof sdHash === 'string' ? sdHash : await sdHash,
  };
  return `${sdJwt}${await signJwt({ typ: 'kb+jwt' }, kbPayload, options.kb.signer, false)}`;
}

function choose(disclose: PresentSdJwtOptions['disclose']): (claim: DisclosableClaim) => boolean {
  if (typeof disclose === 'function') return disclose;
  if (!Array.isArray(disclose)) throw new PassportError('ERR_REQUEST_INVALID', 'disclose must be a list of paths or a function', { field: 'disclose' });
  const tree = buildPathTree(disclose, 'disclose');
  return (claim) => isUnderSelectedPath(tree, claim.segments);
}
