import type { RequestHandler, Router } from 'express';
import type { IssuerContext } from '../../issuer-context.js';

/** (To be written.) */
export function addIssuePages(router: Router, ctx: IssuerContext, signedIn: RequestHandler): void {
  void router;
  void ctx;
  void signedIn;
}
