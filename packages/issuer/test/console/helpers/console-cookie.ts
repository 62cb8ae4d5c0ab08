import { randomBytes } from 'node:crypto';
import type { IssuerContext, Role } from '@staff-passport/issuer';

/** A console session made for a test, as the sign-in page would make it. */
export interface TestConsoleSession {
  /** `sp_console=<sealed>`, for a `cookie` header. */
  cookie: string;
  /** The sealed value alone (for a browser context's cookies). */
  value: string;
  /** The session's CSRF token, for the `_csrf` field of forms. */
  csrf: string;
}

/** An organisation of a test issuer, with an API key for each role. */
export interface ConsoleTestOrg {
  org: { id: string };
  keys: Record<Role, string>;
}

/** A started test issuer (`startIssuer`'s or `startJobIssuer`'s): what a console session needs of it. */
export interface ConsoleTestIssuer {
  url: string;
  ctx: IssuerContext;
  a: ConsoleTestOrg;
}

/** Whose session {@link consoleSession} makes. */
export interface ConsoleSessionOptions {
  /** The organisation (default: the issuer's first, `a`). */
  org?: ConsoleTestOrg;
  /** Whose API key of the organisation signs in (default: `issuer`). */
  role?: Role;
  /** The name the header shows. */
  displayName?: string;
}

/**
 * Builds the console's session cookie for an organisation's API key, sealed exactly as
 * `setConsoleSession` seals it, so tests of the pages need not go through the sign-in page.
 *
 * @example
 * const session = consoleSession(issuer); // organisation a's issuer key
 * const auditor = consoleSession(issuer, { role: 'auditor' });
 * await fetch(`${issuer.url}/console/issue`, { headers: { cookie: session.cookie } });
 */
export function consoleSession(issuer: Pick<ConsoleTestIssuer, 'ctx' | 'a'>, options: ConsoleSessionOptions = {}): TestConsoleSession {
  const org = options.org ?? issuer.a;
  const csrf = randomBytes(16).toString('base64url');
  const session = {
    orgId: org.org.id,
    token: org.keys[options.role ?? 'issuer'],
    kind: 'api-key',
    csrf,
    expiresAt: issuer.ctx.now().getTime() + 8 * 3_600_000,
    ...(options.displayName ? { displayName: options.displayName } : {}),
  };
  const value = issuer.ctx.secretBox.seal(JSON.stringify(session), 'staff-passport console session');
  return { cookie: `sp_console=${value}`, value, csrf };
}

/** The `name=value` pairs of a response's Set-Cookie lines, for the next request's `cookie` header (cleared ones left out). */
export function cookiesSetBy(setCookies: readonly string[]): string[] {
  return setCookies.map((c) => c.split(';')[0]!).filter((c) => !c.endsWith('='));
}
