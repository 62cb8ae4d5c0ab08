import { EMPLOYMENT_GAP_TOLERANCE_DAYS } from '../reference/employment-history.js';

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A period (YYYY-MM-DD, both days included); an open end runs to the end of the history. */
export interface HistoryPeriod {
  startOn: string;
  endOn?: string;
}

/** A gap in the history: the first and last day with no employment. */
export interface HistoryGap {
  fromOn: string;
  toOn: string;
}

/**
 * The gaps in an employment history longer than the tolerance that no explained gap covers,
 * between `coversFrom` and `coversTo`. The tolerance is local policy (a check profile sets it);
 * without one, the reference data's default.
 *
 * @example
 * unexplainedGaps({ coversFrom: '2023-01-01', coversTo: '2026-01-01', employments: [{ startOn: '2023-01-01', endOn: '2024-01-01' }, { startOn: '2024-06-01' }], gaps: [] })
 * // [{ fromOn: '2024-01-02', toOn: '2024-05-31' }]
 */
export function unexplainedGaps(history: {
  coversFrom: string;
  coversTo: string;
  employments: readonly HistoryPeriod[];
  gaps?: readonly HistoryGap[];
  /** Gaps of at most this many days need no explanation (default {@link EMPLOYMENT_GAP_TOLERANCE_DAYS}). */
  toleranceDays?: number;
}): HistoryGap[] {
  const tolerance = history.toleranceDays ?? EMPLOYMENT_GAP_TOLERANCE_DAYS;
  const end = dayNumber(history.coversTo);
  const periods = history.employments
    .map((e) => ({ start: dayNumber(e.startOn), end: e.endOn === undefined ? end : dayNumber(e.endOn) }))
    .sort((a, b) => a.start - b.start);
  const found: HistoryGap[] = [];
  let coveredUntil = dayNumber(history.coversFrom) - 1;
  const consider = (from: number, to: number) => {
    if (to - from + 1 > tolerance) found.push({ fromOn: dateOfDay(from), toOn: dateOfDay(to) });
  };
  for (const p of periods) {
    if (p.start > coveredUntil + 1) consider(coveredUntil + 1, Math.min(p.start - 1, end));
    coveredUntil = Math.max(coveredUntil, p.end);
    if (coveredUntil >= end) break;
  }
  if (coveredUntil < end) consider(coveredUntil + 1, end);
  const explained = history.gaps ?? [];
  return found.filter((g) => !explained.some((e) => e.fromOn <= g.fromOn && e.toOn >= g.toOn));
}
