/**
 * The value of a cookie of the request, or `undefined` (the first one when sent twice). Pages'
 * cookies are our own opaque tokens: no decoding is needed.
 *
 * @example
 * const sealed = readCookie(req, 'sp_console');
 */
export function readCookie(req: { headers: { cookie?: string | undefined } }, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** `; Secure` when a service is reached over https (browsers refuse Secure cookies over http). */
export function secureCookieAttribute(publicUrl: string): string {
  return publicUrl.startsWith('https:') ? '; Secure' : '';
}
