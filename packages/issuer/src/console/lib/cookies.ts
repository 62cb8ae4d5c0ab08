import type { Request } from 'express';

/**
 * The value of a cookie of the request, or `undefined` (the first one when sent twice).
 *
 * @example
 * const sealed = readCookie(req, 'sp_console');
 */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** `; Secure` when the console is served over https (browsers refuse Secure cookies over http). */
export function secureAttribute(publicUrl: string): string {
  return publicUrl.startsWith('https:') ? '; Secure' : '';
}
