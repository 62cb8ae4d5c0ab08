import { isObject } from '../lib/is-object.js';
import type { JwsSigner } from '../jose/jws-signer.js';
import { PassportError } from '../errors/passport-error.js';
import { buildPathTree, childOf, type PathTree } from './lib/claim-paths.js';
import { digestOf, encodeDisclosure } from './lib/disclosures.js';
import { setClaim } from './lib/process-disclosures.js';
import { signJwt } from './lib/sign-jwt.js';
import { webCryptoSaltGenerator, webCryptoSha256 } from './web-crypto.js';
import type { Hasher, SaltGenerator } from './types.js';

/** Options for {@link issueSdJwt}. */
export interface IssueSdJwtOptions {
  /** The claims to sign, with the selectively disclosable ones in place (they are replaced by digests). */
  payload: Record<string, unknown>;
  /**
   * Dotted paths of the claims to make selectively disclosable: `address` (a claim),
   * `address.region` (a claim nested in an object), `nationalities.0` (an array element),
   * `nationalities.*` (every element). Naming both `address` and `address.region` discloses
   * recursively (RFC 9901, section 4.2.6). Paths to claims the payload does not have are ignored,
   * so a type's list of disclosable claims can name optional ones.
   */
  disclosable?: readonly string[];
  signer: JwsSigner;
  /** The JOSE header `typ`; leave out for none. */
  typ?: string;
  /** SHA-256; WebCrypto by default, `nodeSha256` from `default-crypto.ts` on a server. */
  hasher?: Hasher;
  /** WebCrypto salts by default, `nodeSaltGenerator` on a server. */
  saltGenerator?: SaltGenerator;
  /** Decoy digests to add to each `_sd` array made (RFC 9901, section 4.2.5), so the number of claims is hidden. */
  decoys?: number;
}

/** Claim names the payload itself may not use: SD-JWT gives them their meaning (RFC 9901, section 4.1). */
const SD_JWT_NAMES = new Set(['_sd', '...', '_sd_alg']);

/**
 * Issues an SD-JWT (RFC 9901, section 4): `<Issuer-signed JWT>~<Disclosure 1>~...~<Disclosure N>~`,
 * with `_sd_alg: sha-256` and the digests of each `_sd` array sorted (section 4.2.4.1), so they
 * leak neither the order nor the names of the claims.
 *
 * @example
 * const sdJwt = await issueSdJwt({ payload: { iss, given_name: 'Ada' }, disclosable: ['given_name'], signer, typ: 'example+sd-jwt' });
 * @throws PassportError `ERR_REQUEST_INVALID` when the payload uses `_sd`, `...` or `_sd_alg`, or a path is not a dotted path.
 */
export async function issueSdJwt(options: IssueSdJwtOptions): Promise<string> {
  if (!isObject(options.payload)) throw new PassportError('ERR_REQUEST_INVALID', 'the payload must be a JSON object', { field: 'payload' });
  assertNoSdJwtNames(options.payload, 'payload');
  const decoys = options.decoys ?? 0;
  if (!Number.isInteger(decoys) || decoys < 0) throw new PassportError('ERR_REQUEST_INVALID', 'decoys must be a whole number', { field: 'decoys' });
  const hasher = options.hasher ?? webCryptoSha256;
  const saltGenerator = options.saltGenerator ?? webCryptoSaltGenerator;
  const tree = buildPathTree(options.disclosable ?? [], 'disclosable');
  const disclosures: string[] = [];

  const salt = async (): Promise<string> => {
    const s = saltGenerator();
    return typeof s === 'string' ? s : await s;
  };
  const disclose = async (name: string | undefined, value: unknown): Promise<string> => {
    const encoded = encodeDisclosure(await salt(), name, value);
    disclosures.push(encoded);
    const digest = digestOf(encoded, hasher);
    return typeof digest === 'string' ? digest : await digest;
  };

  // Children first: a disclosed object's Disclosure then carries its own children's digests.
  const pack = async (value: unknown, node: PathTree | undefined): Promise<unknown> => {
    if (!node || node.children.size === 0) return value;
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        const child = childOf(node, String(i));
        const packed = await pack(value[i], child);
        out.push(child?.selected ? { '...': await disclose(undefined, packed) } : packed);
      }
      return out;
    }
    if (!isObject(value)) return value;
    const out: Record<string, unknown> = {};
    const digests: string[] = [];
    for (const key of Object.keys(value)) {
      const child = childOf(node, key);
      const packed = await pack(value[key], child);
      if (child?.selected) digests.push(await disclose(key, packed));
      else setClaim(out, key, packed);
    }
    if (digests.length > 0) {
      for (let i = 0; i < decoys; i++) {
        const digest = digestOf(await salt(), hasher);
        digests.push(typeof digest === 'string' ? digest : await digest);
      }
      out['_sd'] = digests.sort();
    }
    return out;
  };

  const packed = (await pack(options.payload, tree)) as Record<string, unknown>;
  const header = options.typ === undefined ? {} : { typ: options.typ };
  const jwt = await signJwt(header, { ...packed, _sd_alg: 'sha-256' }, options.signer, true);
  return disclosures.length === 0 ? `${jwt}~` : `${jwt}~${disclosures.join('~')}~`;
}

function assertNoSdJwtNames(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertNoSdJwtNames(v, `${path}.${i}`));
  } else if (isObject(value)) {
    for (const key of Object.keys(value)) {
      if (SD_JWT_NAMES.has(key)) throw new PassportError('ERR_REQUEST_INVALID', `${path} uses the reserved claim name ${key}`, { field: `${path}.${key}` });
      assertNoSdJwtNames(value[key], `${path}.${key}`);
    }
  }
}
