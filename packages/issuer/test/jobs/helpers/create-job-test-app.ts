import type express from 'express';
import { createIssuerApp, type IssuerContext } from '@staff-passport/issuer';

/** The issuer app as served, job routes included (uploads stream past the JSON parser). */
export function createJobTestApp(ctx: IssuerContext): express.Express {
  return createIssuerApp(ctx);
}
