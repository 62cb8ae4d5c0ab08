import type { OidcSignInOptions } from './sign-in/oidc-sign-in.js';

/** Options for {@link createConsoleRouter}. */
export interface ConsoleRouterOptions {
  /** Let organisations' OpenID providers be reached over http on loopback (tests and local demos only). */
  allowHttpLoopback?: boolean;
  /** Extra origins sign-in forms may be redirected to (the organisations' OpenID providers). */
  formActionOrigins?: string[];
  /** How sign-in reaches organisations' OpenID providers: time limit, and the fetchers (tests inject them). */
  oidc?: Omit<OidcSignInOptions, 'allowHttpLoopback'>;
}
