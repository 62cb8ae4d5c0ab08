import { PassportError, createLogger, loadConfig } from '@staff-passport/core';
import { ROLES, createApiKey, createIssuerContext, createOrganisation, createPlatformKey, listOrganisations, verifyAuditChain, type Role } from '@staff-passport/issuer';
import { databaseOptions } from '../lib/database-options.js';
import { EXIT, err, out } from '../lib/output.js';

async function withIssuer<T>(demo: boolean, fn: (ctx: Awaited<ReturnType<typeof createIssuerContext>>) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env, { demo });
  const ctx = await createIssuerContext({
    ...databaseOptions(config, 'issuer'),
    secretKey: config.secretKey,
    publicUrl: config.issuerPublicUrl,
    logger: createLogger({ level: 'silent' }),
  });
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

/**
 * `staff-passport org create|list`, `api-key create`, `admin-key create` (a platform
 * administrator key for `POST /orgs`) and `audit verify` (checks every organisation's hash chain;
 * exit 1 and each problem when an entry was altered or removed).
 */
export async function orgCommand(words: string[], options: Record<string, string | true>): Promise<number> {
  const demo = options['demo'] === true;
  const [noun, verb] = words;
  try {
    if (noun === 'org' && verb === 'create') {
      const name = options['name'];
      const odsCode = options['ods'];
      if (typeof name !== 'string' || typeof odsCode !== 'string') {
        err('usage: staff-passport org create --name NAME --ods ODS_CODE');
        return EXIT.usage;
      }
      const org = await withIssuer(demo, (ctx) => createOrganisation(ctx, { name, odsCode }, 'cli'));
      out(JSON.stringify(org, null, 2));
      return EXIT.ok;
    }
    if (noun === 'org' && verb === 'list') {
      out(JSON.stringify(await withIssuer(demo, listOrganisations), null, 2));
      return EXIT.ok;
    }
    if (noun === 'api-key' && verb === 'create') {
      const orgId = options['org'];
      const role = (options['role'] ?? 'issuer') as Role;
      if (typeof orgId !== 'string' || !ROLES.includes(role)) {
        err(`usage: staff-passport api-key create --org ORG_ID [--role ${ROLES.join('|')}]`);
        return EXIT.usage;
      }
      const key = await withIssuer(demo, (ctx) => createApiKey(ctx, { orgId, role }, 'cli'));
      out(JSON.stringify(key, null, 2));
      out('The API key is shown once; only its hash is stored.');
      return EXIT.ok;
    }
    if (noun === 'admin-key' && verb === 'create') {
      const label = typeof options['label'] === 'string' ? options['label'] : undefined;
      const key = await withIssuer(demo, (ctx) => createPlatformKey(ctx, label, 'cli'));
      out(JSON.stringify(key, null, 2));
      out('The platform key is shown once; only its hash is stored.');
      return EXIT.ok;
    }
    if (noun === 'audit' && verb === 'verify') {
      const chain = typeof options['org'] === 'string' ? options['org'] : undefined;
      const report = await withIssuer(demo, (ctx) => verifyAuditChain(ctx.db, chain));
      if (report.ok) {
        out(`audit log intact: ${report.entries} entries in ${report.chains} chains`);
        return EXIT.ok;
      }
      for (const p of report.problems) err(`${p.chain} #${p.seq}: ${p.problem}: ${p.message}`);
      err(`audit log NOT intact: ${report.problems.length} problems in ${report.entries} entries`);
      return 1;
    }
  } catch (e: unknown) {
    if (e instanceof PassportError) {
      err(`${e.code}: ${e.message}`);
      return e.code === 'ERR_CONFIG_INVALID' ? EXIT.config : EXIT.dataErr;
    }
    throw e;
  }
  err('usage: staff-passport org create|list, api-key create, admin-key create, audit verify [--org ORG_ID]');
  return EXIT.usage;
}
