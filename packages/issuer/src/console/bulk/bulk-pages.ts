import type { Request, RequestHandler, Router } from 'express';
import { authorise } from '../../api-keys/authenticate-api-key.js';
import type { Role } from '../../api-keys/create-api-key.js';
import type { IssuerContext } from '../../issuer-context.js';
import { listJobDeliveries } from '../../collect/list-job-deliveries.js';
import { getJob, listJobs } from '../../jobs/get-job.js';
import { JOB_ID_PATTERN } from '../../jobs/job.js';
import { listJobErrors, renderJobErrorsCsv } from '../../jobs/list-job-errors.js';
import { consoleCallerOf } from '../console-session.js';
import { hasConsoleRole } from '../lib/console-roles.js';
import { readIdParam } from '../lib/read-id-param.js';
import { serveConsoleScript } from '../lib/serve-console-script.js';
import { BULK_PROGRESS_SCRIPT, BULK_PROGRESS_SCRIPT_PATH } from './lib/bulk-progress-script.js';
import { sendJobPage } from './lib/job-page.js';
import { jobProgress } from './lib/job-progress.js';
import { receiveBulkUpload } from './lib/receive-bulk-upload.js';
import { sendUploadPage } from './lib/upload-page.js';

const UPLOADERS: readonly Role[] = ['issuer', 'org-admin'];
const READERS: readonly Role[] = ['issuer', 'org-admin', 'auditor'];
const RECENT_JOBS = 20;

function jobIdOf(req: Request): string {
  return readIdParam(req, 'jobId', JOB_ID_PATTERN, 'ERR_JOB_NOT_FOUND', 'There is no bulk upload at this address.');
}

function pageOf(req: Request): number {
  const page = req.query['page'];
  return typeof page === 'string' && /^\d{1,6}$/.test(page) ? Math.max(1, Number(page)) : 1;
}

/**
 * The console's bulk upload pages: upload an ESR export or JSON lines (`/console/bulk`, streamed
 * into `createJob` as the API's job route does, never whole in memory), follow a job's progress
 * (`/console/bulk/{jobId}`, with `progress.json` for the page's script), see how each row that
 * named its person is reaching them (`listJobDeliveries`), read its row errors (paged) and
 * download them as CSV.
 */
export function addBulkPages(router: Router, ctx: IssuerContext, signedIn: RequestHandler): void {
  serveConsoleScript(router, BULK_PROGRESS_SCRIPT_PATH, BULK_PROGRESS_SCRIPT);

  router.get('/console/bulk', signedIn, async (_req, res) => {
    const caller = consoleCallerOf(res);
    authorise(caller.principal, caller.org.id, READERS);
    sendUploadPage(res, { caller, jobs: await listJobs(ctx, caller.org.id, { limit: RECENT_JOBS }), canUpload: hasConsoleRole(caller, UPLOADERS) });
  });

  router.post('/console/bulk', signedIn, async (req, res) => {
    const caller = consoleCallerOf(res);
    try {
      authorise(caller.principal, caller.org.id, UPLOADERS);
    } catch (err: unknown) {
      // Refused before the file was read: close the connection after the answer.
      res.setHeader('connection', 'close');
      throw err;
    }
    const outcome = await receiveBulkUpload(ctx, caller, req);
    if ('job' in outcome) {
      res.redirect(303, `/console/bulk/${outcome.job.id}`);
      return;
    }
    if (outcome.closeConnection) res.setHeader('connection', 'close');
    sendUploadPage(res, { caller, jobs: await listJobs(ctx, caller.org.id, { limit: RECENT_JOBS }), canUpload: true, fields: outcome.fields, errors: outcome.errors });
  });

  router.get('/console/bulk/:jobId', signedIn, async (req, res) => {
    const caller = consoleCallerOf(res);
    authorise(caller.principal, caller.org.id, READERS);
    const job = await getJob(ctx, caller.org.id, jobIdOf(req));
    const finished = jobProgress(job).finished;
    const report = finished && job.errors > 0 ? await listJobErrors(ctx, caller.org.id, job.id) : undefined;
    const deliveries = await listJobDeliveries(ctx, caller.org.id, job.id);
    sendJobPage(res, { caller, job, page: pageOf(req), deliveries, ...(report ? { report } : {}) });
  });

  router.get('/console/bulk/:jobId/progress.json', signedIn, async (req, res) => {
    const caller = consoleCallerOf(res);
    authorise(caller.principal, caller.org.id, READERS);
    const job = await getJob(ctx, caller.org.id, jobIdOf(req));
    res.json({ jobState: job.state, ...jobProgress(job) });
  });

  router.get('/console/bulk/:jobId/errors.csv', signedIn, async (req, res) => {
    const caller = consoleCallerOf(res);
    authorise(caller.principal, caller.org.id, READERS);
    const report = await listJobErrors(ctx, caller.org.id, jobIdOf(req));
    res.type('text/csv; charset=utf-8').attachment(`${report.jobId}-errors.csv`).send(renderJobErrorsCsv(report));
  });
}
