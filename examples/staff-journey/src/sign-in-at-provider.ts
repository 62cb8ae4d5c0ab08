// What the person's browser does when the wallet opens the sign-in: follows the redirects from the
// issuer's authorization endpoint to the trust's provider, fills in its login and consent pages,
// and comes back through the issuer to the wallet's redirect URI.

/** Cookies just good enough for the provider's interaction cookies (paths ignored). */
class CookieJar {
  readonly #cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq > 0) this.#cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Follows `authorizationUrl` as a browser would, signing in as `login` at an oidc-provider's
 * development pages, and returns the URL the browser is sent back to (starting with `redirectUri`).
 *
 * @example
 * const back = await signInAtProvider(request.authorizationUrl, 'sam', request.redirectUri);
 * @throws Error when a page answers unexpectedly or the browser never comes back.
 */
export async function signInAtProvider(authorizationUrl: string, login: string, redirectUri: string): Promise<string> {
  const jar = new CookieJar();
  let next = authorizationUrl;
  for (let step = 0; step < 15; step++) {
    if (next.startsWith(redirectUri)) return next;
    let res = await fetch(next, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(res);
    if (res.status === 200 && new URL(next).pathname.startsWith('/interaction/')) {
      // The login page, then the consent page: submitted as the person would.
      const page = await res.text();
      const form: Record<string, string> = page.includes('name="login"') ? { prompt: 'login', login, password: 'any' } : { prompt: 'consent' };
      res = await fetch(next, { method: 'POST', redirect: 'manual', headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
      jar.store(res);
    }
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) throw new Error(`unexpected ${res.status} at ${next}`);
    next = new URL(location, next).href;
  }
  throw new Error('the browser never got back to the wallet');
}
