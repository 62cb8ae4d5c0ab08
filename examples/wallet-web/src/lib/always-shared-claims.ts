// An SD-JWT VC shares every claim the issuer did not make selectively disclosable, whatever the
// holder chooses (SD-JWT, RFC 9901 section 4: only claims behind `_sd` digests can be withheld).
// The share screen must not offer to leave those out, and must say they go with the credential.
import { SD_JWT_VC_ENVELOPE_CLAIMS } from '@staff-passport/core/browser';
import type { StoredCredential } from '@staff-passport/wallet-sdk/browser';

/** The JWT payload of a compact SD-JWT (`jwt~disclosure~...~`), or undefined when it cannot be read. */
function plainPayload(raw: string): Record<string, unknown> | undefined {
  const body = raw.split('~')[0]?.split('.')[1];
  if (!body) return undefined;
  try {
    const binary = atob(body.replace(/-/g, '+').replace(/_/g, '/'));
    const parsed: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The subject claims an SD-JWT credential always shares, as dotted paths of their leaves
 * (`identity.confidenceLevel`): those in the signed payload itself rather than in a Disclosure.
 * Empty for other formats (a JWT VC is shared whole, and says so).
 *
 * @example
 * alwaysSharedClaims(stored).has('identity.method'); // true when the issuer did not make it disclosable
 */
export function alwaysSharedClaims(stored: StoredCredential): Set<string> {
  const paths = new Set<string>();
  if (stored.format !== 'dc+sd-jwt' || typeof stored.raw !== 'string') return paths;
  const payload = plainPayload(stored.raw);
  if (!payload) return paths;
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [name, child] of Object.entries(value)) if (name !== '_sd' && name !== '_sd_alg') walk(child, path ? `${path}.${name}` : name);
      return;
    }
    // Arrays are kept whole: an element hidden behind a digest is a claim of its own, not this one.
    paths.add(path);
  };
  for (const [name, value] of Object.entries(payload)) {
    if (name === '_sd' || name === '_sd_alg' || SD_JWT_VC_ENVELOPE_CLAIMS.includes(name)) continue;
    walk(value, name);
  }
  return paths;
}

/**
 * Whether a claim path (`identity.reverifyBy`) is shared whatever the holder chooses. An object
 * claim is left to the wallet SDK: some of its parts may be withheld.
 */
export function isAlwaysShared(path: string, always: ReadonlySet<string>): boolean {
  return always.has(path.replace(/^credentialSubject\./, ''));
}
