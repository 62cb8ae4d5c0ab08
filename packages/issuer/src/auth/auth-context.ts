import type { IssuerContext } from '../issuer-context.js';

/** The part of the issuer's context OIDC sign-in uses: its database (configuration, audit log), logger, clock and sign-in state. */
export type AuthContext = Pick<IssuerContext, 'db' | 'logger' | 'now' | 'authState'>;
