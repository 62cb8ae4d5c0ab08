import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { IssuerContext } from '../../issuer-context.js';

/**
 * Where uploaded bulk files are kept while their jobs run: `jobs/` in the data folder, next to the
 * issuer's SQLite file (an in-memory database has no folder: the system's temporary one is used,
 * and such jobs cannot outlive the process anyway).
 */
export function jobsFolderOf(ctx: Pick<IssuerContext, 'db'>, dataDir?: string): string {
  if (dataDir) return join(dataDir, 'jobs');
  const file = ctx.db.file;
  return file !== undefined ? join(dirname(file), 'jobs') : join(tmpdir(), 'staff-passport-jobs');
}

/** The uploaded file of a job. */
export function jobFilePath(folder: string, jobId: string): string {
  return join(folder, `${jobId}.upload`);
}
