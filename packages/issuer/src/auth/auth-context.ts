import type { IssuerContext } from '../issuer-context.js';

/** The part of the issuer's context OIDC sign-in uses: its database (configuration, audit log), logger and clock. */
export type AuthContext = Pick<IssuerContext, 'db' | 'logger' | 'now'>;
