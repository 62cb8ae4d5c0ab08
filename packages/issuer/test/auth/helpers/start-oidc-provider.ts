/**
 * A real OpenID provider (panva's oidc-provider 9) on 127.0.0.1, port 0, issuing RFC 9068 JWT
 * access tokens for the resource (audience) a client asks for (RFC 8707 resource indicators),
 * with the caller's roles in a `roles` claim. oidc-provider ships no types: this file is its
 * adapter, the one place its untyped surface is described.
 */
import { createHash, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { jest } from '@jest/globals';
import { listen } from '@staff-passport/web-kit';

/** The part of oidc-provider's Provider this helper drives. */
interface ProviderInstance {
  callback(): RequestListener;
}
type ProviderClass = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;
/** What oidc-provider passes to `extraTokenClaims` (an AccessToken or ClientCredentials model). */
interface TokenModel {
  kind: string;
  accountId?: string;
  clientId?: string;
}

// A variable specifier keeps TypeScript from looking for type declarations the package lacks.
const PACKAGE = 'oidc-provider';

/** Roles the provider puts in tokens, by client (client credentials) or by account (sign-in). */
export const IDP_ROLES: Record<string, string[]> = {
  'hr-system': ['passport-hr'],
  'audit-system': ['passport-audit', 'some-other-app'],
  'no-role-system': ['some-other-app'],
  alice: ['passport-admins', 'passport-hr'],
};

export const CLIENT_SECRET = 'client-secret-for-tests-only-0123456789';
export const REDIRECT_URI = 'https://hr-portal.test/callback';

/** A running provider, and its signing key (to forge tokens "from the IdP" the provider would never issue). */
export interface OidcProviderHandle {
  issuer: string;
  ecKey: { privateKey: KeyObject; kid: string };
  clientCredentialsToken(clientId: string, resource: string): Promise<string>;
  authorizationCodeToken(login: string, resource: string): Promise<string>;
  close(): Promise<void>;
}

/** A cookie jar just good enough for the provider's interaction cookies (paths ignored). */
export class CookieJar {
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

/** Names the provider gives accounts (the `name` claim of `profile`), for the console's header. */
export const IDP_NAMES: Record<string, string> = { alice: 'Alice Example' };

/** Options for {@link startOidcProvider}. */
export interface OidcProviderOptions {
  /**
   * Registers the HR console as a public client (authorization code with PKCE, no secret) that may
   * come back to `redirectUri`: the console's `/console/sign-in/callback`.
   */
  consoleClient?: { clientId: string; redirectUri: string; /** More redirect URIs (the issuer's staff collection callbacks). */ moreRedirectUris?: string[] };
  /** More claims of accounts, by login, released with the `profile` scope (an employee number). */
  accountClaims?: Record<string, Record<string, unknown>>;
}

/**
 * Starts the provider. Clients: `hr-system`, `audit-system`, `no-role-system` (client credentials),
 * `hr-portal` (code + PKCE, public), and the console's client when asked for.
 */
export async function startOidcProvider(options: OidcProviderOptions = {}): Promise<OidcProviderHandle> {
  const server = await listen('127.0.0.1', 0);
  const issuer = server.url;

  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ecKid = 'idp-es256';
  const keys = [
    { ...ec.privateKey.export({ format: 'jwk' }), kid: ecKid, alg: 'ES256', use: 'sig' },
    { ...rsa.privateKey.export({ format: 'jwk' }), kid: 'idp-rs256', alg: 'RS256', use: 'sig' },
  ];

  const configuration = {
    clients: [
      ...['hr-system', 'audit-system', 'no-role-system'].map((clientId) => ({
        client_id: clientId,
        client_secret: CLIENT_SECRET,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      })),
      {
        client_id: 'hr-portal',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [REDIRECT_URI],
      },
      ...(options.consoleClient
        ? [
            {
              client_id: options.consoleClient.clientId,
              token_endpoint_auth_method: 'none',
              grant_types: ['authorization_code'],
              response_types: ['code'],
              redirect_uris: [options.consoleClient.redirectUri, ...(options.consoleClient.moreRedirectUris ?? [])],
            },
          ]
        : []),
    ],
    jwks: { keys },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    ttl: { AccessToken: 300, ClientCredentials: 300, IdToken: 300, Interaction: 600, Session: 3600, Grant: 3600 },
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub, ...(IDP_NAMES[sub] ? { name: IDP_NAMES[sub] } : {}), ...options.accountClaims?.[sub] }) }),
    claims: { openid: ['sub'], profile: ['name', ...new Set(Object.values(options.accountClaims ?? {}).flatMap((c) => Object.keys(c)))] },
    // The ID token carries the scopes' claims (name), as many providers do, rather than only userinfo.
    conformIdTokenClaims: false,
    extraTokenClaims: (_ctx: unknown, token: TokenModel) => {
      const roles = IDP_ROLES[token.accountId ?? token.clientId ?? ''];
      return roles && roles.length > 0 ? { roles } : undefined;
    },
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => undefined,
        useGrantedResource: () => true,
        // Any https resource is an API of ours; one whose URL says rs256 gets RS256-signed tokens.
        getResourceServerInfo: (_ctx: unknown, resource: string) => ({
          scope: 'api',
          audience: resource,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 300,
          jwt: { sign: { alg: resource.includes('rs256') ? 'RS256' : 'ES256' } },
        }),
      },
    },
  };
  // The provider warns on start (development interactions, memory adapter, Node 20 not being its
  // preferred LTS): true, and expected in a test, so kept out of the test output.
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  let provider: ProviderInstance;
  try {
    const { default: Provider } = (await import(PACKAGE)) as { default: ProviderClass };
    provider = new Provider(issuer, configuration);
  } finally {
    warn.mockRestore();
  }
  server.attach(provider.callback());

  const tokenRequest = async (body: Record<string, string>, clientId: string, secret?: string): Promise<string> => {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (secret) headers['authorization'] = `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
    const res = await fetch(`${issuer}/token`, { method: 'POST', headers, body: new URLSearchParams(secret ? body : { ...body, client_id: clientId }) });
    const json = (await res.json()) as { access_token?: string; error?: string; error_description?: string };
    if (!res.ok || !json.access_token) throw new Error(`token request failed: ${res.status} ${json.error ?? ''} ${json.error_description ?? ''}`);
    return json.access_token;
  };

  return {
    issuer,
    ecKey: { privateKey: ec.privateKey, kid: ecKid },

    clientCredentialsToken: (clientId, resource) => tokenRequest({ grant_type: 'client_credentials', scope: 'api', resource }, clientId, CLIENT_SECRET),

    // RFC 6749 section 4.1 with PKCE (RFC 7636): the browser's part (login and consent through
    // the provider's development interactions) is driven by hand, following each redirect.
    async authorizationCodeToken(login, resource) {
      const jar = new CookieJar();
      const verifier = randomBytes(32).toString('base64url');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const auth = new URL(`${issuer}/auth`);
      auth.search = new URLSearchParams({
        client_id: 'hr-portal',
        response_type: 'code',
        redirect_uri: REDIRECT_URI,
        scope: 'openid api',
        resource,
        state: randomBytes(8).toString('hex'),
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }).toString();

      let next = auth.href;
      for (let step = 0; step < 10; step++) {
        if (next.startsWith(REDIRECT_URI)) {
          const code = new URL(next).searchParams.get('code');
          if (!code) throw new Error(`no code in ${next}`);
          return tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier, resource }, 'hr-portal');
        }
        let res = await fetch(next, { redirect: 'manual', headers: { cookie: jar.header() } });
        jar.store(res);
        if (res.status === 200 && new URL(next).pathname.startsWith('/interaction/')) {
          // The login or consent page: submit it as the user would.
          const html = await res.text();
          const prompt: Record<string, string> = html.includes('name="login"') ? { prompt: 'login', login, password: 'any' } : { prompt: 'consent' };
          res = await fetch(next, {
            method: 'POST',
            redirect: 'manual',
            headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(prompt),
          });
          jar.store(res);
        }
        const location = res.headers.get('location');
        if (res.status < 300 || res.status >= 400 || !location) throw new Error(`unexpected ${res.status} at ${next}: ${await res.text()}`);
        next = new URL(location, next).href;
      }
      throw new Error('the authorization flow did not reach the redirect URI');
    },

    close: () => server.close(),
  };
}
