import express from 'express';
import { PROBLEM_CONTENT_TYPE, PassportError, isObject, jsonBody, notFound, problemHandler, requestLogger } from '@staff-passport/core';
import { getCheckResult, runProfileCheck } from '../checks/run-profile-check.js';
import { createPresentationRequest, getPresentationRequest } from '../checks/presentation-requests.js';
import { createDeskRouter } from '../desk/create-desk-router.js';
import { issueNonce } from '../nonces/nonce-store.js';
import { addProfile, findProfile, listAllProfiles } from '../profiles/profile-store.js';
import { toEsrCsv } from '../report/to-esr-csv.js';
import type { VerificationReport } from '../verification/verification-report.js';
import { verifyCredentialRequest } from '../verification/verify-credential-request.js';
import { verifyPresentationRequest } from '../verification/verify-presentation-request.js';
import type { VerifierContext } from '../verifier-context.js';
import { createOid4vpRouter } from './routes/oid4vp-routes.js';

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

function param(req: express.Request, name: string, pattern: RegExp, code: 'ERR_NOT_FOUND' | 'ERR_RESULT_NOT_FOUND' | 'ERR_PROFILE_NOT_FOUND'): string {
  const value = req.params[name];
  if (typeof value !== 'string' || !pattern.test(value)) throw new PassportError(code, `no ${name} like that`, { field: name });
  return value;
}

function textField(body: Record<string, unknown>, field: string, required: boolean): string | undefined {
  const value = body[field];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string') throw new PassportError('ERR_REQUEST_INVALID', `${field} must be text`, { field });
  return value;
}

/**
 * The verifier's HTTP API as an express app, with no side effects: the W3C VC API
 * (`POST /challenges`, `POST /credentials/verify`, `POST /presentations/verify`: 200 with
 * `verified: true`, or 400 with `verified: false` and every failed check's code); check profiles;
 * presentation requests built from them, their answers, and the results with the verified
 * attributes as JSON or ESR-style CSV; and OpenID4VP 1.0 (see `createOid4vpRouter`): the
 * verifier's did:web at `/.well-known/did.json`, `POST /oid4vp/requests`, polling at
 * `GET /oid4vp/requests/{id}`, its QR codes, the signed request object (`request_uri`) and the
 * `direct_post` response URI.
 */
export function createVerifierApp(ctx: VerifierContext, options: { extraRoutes?: (router: express.Router) => void } = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestLogger(ctx.logger));
  // The desk's pages and OpenID4VP first: their forms and protocol endpoints take form-encoded
  // bodies, which the JSON parser refuses.
  app.use(createDeskRouter(ctx));
  app.use(createOid4vpRouter(ctx));
  app.use(jsonBody('2mb'));
  const router = express.Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.post('/challenges', async (req, res) => {
    const body = isObject(req.body) ? req.body : {};
    for (const key of Object.keys(body)) if (key !== 'domain') throw new PassportError('ERR_REQUEST_INVALID', `${key} is not a field of a challenge request`, { field: key });
    const domain = textField(body, 'domain', false) ?? ctx.publicUrl;
    if (domain.length > 2048) throw new PassportError('ERR_REQUEST_INVALID', 'domain is too long', { field: 'domain' });
    const nonce = await issueNonce(ctx.stores.nonces, { audience: domain, ttlSeconds: ctx.nonceTtlSeconds, now: ctx.now() });
    res.status(201).json({ challenge: nonce.nonce, domain, expiresAt: nonce.expiresAt });
  });

  router.post('/credentials/verify', async (req, res) => {
    sendReport(res, await verifyCredentialRequest(ctx, req.body));
  });

  router.post('/presentations/verify', async (req, res) => {
    sendReport(res, await verifyPresentationRequest(ctx, req.body));
  });

  router.get('/profiles', async (_req, res) => {
    res.json({ profiles: await listAllProfiles(ctx.stores.profiles) });
  });

  router.get('/profiles/:profileId', async (req, res) => {
    res.json(await findProfile(ctx.stores.profiles, param(req, 'profileId', /^[a-z0-9-]{1,100}$/, 'ERR_PROFILE_NOT_FOUND')));
  });

  router.post('/profiles', async (req, res) => {
    res.status(201).json(await addProfile(ctx.stores.profiles, req.body, ctx.now()));
  });

  router.post('/presentation-requests', async (req, res) => {
    if (!isObject(req.body)) throw new PassportError('ERR_REQUEST_INVALID', 'the body must be {profileId, startDate, purpose?}', { field: 'body' });
    for (const key of Object.keys(req.body)) {
      if (!['profileId', 'startDate', 'purpose'].includes(key)) throw new PassportError('ERR_REQUEST_INVALID', `${key} is not a field of this request`, { field: key });
    }
    const purpose = textField(req.body, 'purpose', false);
    const request = await createPresentationRequest(ctx, {
      profileId: textField(req.body, 'profileId', true)!,
      startDate: textField(req.body, 'startDate', true)!,
      ...(purpose === undefined ? {} : { purpose }),
    });
    res.status(201).json(request);
  });

  router.get('/presentation-requests/:requestId', async (req, res) => {
    res.json(await getPresentationRequest(ctx, param(req, 'requestId', /^req_[0-9a-f]{20}$/, 'ERR_NOT_FOUND')));
  });

  router.post('/presentation-requests/:requestId/presentations', async (req, res) => {
    const result = await runProfileCheck(ctx, param(req, 'requestId', /^req_[0-9a-f]{20}$/, 'ERR_NOT_FOUND'), req.body);
    res.status(201).json(result);
  });

  router.get('/results/:resultId', async (req, res) => {
    res.json(await getCheckResult(ctx, param(req, 'resultId', /^res_[0-9a-f]{20}$/, 'ERR_RESULT_NOT_FOUND')));
  });

  router.get('/results/:resultId/export.csv', async (req, res) => {
    const result = await getCheckResult(ctx, param(req, 'resultId', /^res_[0-9a-f]{20}$/, 'ERR_RESULT_NOT_FOUND'));
    res.setHeader('content-disposition', `attachment; filename="${result.id}.csv"`);
    res.type('text/csv').send(toEsrCsv(result.attributes));
  });

  router.get('/results/:resultId/export.json', async (req, res) => {
    const result = await getCheckResult(ctx, param(req, 'resultId', /^res_[0-9a-f]{20}$/, 'ERR_RESULT_NOT_FOUND'));
    res.setHeader('content-disposition', `attachment; filename="${result.id}.json"`);
    res.json(result.attributes);
  });

  options.extraRoutes?.(router);
  app.use(router);
  app.use(notFound);
  app.use(problemHandler(ctx.logger));
  return app;
}
