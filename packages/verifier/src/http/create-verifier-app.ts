import express from 'express';
import { PROBLEM_CONTENT_TYPE, jsonBody, notFound, problemHandler, requestLogger } from '@staff-passport/core';
import type { VerificationReport } from '../verification/verification-report.js';
import { verifyCredentialRequest } from '../verification/verify-credential-request.js';
import { verifyPresentationRequest } from '../verification/verify-presentation-request.js';
import type { VerifierContext } from '../verifier-context.js';

function sendReport(res: express.Response, report: VerificationReport): void {
  if (report.verified) {
    res.status(200).json(report);
    return;
  }
  // A failed verification is problem details too, extended with the whole report.
  res
    .status(400)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify({ type: 'https://w3id.org/staff-passport/errors#ERR_VERIFICATION_FAILED', title: 'Verification failed', status: 400, code: 'ERR_VERIFICATION_FAILED', ...report }));
}

/**
 * The verifier's HTTP API as an express app, with no side effects: the W3C VC API
 * `POST /credentials/verify` and `POST /presentations/verify` (200 with `verified: true`, or 400
 * with `verified: false` and every failed check's code), and `GET /healthz`.
 */
export function createVerifierApp(ctx: VerifierContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLogger(ctx.logger));
  app.use(jsonBody('2mb'));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.post('/credentials/verify', async (req, res) => {
    sendReport(res, await verifyCredentialRequest(ctx, req.body));
  });

  app.post('/presentations/verify', async (req, res) => {
    sendReport(res, await verifyPresentationRequest(ctx, req.body));
  });

  app.use(notFound);
  app.use(problemHandler(ctx.logger));
  return app;
}
