// The trust's own OpenID provider, for the example: panva's oidc-provider on 127.0.0.1 (its
// development login and consent pages accept any password), with staff accounts carrying their
// ESR employee number. oidc-provider ships no types: this file is its adapter, the one place its
// untyped surface is described.
import { randomBytes } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { listen } from '@staff-passport/web-kit';

interface ProviderInstance {
  callback(): RequestListener;
}
type ProviderClass = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

// A variable specifier keeps TypeScript from looking for type declarations the package lacks.
const PACKAGE = 'oidc-provider';

/** A running provider. */
export interface OpenIdProvider {
  issuer: string;
  close(): Promise<void>;
}

/**
 * Starts the provider with one public client (code flow, PKCE required) that may send people back
 * to `redirectUris`, and the accounts given (login name to ID token claims).
 *
 * @example
 * const idp = await startOpenIdProvider({ clientId: 'staff-passport-console', redirectUris: [callback], accounts: { sam: { employee_number: '10000001' } } });
 */
export async function startOpenIdProvider(options: { clientId: string; redirectUris: string[]; accounts: Record<string, Record<string, unknown>> }): Promise<OpenIdProvider> {
  const server = await listen('127.0.0.1', 0);
  const claimNames = [...new Set(Object.values(options.accounts).flatMap((claims) => Object.keys(claims)))];
  const configuration = {
    clients: [{ client_id: options.clientId, token_endpoint_auth_method: 'none', grant_types: ['authorization_code'], response_types: ['code'], redirect_uris: options.redirectUris }],
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    ttl: { AccessToken: 300, IdToken: 300, Interaction: 600, Session: 3600, Grant: 3600 },
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub, ...options.accounts[sub] }) }),
    claims: { openid: ['sub'], profile: ['name', ...claimNames] },
    // The ID token carries the profile claims (the employee number), as many providers do.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: true },
      // The issuer's sign-in names the organisation's API as the resource (RFC 8707): tokens for it are JWTs.
      resourceIndicators: {
        enabled: true,
        defaultResource: () => undefined,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => ({ scope: 'api', audience: resource, accessTokenFormat: 'jwt', accessTokenTTL: 300, jwt: { sign: { alg: 'RS256' } } }),
      },
    },
  };
  // The provider warns on start that it runs with development keys, storage and login pages: true,
  // and what this local example wants, so kept out of its output.
  // eslint-disable-next-line no-console -- the one place the example quiets a library's start-up warnings
  const warn = console.warn;
  // eslint-disable-next-line no-console -- restored just below
  console.warn = () => undefined;
  let provider: ProviderInstance;
  try {
    const { default: Provider } = (await import(PACKAGE)) as { default: ProviderClass };
    provider = new Provider(server.url, configuration);
  } finally {
    // eslint-disable-next-line no-console -- restoring it
    console.warn = warn;
  }
  server.attach(provider.callback());
  return { issuer: server.url, close: () => server.close() };
}
