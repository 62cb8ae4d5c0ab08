import type { Logger, PassportAgent } from '@staff-passport/core';
import type { DataSource } from 'typeorm';

/** What the issuer's domain functions need: injected, so tests and other hosts can supply their own. */
export interface IssuerContext {
  agent: PassportAgent;
  db: DataSource;
  /** The base URL the issuer is reached at; organisations' did:web identifiers are built on it. */
  publicUrl: string;
  logger: Logger;
  now: () => Date;
}
