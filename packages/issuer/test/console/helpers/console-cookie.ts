import { randomBytes } from 'node:crypto';
import type { IssuerContext } from '@staff-passport/issuer';

/** A console session made for a test, as the sign-in page would make it. */
export interface TestConsoleSession {
  /** `sp_console=<sealed>`, for a `cookie` header. */
  cookie: string;
  /** The sealed value alone (for a browser context's cookies). */
  value: string;
  /** The session's CSRF token, for the `_csrf` field of forms. */
  csrf: string;
}

/**
 * Builds the console's session cookie for an organisation and an API key, sealed exactly as
 * `setConsoleSession` seals it, so tests of the pages need not go through the sign-in page.
 *
 * @example
 * const session = consoleSession(issuer.ctx, { orgId: issuer.a.org.id, apiKey: issuer.a.keys.issuer });
 * await fetch(`${issuer.url}/console/issue`, { headers: { cookie: session.cookie } });
 */
export function consoleSession(ctx: IssuerContext, input: { orgId: string; apiKey: string; displayName?: string }): TestConsoleSession {
  const csrf = randomBytes(16).toString('base64url');
  const session = {
    orgId: input.orgId,
    token: input.apiKey,
    kind: 'api-key',
    csrf,
    expiresAt: ctx.now().getTime() + 8 * 3_600_000,
    ...(input.displayName ? { displayName: input.displayName } : {}),
  };
  const value = ctx.secretBox.seal(JSON.stringify(session), 'staff-passport console session');
  return { cookie: `sp_console=${value}`, value, csrf };
}

/** The `name=value` pairs a response sets, for the next request's `cookie` header (cleared ones left out). */
export function cookiesSetBy(res: Response): string[] {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .filter((c) => !c.endsWith('='));
}
