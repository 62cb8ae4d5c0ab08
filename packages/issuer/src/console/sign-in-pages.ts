import type { RequestHandler, Router } from 'express';
import type { Authenticator } from '../auth/create-authenticator.js';
import type { IssuerContext } from '../issuer-context.js';
import type { ConsoleRouterOptions } from './create-console-router.js';

/** (To be written: sign-in with an API key or the organisation's OpenID provider, sign-out, the home page.) */
export function addSignInPages(router: Router, ctx: IssuerContext, authenticate: Authenticator, signedIn: RequestHandler, options: ConsoleRouterOptions): void {
  void router;
  void ctx;
  void authenticate;
  void signedIn;
  void options;
}
