import type { TrustRegistryLookupOptions } from '@staff-passport/wallet-sdk/browser';

/** The wallet's runtime configuration, from `config.json` beside the app (see the README). */
export interface AppConfig {
  /**
   * Resolve did:web and fetch offers on 127.0.0.1 / localhost over plain http (local demos and
   * tests only; default false).
   */
  allowHttpLoopback: boolean;
  /** Where to fetch the signed trust registry (`application/trust-registry+jwt`); no registry when absent. */
  trustRegistryUrl?: string;
  /** The registry operator's public keys (JWKs with a `kid`) the registry must be signed with. */
  trustRegistryKeys?: TrustRegistryLookupOptions['keys'];
  /**
   * Organisations whose staff can collect their credentials here by signing in (OpenID4VCI 1.0
   * authorization code flow): a name and its credential issuer identifier. None when absent.
   */
  employers: { name: string; credentialIssuer: string }[];
}

const DEFAULTS: AppConfig = { allowHttpLoopback: false, employers: [] };

/**
 * Reads `./config.json` from the app's own origin. A missing or unreadable file means the
 * defaults (no loopback, no trust registry): the app still starts, offline too.
 *
 * @example
 * const config = await loadAppConfig(); // { allowHttpLoopback: false, employers: [] }
 */
export async function loadAppConfig(fetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init)): Promise<AppConfig> {
  let body: unknown;
  try {
    const response = await fetch('./config.json', { cache: 'no-cache', credentials: 'same-origin' });
    if (!response.ok) return DEFAULTS;
    body = await response.json();
  } catch {
    return DEFAULTS;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return DEFAULTS;
  const raw = body as Record<string, unknown>;
  const keys = Array.isArray(raw['trustRegistryKeys']) ? raw['trustRegistryKeys'].filter((k): k is Record<string, unknown> => typeof k === 'object' && k !== null) : undefined;
  const url = typeof raw['trustRegistryUrl'] === 'string' && raw['trustRegistryUrl'] !== '' ? raw['trustRegistryUrl'] : undefined;
  const employers = (Array.isArray(raw['employers']) ? raw['employers'] : []).flatMap((e: unknown) => {
    const entry = typeof e === 'object' && e !== null ? (e as Record<string, unknown>) : {};
    const name = entry['name'];
    const issuer = entry['credentialIssuer'];
    return typeof name === 'string' && name !== '' && typeof issuer === 'string' && /^https?:\/\//.test(issuer) ? [{ name, credentialIssuer: issuer }] : [];
  });
  return {
    allowHttpLoopback: raw['allowHttpLoopback'] === true,
    employers,
    // A registry is only used with the keys to check it: a URL alone would be trusted on its word.
    ...(url && keys && keys.length > 0 ? { trustRegistryUrl: new URL(url, globalThis.location?.href).toString(), trustRegistryKeys: keys } : {}),
  };
}
