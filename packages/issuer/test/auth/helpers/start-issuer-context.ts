import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createLogger, openDatabase } from '@staff-passport/core';
import type { AuthContext } from '../../../src/auth/auth-context.js';
import { createAuthState } from '../../../src/auth/lib/auth-state.js';
import { listAuditEvents, type AuditEntry } from '../../../src/audit/list-audit-events.js';
import { ISSUER_MIGRATIONS } from '../../../src/store/issuer-schema.js';

/** The issuer's SQLite file (its real schema), with a clock the test can move. */
export interface TestIssuer {
  ctx: AuthContext;
  /** Moves the context's clock (token `exp`/`nbf` checks use it), in milliseconds from real time. */
  setClockOffset(ms: number): void;
  /** Adds an organisation row (sign-in needs nothing else of an organisation) and returns its id. */
  addOrganisation(name: string): Promise<string>;
  audit(chain: string): Promise<AuditEntry[]>;
  close(): Promise<void>;
}

/**
 * Opens a fresh issuer database with the issuer's schema, as `createIssuerContext` does, but
 * without the agent and stores sign-in does not use.
 */
export async function startIssuerContext(): Promise<TestIssuer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sp-auth-'));
  let offset = 0;
  const db = await openDatabase({ file: join(dataDir, 'issuer.sqlite'), scope: 'issuer', migrations: ISSUER_MIGRATIONS });
  const ctx: AuthContext = { db, logger: createLogger({ level: 'silent' }), now: () => new Date(Date.now() + offset), authState: createAuthState() };
  return {
    ctx,
    setClockOffset(ms) {
      offset = ms;
    },
    async addOrganisation(name) {
      const id = `org_${randomBytes(8).toString('hex')}`;
      const ods = `R${randomBytes(2).toString('hex').toUpperCase()}`;
      await db.query('INSERT INTO sp_organisations (id, name, ods_code, did, created_at) VALUES (?, ?, ?, ?, ?)', [
        id,
        name,
        ods,
        `did:web:passport.test:orgs:${id}`,
        new Date().toISOString(),
      ]);
      return id;
    },
    audit: (chain) => listAuditEvents(db, chain, { limit: 1000 }),
    async close() {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
