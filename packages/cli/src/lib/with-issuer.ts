import { createLogger } from '@staff-passport/core';
import { loadConfig } from '@staff-passport/web-kit';
import { createIssuerContext, type IssuerContext } from '@staff-passport/issuer';
import type { CommandOptions } from './command-spec.js';
import { databaseOptions } from './database-options.js';

/**
 * Opens the issuer's database as `staff-passport start` does (DATA_DIR or DATABASE_URL, PASSPORT_SECRET_KEY; with
 * `--demo`, the demo's generated secret), runs `fn` and closes it again.
 *
 * @throws PassportError `ERR_CONFIG_INVALID` naming the variable at fault.
 */
export async function withIssuer<T>(options: CommandOptions, fn: (ctx: IssuerContext) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env, { demo: options['demo'] === true });
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
