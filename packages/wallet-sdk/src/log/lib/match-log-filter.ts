import type { SharingLogEntry, SharingLogFilter } from '../sharing-log.js';

/** Whether a log entry passes a filter (shared by every log store that filters in memory). */
export function matchesLogFilter(e: SharingLogEntry, filter: SharingLogFilter): boolean {
  return (filter.action === undefined || e.action === filter.action) && (filter.counterpartyId === undefined || e.counterparty.id === filter.counterpartyId);
}
