import { isObject } from '../../lib/is-object.js';
import type { ErrorCode } from '../../errors/error-codes.js';
import type { DisclosureContents } from './disclosures.js';

/** One problem found while applying Disclosures. */
export interface DisclosureProblem {
  code: ErrorCode;
  message: string;
}

/** A Disclosure to apply: its digest, and its contents unless it could not be decoded (already reported). */
export interface DisclosureInput {
  digest: string;
  contents: DisclosureContents | undefined;
}

/** What applying the Disclosures to an Issuer-signed JWT payload gives. */
export interface ProcessedDisclosures {
  /** The payload with the Disclosures applied and `_sd`, `...` digests and `_sd_alg` removed. */
  claims: Record<string, unknown>;
  problems: DisclosureProblem[];
  /**
   * For each Disclosure (in input order): the path of its claim as path segments, or undefined when
   * nothing references it. Array elements are named by their index in the Issuer-signed array.
   */
  paths: (readonly string[] | undefined)[];
  /** For each Disclosure: the index of the Disclosure whose value embeds its digest, or -1 (the payload itself). */
  parents: number[];
}

/**
 * Applies Disclosures to an Issuer-signed JWT payload as RFC 9901, section 7.1, step 3 says, and
 * collects what steps 3 to 5 reject: a digest found more than once (step 4), a Disclosure that
 * nothing references (step 5), a Disclosure of the wrong shape for where its digest is (steps
 * 3.3.2.1 and 3.3.3.1), a reserved or clashing claim name (steps 3.3.2.2 and 3.3.2.3). Digests no
 * Disclosure matches are decoys or undisclosed claims and are dropped (step 3.3.1).
 */
export function processDisclosures(payload: Record<string, unknown>, disclosures: readonly DisclosureInput[]): ProcessedDisclosures {
  const problems: DisclosureProblem[] = [];
  const byDigest = new Map<string, number>();
  const used: boolean[] = new Array<boolean>(disclosures.length).fill(false);
  const paths: (readonly string[] | undefined)[] = new Array<readonly string[] | undefined>(disclosures.length).fill(undefined);
  const parents: number[] = new Array<number>(disclosures.length).fill(-1);
  for (const [i, d] of disclosures.entries()) {
    if (byDigest.has(d.digest)) {
      problems.push({ code: 'ERR_SDJWT_DISCLOSURE_DUPLICATE', message: `Disclosure ${i} is given more than once` });
      used[i] = true;
    } else {
      byDigest.set(d.digest, i);
    }
    // A Disclosure that could not be decoded was reported already; do not report it again as unreferenced.
    if (!d.contents) used[i] = true;
  }
  const seen = new Set<string>();

  // Marks a digest as met; false when it was met before (step 4).
  const meet = (digest: string): boolean => {
    if (seen.has(digest)) {
      problems.push({ code: 'ERR_SDJWT_DISCLOSURE_DUPLICATE', message: `the digest ${digest} appears more than once` });
      return false;
    }
    seen.add(digest);
    return true;
  };

  const walk = (value: unknown, path: readonly string[], parent: number): unknown => {
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        const element: unknown = value[i];
        const elementPath = [...path, String(i)];
        if (!isArrayDigest(element)) {
          out.push(walk(element, elementPath, parent));
          continue;
        }
        const digest = element['...'];
        if (typeof digest !== 'string') {
          problems.push({ code: 'ERR_SDJWT_MALFORMED', message: `the "..." of ${elementPath.join('.')} is not a digest string` });
          continue;
        }
        if (!meet(digest)) continue;
        const index = byDigest.get(digest);
        const disclosure = index === undefined ? undefined : disclosures[index]!.contents;
        if (index === undefined || !disclosure) continue;
        used[index] = true;
        if (disclosure.name !== undefined) {
          problems.push({ code: 'ERR_SDJWT_DISCLOSURE_INVALID', message: `Disclosure ${index} names a claim but is referenced as an array element` });
          continue;
        }
        paths[index] = elementPath;
        parents[index] = parent;
        out.push(walk(disclosure.value, elementPath, index));
      }
      return out;
    }
    if (!isObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (key !== '_sd') setClaim(out, key, walk(value[key], [...path, key], parent));
    }
    const sd = value['_sd'];
    if (sd === undefined) return out;
    if (!Array.isArray(sd) || !sd.every((d): d is string => typeof d === 'string')) {
      problems.push({ code: 'ERR_SDJWT_MALFORMED', message: `the _sd of ${path.join('.') || 'the payload'} is not an array of digest strings` });
      return out;
    }
    for (const digest of sd) {
      if (!meet(digest)) continue;
      const index = byDigest.get(digest);
      const disclosure = index === undefined ? undefined : disclosures[index]!.contents;
      if (index === undefined || !disclosure) continue;
      used[index] = true;
      const name = disclosure.name;
      if (name === undefined) {
        problems.push({ code: 'ERR_SDJWT_DISCLOSURE_INVALID', message: `Disclosure ${index} is an array element but is referenced from _sd` });
        continue;
      }
      if (Object.hasOwn(out, name)) {
        problems.push({ code: 'ERR_SDJWT_DISCLOSURE_INVALID', message: `Disclosure ${index} discloses ${[...path, name].join('.')}, which already exists` });
        continue;
      }
      const claimPath = [...path, name];
      paths[index] = claimPath;
      parents[index] = parent;
      setClaim(out, name, walk(disclosure.value, claimPath, index));
    }
    return out;
  };

  const claims = walk(payload, [], -1) as Record<string, unknown>;
  delete claims['_sd_alg'];
  for (const [i, isUsed] of used.entries()) {
    if (!isUsed) problems.push({ code: 'ERR_SDJWT_DISCLOSURE_UNREFERENCED', message: `no digest in the SD-JWT references Disclosure ${i}` });
  }
  return { claims, problems, paths, parents };
}

/** An array element standing for a Disclosure: an object whose only key is "..." (RFC 9901, section 4.2.4.2). */
function isArrayDigest(element: unknown): element is { '...': unknown } {
  if (!isObject(element)) return false;
  let count = 0;
  for (const key in element) {
    if (key !== '...') return false;
    count++;
  }
  return count === 1;
}

/** Sets an own property, also for the name "__proto__" (which JSON may carry and plain assignment would treat as the prototype). */
export function setClaim(target: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__') Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  else target[name] = value;
}
