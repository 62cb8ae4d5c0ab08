import { afterAll, beforeAll } from '@jest/globals';
import type { Database } from '@staff-passport/core';
import { VERIFIER_MIGRATIONS } from '../../../src/store/verifier-schema.js';
import { createVerifierStores, type VerifierStores } from '../../../src/store/verifier-stores.js';
import type { EngineUnderTest } from '../../../../../test/helpers/database-engines.js';

/** Two connections to one verifier database, as two instances have, with the stores on each. */
export interface TwoVerifierDatabases {
  dbs: [Database, Database];
  stores: [VerifierStores, VerifierStores];
}

/**
 * Opens one verifier database twice on `engine` for the suite (closed after it): the stores a
 * contract suite checks, and what a second instance would see.
 */
export function twoVerifierDatabases(engine: EngineUnderTest, name: string): () => TwoVerifierDatabases {
  let opened: TwoVerifierDatabases | undefined;
  beforeAll(async () => {
    const first = await engine.open({ scope: 'verifier', migrations: VERIFIER_MIGRATIONS }, name);
    const second = await engine.open({ scope: 'verifier', migrations: VERIFIER_MIGRATIONS }, name);
    opened = { dbs: [first, second], stores: [createVerifierStores(first), createVerifierStores(second)] };
  });
  afterAll(async () => {
    await Promise.all(opened?.dbs.map((db) => db.close()) ?? []);
  });
  return () => {
    if (!opened) throw new Error('the databases open in beforeAll');
    return opened;
  };
}
