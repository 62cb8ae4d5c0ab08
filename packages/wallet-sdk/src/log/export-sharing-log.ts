import type { WalletParts } from '../wallet-parts.js';
import type { SharingLogEntry, SharingLogFilter } from './sharing-log.js';

/** The sharing log as a file the holder can keep: who got what, and when. */
export interface SharingLogExport {
  format: 'staff-passport-sharing-log';
  version: 1;
  exportedAt: string;
  entries: SharingLogEntry[];
}

/**
 * The holder's sharing log (optionally filtered), as plain JSON they can read or hand to someone.
 *
 * @example
 * const file = await exportSharingLog(parts, { action: 'shared' });
 */
export async function exportSharingLog(parts: Pick<WalletParts, 'log' | 'now'>, filter: SharingLogFilter = {}): Promise<SharingLogExport> {
  return { format: 'staff-passport-sharing-log', version: 1, exportedAt: parts.now().toISOString(), entries: await parts.log.list(filter) };
}
