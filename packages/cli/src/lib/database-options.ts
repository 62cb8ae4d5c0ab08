import { join } from 'node:path';
import type { PassportConfig } from '@staff-passport/web-kit';

/**
 * Where a service keeps its tables: PostgreSQL when `DATABASE_URL` is set (the issuer, the verifier
 * and Veramo's tables in one database), else its SQLite file in `DATA_DIR`.
 */
export function databaseOptions(config: PassportConfig, service: 'issuer' | 'verifier'): { databaseFile: string; databaseUrl?: string } {
  return { databaseFile: join(config.dataDir, `${service}.sqlite`), ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) };
}
