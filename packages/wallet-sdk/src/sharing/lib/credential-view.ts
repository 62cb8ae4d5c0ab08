import { SD_JWT_VC_ENVELOPE_CLAIMS, isObject } from '@staff-passport/core/browser';
import { decodeJwt } from 'jose';
import { readSdJwtClaims } from '../../lib/sd-jwt-claims.js';
import type { StoredCredential } from '../../stores/credential-store.js';

/** A path into a credential: names, array indexes, and null for "every element" (OpenID4VP 1.0, section 7). */
export type ClaimPath = readonly (string | number | null)[];

/** A stored credential as requests are matched against it. */
export interface CredentialView {
  credential: StoredCredential;
  /** What DCQL claim paths start from: the SD-JWT's claims, or the W3C credential. */
  root: Record<string, unknown>;
  /** What PE field paths may also start from: a JWT's payload (`$.vc.credentialSubject...`). */
  payload?: Record<string, unknown>;
  /** The W3C `type` values (empty for SD-JWT). */
  types: string[];
  vct?: string;
  /** Whether claims can be left out (SD-JWT). */
  selective: boolean;
  /**
   * SD-JWT: the claims the issuer did not make selectively disclosable (plain in the signed
   * payload), which every presentation of the credential shows, whatever is chosen.
   */
  alwaysDisclosed?: ClaimPath[];
}

// Leaves of the signed payload outside the disclosures: plain claims, with `_sd` digests and the
// SD-JWT VC envelope (iss, vct, cnf, status...) left out.
function plainClaimPaths(node: Record<string, unknown>, prefix: (string | number)[], top: boolean): ClaimPath[] {
  const paths: ClaimPath[] = [];
  for (const [name, value] of Object.entries(node)) {
    if (name === '_sd' || name === '_sd_alg' || (top && SD_JWT_VC_ENVELOPE_CLAIMS.includes(name))) continue;
    if (isObject(value)) paths.push(...plainClaimPaths(value, [...prefix, name], false));
    else paths.push([...prefix, name]);
  }
  return paths;
}

/** Decodes a stored credential for matching; undefined for one that cannot be presented (ldp_vc, malformed). */
export async function viewCredential(credential: StoredCredential): Promise<CredentialView | undefined> {
  try {
    if (credential.format === 'dc+sd-jwt' && typeof credential.raw === 'string') {
      const { claims } = await readSdJwtClaims(credential.raw);
      const vct = typeof claims['vct'] === 'string' ? claims['vct'] : undefined;
      const signed = decodeJwt(credential.raw.split('~')[0]!) as Record<string, unknown>;
      return { credential, root: claims, types: [], ...(vct ? { vct } : {}), selective: true, alwaysDisclosed: plainClaimPaths(signed, [], true) };
    }
    if ((credential.format === 'jwt_vc_json' || credential.format === 'vc+jwt') && typeof credential.raw === 'string') {
      const payload = decodeJwt(credential.raw) as Record<string, unknown>;
      const vc = isObject(payload['vc']) ? payload['vc'] : payload;
      const types = Array.isArray(vc['type']) ? vc['type'].filter((t): t is string => typeof t === 'string') : typeof vc['type'] === 'string' ? [vc['type']] : [];
      return { credential, root: vc, payload, types, selective: false };
    }
  } catch {
    return undefined; // a credential the wallet cannot read is simply not offered
  }
  return undefined;
}

/** The values a claim path selects (OpenID4VP 1.0, section 7.1); empty when it selects nothing. */
export function selectPath(root: unknown, path: ClaimPath): unknown[] {
  let current: unknown[] = [root];
  for (const segment of path) {
    const next: unknown[] = [];
    for (const node of current) {
      if (segment === null) {
        if (Array.isArray(node)) next.push(...node);
      } else if (typeof segment === 'number') {
        if (Array.isArray(node) && segment < node.length) next.push(node[segment]);
      } else if (isObject(node) && segment in node) {
        next.push(node[segment]);
      }
    }
    if (next.length === 0) return [];
    current = next;
  }
  return current;
}

/** A claim path as the dotted form `presentSdJwt` and the preview use (`*` for null). */
export function dottedPath(path: ClaimPath): string {
  return path.map((s) => (s === null ? '*' : String(s))).join('.');
}

/** The path the sharing log records: from the credential root, SD-JWT subject claims under `credentialSubject`. */
export function logPathOf(view: CredentialView, path: ClaimPath): string {
  const dotted = dottedPath(path);
  if (view.credential.format !== 'dc+sd-jwt') return dotted;
  const first = path[0];
  return typeof first === 'string' && SD_JWT_VC_ENVELOPE_CLAIMS.includes(first) && first !== 'sub' ? dotted : `credentialSubject.${dotted}`;
}

/** Every claim a whole-credential presentation discloses, as paths from the view's root. */
export function allClaimPaths(view: CredentialView): ClaimPath[] {
  if (view.credential.format === 'dc+sd-jwt') {
    return Object.keys(view.root).filter((name) => !SD_JWT_VC_ENVELOPE_CLAIMS.includes(name)).map((name) => [name]);
  }
  const subject = view.root['credentialSubject'];
  return isObject(subject) ? Object.keys(subject).map((name) => ['credentialSubject', name]) : [];
}

/**
 * Whether every presentation of the credential shows this claim: its issuer did not make it (or
 * an object holding it) selectively disclosable, nor anything inside it. Always true for a
 * credential without selective disclosure.
 */
export function isAlwaysDisclosed(view: CredentialView, path: ClaimPath): boolean {
  if (!view.selective) return true;
  const plain = new Set((view.alwaysDisclosed ?? []).map(dottedPath));
  const dotted = dottedPath(path);
  if ([...plain].some((p) => p === dotted || dotted.startsWith(`${p}.`))) return true;
  // An object claim with nothing selectively disclosable inside it (every leaf plain) is always
  // disclosed too; one holding a Disclosure is not, since that part can be withheld.
  if (!path.every((s): s is string | number => s !== null)) return false;
  const [value] = selectPath(view.root, path);
  if (!isObject(value)) return false;
  const leaves = plainClaimPaths(value, [...path], false);
  return leaves.length > 0 && leaves.every((leaf) => plain.has(dottedPath(leaf)));
}

/** The claims every presentation of the credential discloses, dotted (a candidate's `alwaysShared`). */
export function alwaysSharedPaths(view: CredentialView): string[] {
  return (view.selective ? (view.alwaysDisclosed ?? []) : allClaimPaths(view)).map(dottedPath);
}
