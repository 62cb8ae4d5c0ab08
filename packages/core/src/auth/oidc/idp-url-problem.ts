/** Hosts that are this machine: the only ones plain http may reach, and only when allowed. */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Why an identity provider URL (issuer, JWKS, discovered JWKS) is refused, or `undefined` when it
 * is fine: https only (http on loopback when the deployment allows it), no credentials, no
 * fragment.
 *
 * @example
 * idpUrlProblem('http://idp.example', false); // 'must be an https URL'
 */
export function idpUrlProblem(raw: string, allowHttpLoopback: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  const httpAllowed = allowHttpLoopback && url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !httpAllowed) return 'must be an https URL';
  if (url.username || url.password) return 'must not carry credentials';
  if (url.hash) return 'must not have a fragment';
  return undefined;
}
