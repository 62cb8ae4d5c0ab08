/**
 * `staff-passport migrate` brings the issuer's and the verifier's databases up to date, on SQLite
 * files in DATA_DIR and on PostgreSQL with DATABASE_URL, and says each schema's version; a
 * service opened without migrating then starts on them.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createLogger } from '@staff-passport/core';
import { ISSUER_MIGRATIONS, createIssuerContext } from '@staff-passport/issuer';
import { VERIFIER_MIGRATIONS } from '@staff-passport/verifier';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { runCliCaptured as run } from '../helpers/run-cli-captured.js';

const saved = { ...process.env };
afterAll(() => {
  process.env = saved;
});

describeEngines('staff-passport migrate', (engine) => {
  let where: { databaseFile: string; databaseUrl?: string };
  const secretKey = randomBytes(32).toString('hex');
  beforeAll(async () => {
    where = await engine.target('cli');
    process.env['DATA_DIR'] = where.databaseFile.slice(0, where.databaseFile.lastIndexOf('/'));
    process.env['PASSPORT_SECRET_KEY'] = secretKey;
    if (where.databaseUrl) process.env['DATABASE_URL'] = where.databaseUrl;
    else delete process.env['DATABASE_URL'];
  });

  it('migrates both services, says their versions, and is a no-op run again', async () => {
    const first = await run(['migrate']);
    expect(first.code).toBe(0);
    expect(first.out).toContain(`issuer: schema version ${Math.max(...ISSUER_MIGRATIONS.map((m) => m.version))}`);
    expect(first.out).toContain(`verifier: schema version ${Math.max(...VERIFIER_MIGRATIONS.map((m) => m.version))}`);
    expect((await run(['migrate'])).out).toBe(first.out);
    // A service that does not migrate on start opens the migrated database.
    const ctx = await createIssuerContext({
      databaseFile: `${process.env['DATA_DIR']}/issuer.sqlite`,
      ...(where.databaseUrl ? { databaseUrl: where.databaseUrl } : {}),
      migrate: false,
      secretKey,
      publicUrl: 'https://issuer.test',
      logger: createLogger({ level: 'silent' }),
    });
    await ctx.close();
  });
});
