import { decodeSdJwt, isObject, nodeSha256, type Disclosure } from '@staff-passport/core';
import type { PathPointer } from './claims-path.js';

/**
 * The paths of the claims an SD-JWT presentation discloses through Disclosures (RFC 9901 section
 * 4.2): object properties named by `_sd` digests and array elements `{"...": digest}`, followed
 * into disclosed values (recursive disclosures). Claims the issuer did not make disclosable are
 * not listed: the holder could not have withheld them. Undefined when the SD-JWT does not decode
 * (the pipeline reports why).
 */
export async function disclosedPaths(compact: string): Promise<PathPointer[] | undefined> {
  let decoded;
  try {
    decoded = await decodeSdJwt(compact, { hasher: nodeSha256 });
  } catch {
    return undefined;
  }
  const byDigest = new Map<string, Disclosure>(decoded.disclosures.map((d) => [d.digest, d]));
  const found: PathPointer[] = [];
  const walk = (node: unknown, path: PathPointer, depth: number): void => {
    if (depth > 32) return;
    if (Array.isArray(node)) {
      node.forEach((element: unknown, i) => {
        const digest = isObject(element) && Object.keys(element).length === 1 && typeof element['...'] === 'string' ? element['...'] : undefined;
        const disclosure = digest === undefined ? undefined : byDigest.get(digest);
        if (disclosure) {
          found.push([...path, i]);
          walk(disclosure.value, [...path, i], depth + 1);
        } else if (digest === undefined) {
          walk(element, [...path, i], depth + 1);
        }
      });
      return;
    }
    if (!isObject(node)) return;
    const digests = Array.isArray(node['_sd']) ? (node['_sd'] as unknown[]) : [];
    for (const digest of digests) {
      const disclosure = typeof digest === 'string' ? byDigest.get(digest) : undefined;
      if (disclosure?.name !== undefined) {
        found.push([...path, disclosure.name]);
        walk(disclosure.value, [...path, disclosure.name], depth + 1);
      }
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== '_sd' && key !== '_sd_alg') walk(value, [...path, key], depth + 1);
    }
  };
  walk(decoded.jwt.payload, [], 0);
  return found;
}
