/** A mocha JSON report, as far as the summary reads it. */
interface MochaReport {
  stats: { tests: number; passes: number; failures: number; pending: number };
  failures: Array<{ fullTitle: string; err: { message?: string } }>;
}

/** The figures of one suite's run. */
export interface SuiteFigures {
  defined: number;
  passed: number;
  failed: number;
  pending: number;
  /** Defined, but never run (a hook before them failed). */
  notRun: number;
  /** Failures of hooks (`"before all" hook ...`), which stop the tests under them. */
  hookFailures: number;
  failures: Array<{ test: string; message: string }>;
}

/**
 * Sums up a mocha JSON report against the dry run's list of defined tests.
 *
 * @example
 * summariseMochaReport(report, dryRun).notRun
 */
export function summariseMochaReport(report: MochaReport, dryRun?: MochaReport): SuiteFigures {
  const hookFailures = report.failures.filter((f) => f.fullTitle.includes('hook')).length;
  const failed = report.stats.failures - hookFailures;
  const defined = Math.max(dryRun?.stats.tests ?? 0, report.stats.passes + failed + report.stats.pending);
  return {
    defined,
    passed: report.stats.passes,
    failed,
    pending: report.stats.pending,
    notRun: defined - report.stats.passes - failed - report.stats.pending,
    hookFailures,
    failures: report.failures.map((f) => ({ test: f.fullTitle, message: (f.err.message ?? '').slice(0, 300) })),
  };
}
