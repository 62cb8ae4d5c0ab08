// Bulk issuing jobs: the exports the issuer's package index lists.
export { createJob } from './create-job.js';
export type { CreateJobInput } from './create-job.js';
export { findJobOrganisation, getJob, listJobs } from './get-job.js';
export { JOB_ID_PATTERN, JOB_KINDS, JOB_STATES } from './job.js';
export type { BulkJob, JobKind, JobOptions, JobState } from './job.js';
export { configureJobs } from './job-runner.js';
export { createWorkerIssueRow } from './issue-on-workers.js';
export type { WorkerIssueRow, WorkerIssueRowOptions } from './issue-on-workers.js';
export type { IssueRowFunction, JobRunnerOptions } from './job-runner.js';
export { listJobErrors, renderJobErrorsCsv } from './list-job-errors.js';
export type { JobErrorReport } from './list-job-errors.js';
export { resumeJobs, stopJobs } from './resume-jobs.js';
export type { RowError, RowIssue, SkipReason } from './lib/bulk-row.js';
export { rowRequestKey } from './lib/row-request-key.js';
