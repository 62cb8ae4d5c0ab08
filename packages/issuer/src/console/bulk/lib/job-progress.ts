import type { TagColour } from '@staff-passport/web-kit';
import type { BulkJob, JobKind } from '../../../jobs/job.js';
import { formatCount } from '../../issue/lib/format-when.js';

/** Where a job is, as the progress bar and its words show it. */
export interface JobProgress {
  /** The bar's value and maximum; null while the number of rows is not known yet. */
  value: number | null;
  max: number | null;
  /** "1,234 of 5,000 rows (25%)". */
  text: string;
  /** The job will not change any more. */
  finished: boolean;
  state: { text: string; colour: TagColour };
}

/** What each kind of file is called on the pages. */
export const JOB_KIND_TEXT: Readonly<Record<JobKind, string>> = {
  'training-compliance': 'ESR training compliance export (CSV)',
  assignment: 'ESR assignment export (CSV)',
  jsonl: 'Issue requests (JSON lines)',
};

function stateOf(job: BulkJob): JobProgress['state'] {
  switch (job.state) {
    case 'validating':
      return { text: 'Checking the file', colour: 'blue' };
    case 'failed_validation':
      return { text: 'Not issued: rows have errors', colour: 'red' };
    case 'issuing':
      return { text: 'Issuing', colour: 'blue' };
    case 'completed':
      return job.errors > 0 ? { text: 'Completed with errors', colour: 'orange' } : { text: 'Completed', colour: 'green' };
    case 'failed':
      return { text: 'Stopped', colour: 'red' };
  }
}

function percent(value: number, max: number): number {
  return max === 0 ? 100 : Math.floor((value * 100) / max);
}

/**
 * A job's progress in words and numbers: rows checked while the file is validated (the total is
 * known only once it has all been read), then rows done of the total while issuing.
 *
 * @example
 * jobProgress(job).text; // '1,234 of 5,000 rows (24%)'
 */
export function jobProgress(job: BulkJob): JobProgress {
  const state = stateOf(job);
  if (job.state === 'validating' || job.state === 'failed_validation') {
    const total = job.total ?? (job.state === 'failed_validation' ? job.validated : null);
    if (total === null) return { value: null, max: null, text: `Checking the file: ${formatCount(job.validated)} rows checked`, finished: false, state };
    return {
      value: job.validated,
      max: total,
      text: `${formatCount(job.validated)} of ${formatCount(total)} rows checked (${percent(job.validated, total)}%)`,
      finished: job.state === 'failed_validation',
      state,
    };
  }
  const total = job.total ?? job.done;
  return {
    value: job.done,
    max: total,
    text: `${formatCount(job.done)} of ${formatCount(total)} rows (${percent(job.done, total)}%)`,
    finished: job.state !== 'issuing',
    state,
  };
}
