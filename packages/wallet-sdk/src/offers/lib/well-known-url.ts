/**
 * A well-known URL for an identifier with a path: the well-known segment goes between the host
 * and the path (RFC 8414 section 3.1; OpenID4VCI 1.0 section 12.2.2).
 */
export function wellKnownUrl(identifier: string, name: string): string {
  const url = new URL(identifier);
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return `${url.origin}/.well-known/${name}${path}`;
}
