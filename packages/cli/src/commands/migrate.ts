import { openDatabase, type Migration } from '@staff-passport/core';
import { loadConfig } from '@staff-passport/web-kit';
import { ISSUER_MIGRATIONS } from '@staff-passport/issuer';
import { VERIFIER_MIGRATIONS } from '@staff-passport/verifier';
import { databaseOptions } from '../lib/database-options.js';
import type { CommandInput } from '../lib/command-spec.js';
import { EXIT, out } from '../lib/output.js';

const SERVICES: readonly ['issuer' | 'verifier', readonly Migration[]][] = [
  ['issuer', ISSUER_MIGRATIONS],
  ['verifier', VERIFIER_MIGRATIONS],
];

/**
 * `staff-passport migrate`: brings the issuer's and the verifier's databases (Veramo's tables and
 * ours) up to date under the migration lock, then prints each one's schema version. Instances
 * migrate on start too; running this first lets them start with `MIGRATE_ON_START=false`.
 */
export async function migrateCommand({ options }: CommandInput): Promise<number> {
  const config = loadConfig(process.env, { demo: options['demo'] === true });
  for (const [service, migrations] of SERVICES) {
    const target = databaseOptions(config, service);
    // The secret: a step may seal secrets at rest again (the issuer's migration 4, its organisations' keys).
    const db = await openDatabase({ file: target.databaseFile, ...(target.databaseUrl ? { url: target.databaseUrl } : {}), scope: service, migrations, secretKey: config.secretKey });
    try {
      const [row] = await db.kysely
        .withTables<{ sp_migrations: { scope: string; version: number } }>()
        .selectFrom('sp_migrations')
        .select((eb) => eb.fn.max('version').as('version'))
        .where('scope', '=', service)
        .execute();
      out(`${service}: schema version ${Number(row?.version ?? 0)} (${db.engine === 'postgres' ? 'PostgreSQL' : target.databaseFile})`);
    } finally {
      await db.close();
    }
  }
  return EXIT.ok;
}
