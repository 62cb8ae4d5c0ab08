/** The `max-age` of a `Cache-Control` header in milliseconds; 0 for `no-store` or `no-cache`. */
export function maxAgeMs(cacheControl: string | undefined): number | undefined {
  if (!cacheControl) return undefined;
  let maxAge: number | undefined;
  for (const directive of cacheControl.toLowerCase().split(',')) {
    const [name, value] = directive.trim().split('=', 2);
    if (name === 'no-store' || name === 'no-cache') return 0;
    if (name === 'max-age' && value !== undefined && /^\d+$/.test(value.trim())) maxAge = Number(value.trim()) * 1000;
  }
  return maxAge;
}

/**
 * How long to keep a list: its own time to live first (the Token Status List draft, section 8.2,
 * puts `ttl` before HTTP headers; the Bitstring Status List's `ttl` asks the same), then the
 * HTTP `max-age`, then the default; never past the list's own expiry.
 */
export function cacheLifetimeMs(args: {
  listTtlMs: number | undefined;
  cacheControl: string | undefined;
  defaultTtlMs: number;
  expiresAtMs: number | undefined;
  nowMs: number;
}): number {
  const ttl = args.listTtlMs ?? maxAgeMs(args.cacheControl) ?? args.defaultTtlMs;
  return args.expiresAtMs === undefined ? ttl : Math.min(ttl, args.expiresAtMs - args.nowMs);
}
