import { PassportError, decodeSdJwt, isObject, type Disclosure } from '@staff-passport/core/browser';

/** An SD-JWT's claims as its holder sees them, with what can be left out of a presentation. */
export interface SdJwtClaims {
  /** The Issuer-signed JWT's header. */
  header: Record<string, unknown>;
  /** Every claim, with all the Disclosures applied (no `_sd`, `_sd_alg` or `...`). */
  claims: Record<string, unknown>;
  /** The selectively disclosable claims, as dotted paths (array elements by their issuer-signed index). */
  disclosable: string[];
}

/**
 * Applies an SD-JWT's Disclosures to its payload (RFC 9901, section 7.1, steps 3 to 5) without
 * verifying the signature: what a wallet shows for a credential it holds and matches requests on.
 *
 * @example
 * const { claims, disclosable } = await readSdJwtClaims(stored.raw);
 * @throws PassportError `ERR_SDJWT_MALFORMED` / `ERR_SDJWT_DISCLOSURE_INVALID` for a malformed SD-JWT.
 */
export async function readSdJwtClaims(compact: string): Promise<SdJwtClaims> {
  const decoded = await decodeSdJwt(compact);
  const byDigest = new Map<string, Disclosure>(decoded.disclosures.map((d) => [d.digest, d]));
  const disclosable: string[] = [];
  const walk = (node: unknown, path: string[]): unknown => {
    if (Array.isArray(node)) {
      const out: unknown[] = [];
      node.forEach((element, index) => {
        if (isObject(element) && Object.keys(element).length === 1 && typeof element['...'] === 'string') {
          const found = byDigest.get(element['...']);
          if (!found) return; // a decoy, or a Disclosure the holder was not given
          disclosable.push([...path, String(index)].join('.'));
          out.push(walk(found.value, [...path, String(index)]));
        } else {
          out.push(walk(element, [...path, String(index)]));
        }
      });
      return out;
    }
    if (!isObject(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(node)) {
      if (name === '_sd' || (name === '_sd_alg' && path.length === 0)) continue;
      out[name] = walk(value, [...path, name]);
    }
    const digests = node['_sd'];
    if (digests !== undefined && !Array.isArray(digests)) throw new PassportError('ERR_SDJWT_MALFORMED', '_sd is not an array');
    for (const digest of (digests ?? []) as unknown[]) {
      const found = typeof digest === 'string' ? byDigest.get(digest) : undefined;
      if (!found || found.name === undefined) continue;
      disclosable.push([...path, found.name].join('.'));
      out[found.name] = walk(found.value, [...path, found.name]);
    }
    return out;
  };
  const claims = walk(decoded.jwt.payload, []) as Record<string, unknown>;
  return { header: decoded.jwt.header, claims, disclosable };
}
