import type express from 'express';
import { PROBLEM_CONTENT_TYPE } from '@staff-passport/core';
import { healthRoute, jsonSchema as s, pageSecurityHeaders } from '@staff-passport/web-kit';
import { getCheckResult } from '../../profile-checks/get-check-result.js';
import { runProfileCheck } from '../../profile-checks/run-profile-check.js';
import { createPresentationRequest, getPresentationRequest } from '../../profile-checks/presentation-requests.js';
import { issueNonce } from '../../nonces/nonce-store.js';
import { addProfile, findProfile, listAllProfiles } from '../../profiles/profile-store.js';
import { toEsrCsv } from '../../report/to-esr-csv.js';
import type { VerificationReport } from '../../vc-api/build-verification-report.js';
import { verifyCredentialRequest } from '../../vc-api/verify-credential-request.js';
import { verifyPresentationRequest } from '../../vc-api/verify-presentation-request.js';
import { recordVerifierEvent } from '../../audit/record-verifier-event.js';
import { deleteCheckResult } from '../../profile-checks/delete-check-result.js';
import { scopeToRequest } from '../../organisations/scope-to-request.js';
import { callerOf } from '../verifier-caller.js';
import { EXAMPLE, PARAM, type VerifierRoute, type VerifierRouteDeps } from '../verifier-route.js';
import { DEFAULT_MOVE_KIND, MOVE_KIND_CODES } from '@staff-passport/schemas';

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

const MAX_PRESENTATIONS = 50;
// VC API `options.checks`: the checks that count (the proof always does).
const CHECKS_OPTION = s.array(s.string(), {
  maxItems: 20,
  description: 'the checks that count: proof, issuer, validity (expiration), status (credentialStatus), schema, trust, holder-binding; the others are reported skipped. Default: all but holder-binding',
});
const JWT = 'eyJhbGciOiJFZERTQSIsInR5cCI6InZjK2p3dCJ9.eyJ...fQ.c2ln';
const REPORT_EXAMPLE = {
  verified: true,
  checks: [{ check: 'signature', outcome: 'passed', credentialIndex: 0 }],
  errors: [],
  warnings: [],
  credentials: [{ index: 0, verified: true, issuer: EXAMPLE.issuer, types: ['VerifiableCredential', 'TrainingRecord'] }],
};
const FAILED_EXAMPLE = {
  type: 'https://w3id.org/staff-passport/errors#ERR_VERIFICATION_FAILED',
  title: 'Verification failed',
  status: 400,
  code: 'ERR_VERIFICATION_FAILED',
  ...REPORT_EXAMPLE,
  verified: false,
  checks: [{ check: 'status', outcome: 'failed', code: 'ERR_STATUS_REVOKED', credentialIndex: 0 }],
  errors: [{ code: 'ERR_STATUS_REVOKED', check: 'status', message: 'the credential has been revoked', credentialIndex: 0 }],
};
const failedReport = {
  description: 'not verified: problem details (ERR_VERIFICATION_FAILED) extended with the whole report, every failed check with its code',
  contentType: PROBLEM_CONTENT_TYPE,
  schema: { allOf: [s.ref('Problem'), s.ref('VerificationReport')] },
  example: FAILED_EXAMPLE,
};
const REQUEST_EXAMPLE = {
  id: EXAMPLE.requestId,
  profileId: EXAMPLE.profileId,
  profileTitle: 'Registered nurse',
  startDate: '2026-04-01',
  purpose: 'Pre-employment checks for your new role',
  nonce: EXAMPLE.nonce,
  audience: EXAMPLE.verifier,
  state: 'pending',
  resultId: null,
  createdAt: EXAMPLE.time,
  expiresAt: '2026-03-01T10:30:00.000Z',
};
const RESULT_EXAMPLE = {
  id: EXAMPLE.resultId,
  requestId: EXAMPLE.requestId,
  profileId: EXAMPLE.profileId,
  decision: 'ready_to_start',
  report: { overall: { decision: 'ready_to_start', reasons: [] } },
  attributes: { person: { holder: EXAMPLE.holder } },
  checks: [],
  credentialHashes: [],
  createdAt: EXAMPLE.time,
  expiresAt: '2026-03-31T09:30:00.000Z',
};
const PROFILE_EXAMPLE = { id: 'ward-porter', version: '1.0.0', title: 'Ward porter', requirements: [] };
const resultParams = [PARAM.resultId];
// Downloads of personal data carry the desk's security headers: never sniffed as another type,
// never cached, never framed.
const deskHeaders = [pageSecurityHeaders()];

/**
 * The verifier's REST API: the W3C VC API (`POST /challenges`, `POST /credentials/verify`,
 * `POST /presentations/verify`: 200 with `verified: true`, or 400 with `verified: false` and every
 * failed check's code); check profiles; presentation requests built from them, their answers, and
 * the results with the verified attributes as JSON or ESR-style CSV.
 */
export const VERIFIER_API_ROUTES: VerifierRoute[] = [
  healthRoute<VerifierRouteDeps>(),
  {
    method: 'post',
    path: '/challenges',
    summary: 'A challenge (nonce) for a holder to bind a presentation to (W3C VC API)',
    tag: 'vc-api',
    access: 'public',
    body: {
      schema: s.object({ domain: s.string({ maxLength: 2048, description: 'the audience the presentation will be bound to (default: this verifier)' }) }),
      required: false,
      example: { domain: 'https://verifier.example.nhs.uk' },
    },
    responses: {
      201: {
        description: 'the challenge, the domain and when the challenge expires',
        schema: s.object({ challenge: s.string(), domain: s.string(), expiresAt: s.string() }, ['challenge', 'domain', 'expiresAt']),
        example: { challenge: EXAMPLE.nonce, domain: 'https://verifier.example.nhs.uk', expiresAt: '2026-03-01T09:40:00.000Z' },
      },
    },
    errors: [400, 413, 415],
    handler: async ({ ctx }, req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const domain = (body['domain'] as string | undefined) ?? ctx.publicUrl;
      const nonce = await issueNonce(ctx.stores.nonces, { audience: domain, ttlSeconds: ctx.nonceTtlSeconds, now: ctx.now() });
      res.status(201).json({ challenge: nonce.nonce, domain, expiresAt: nonce.expiresAt });
    },
  },
  {
    method: 'post',
    path: '/credentials/verify',
    summary: 'Verify a credential (W3C VC API): signature, validity, status, trust and schema, every check reported',
    tag: 'vc-api',
    access: 'public',
    body: {
      schema: s.object({
        verifiableCredential: { description: 'the credential: a vc+jwt or dc+sd-jwt string, or a Data Integrity credential object' },
        options: s.object({ checks: CHECKS_OPTION }, [], { open: true }),
      }),
      example: { verifiableCredential: JWT },
    },
    responses: { 200: { description: 'verified: the report with every check', schema: s.ref('VerificationReport'), example: REPORT_EXAMPLE }, 400: failedReport },
    errors: [413, 415],
    handler: async ({ ctx }, req, res) => {
      sendReport(res, await verifyCredentialRequest(ctx, req.body));
    },
  },
  {
    method: 'post',
    path: '/presentations/verify',
    summary: 'Verify a presentation (W3C VC API): holder proof bound to a challenge and domain, then every credential in it',
    tag: 'vc-api',
    access: 'public',
    body: {
      schema: s.object(
        {
          verifiablePresentation: { description: 'the presentation: a VP JWT or SD-JWT with key binding string, or a Data Integrity presentation object' },
          options: s.object(
            {
              challenge: s.string({ minLength: 8, maxLength: 512, description: "the nonce from POST /challenges (or, where the verifier accepts them, the caller's own)" }),
              domain: s.string({ minLength: 1, maxLength: 2048, description: 'the audience' }),
              checks: CHECKS_OPTION,
            },
            ['challenge', 'domain'],
            { open: true },
          ),
        },
        ['options'],
      ),
      example: { verifiablePresentation: JWT, options: { challenge: EXAMPLE.nonce, domain: 'https://verifier.example.nhs.uk' } },
    },
    responses: { 200: { description: 'verified: the report with every check', schema: s.ref('VerificationReport'), example: { ...REPORT_EXAMPLE, holder: EXAMPLE.holder } }, 400: failedReport },
    errors: [413, 415],
    handler: async ({ ctx }, req, res) => {
      sendReport(res, await verifyPresentationRequest(ctx, req.body));
    },
  },
  {
    method: 'get',
    path: '/profiles',
    summary: 'The check profiles: shipped and added',
    tag: 'profiles',
    access: ['checker', 'profile-admin'],
    responses: { 200: { description: 'every profile', schema: s.object({ profiles: s.array(s.ref('CheckProfile')) }, ['profiles']), example: { profiles: [PROFILE_EXAMPLE] } } },
    handler: async (_deps, _req, res) => {
      res.json({ profiles: await listAllProfiles(callerOf(res).ctx.stores.profiles) });
    },
  },
  {
    method: 'get',
    path: '/profiles/:profileId',
    summary: 'A check profile',
    tag: 'profiles',
    access: ['checker', 'profile-admin'],
    params: [PARAM.profileId],
    responses: { 200: { description: 'the profile', schema: s.ref('CheckProfile'), example: PROFILE_EXAMPLE } },
    errors: [404],
    handler: async (_deps, req, res) => {
      res.json(await findProfile(callerOf(res).ctx.stores.profiles, req.params['profileId'] as string));
    },
  },
  {
    method: 'post',
    path: '/profiles',
    summary: 'Add a check profile (its requirements, the credentials that satisfy each, and their rules)',
    tag: 'profiles',
    access: ['profile-admin'],
    body: {
      schema: s.ref('CheckProfile'),
      example: PROFILE_EXAMPLE,
      // The profile check reports every problem at once (ERR_PROFILE_INVALID with `issues`), and
      // the rules' claims against the catalogue, which a first-error check would hide.
      validation: 'handler',
    },
    responses: { 201: { description: 'the profile added', schema: s.ref('CheckProfile'), example: PROFILE_EXAMPLE } },
    errors: [400, 409, 413, 415],
    handler: async (_deps, req, res) => {
      const { ctx, principal } = callerOf(res);
      const profile = await addProfile(ctx.stores.profiles, req.body, ctx.now(), principal.actor);
      await recordVerifierEvent(ctx, principal.actor, 'profile.create', profile.id);
      res.status(201).json(profile);
    },
  },
  {
    method: 'post',
    path: '/presentation-requests',
    summary: 'Create a presentation request from a check profile (a Presentation Exchange definition, nonce and audience)',
    tag: 'checks',
    access: ['checker'],
    body: {
      schema: s.object(
        {
          profileId: s.string({ description: 'the check profile' }),
          startDate: s.string({ description: 'the start date, such as 2026-12-01 (training must be in date then)' }),
          purpose: s.string({ description: 'why, as shown to the person (1 to 300 characters)' }),
          move: s.enum(MOVE_KIND_CODES, { description: `the kind of move, which decides what may be relied on (default ${DEFAULT_MOVE_KIND})` }),
        },
        ['profileId', 'startDate'],
      ),
      example: { profileId: EXAMPLE.profileId, startDate: '2026-04-01', purpose: 'Pre-employment checks for your new role', move: 'new_employer' },
    },
    responses: { 201: { description: 'the request', schema: s.ref('PresentationRequest'), example: REQUEST_EXAMPLE } },
    errors: [400, 403, 404, 413, 415],
    handler: async (_deps, req, res) => {
      const body = req.body as { profileId: string; startDate: string; purpose?: string; move?: string };
      const request = await createPresentationRequest(callerOf(res).ctx, {
        profileId: body.profileId,
        startDate: body.startDate,
        ...(body.purpose === undefined ? {} : { purpose: body.purpose }),
        ...(body.move === undefined ? {} : { move: body.move }),
      });
      res.status(201).json(request);
    },
  },
  {
    method: 'get',
    path: '/presentation-requests/:requestId',
    summary: 'A presentation request and whether it has been answered (for the person answering it: no sign-in, the id is the capability)',
    tag: 'checks',
    access: 'public',
    params: [PARAM.requestId],
    responses: { 200: { description: 'the request', schema: s.ref('PresentationRequest'), example: REQUEST_EXAMPLE } },
    errors: [404],
    handler: async ({ ctx }, req, res) => {
      const id = req.params['requestId'] as string;
      res.json(await getPresentationRequest(await scopeToRequest(ctx, id, 'ERR_NOT_FOUND'), id));
    },
  },
  {
    method: 'post',
    path: '/presentation-requests/:requestId/presentations',
    summary: "Answer a presentation request: the presentations are verified and checked against the request's profile",
    tag: 'checks',
    access: 'public',
    params: [PARAM.requestId],
    body: {
      schema: s.object(
        { presentations: s.array({ description: 'a presentation (VP JWT or SD-JWT with key binding string, or a Data Integrity presentation object)' }, { minItems: 1, maxItems: MAX_PRESENTATIONS }) },
        ['presentations'],
      ),
      example: { presentations: [JWT] },
    },
    responses: { 201: { description: 'the result: decision, report and verified attributes', schema: s.ref('CheckResult'), example: RESULT_EXAMPLE } },
    errors: [400, 404, 409, 413, 415],
    handler: async ({ ctx }, req, res) => {
      const id = req.params['requestId'] as string;
      res.status(201).json(await runProfileCheck(await scopeToRequest(ctx, id, 'ERR_NOT_FOUND'), id, req.body));
    },
  },
  {
    method: 'get',
    path: '/results/:resultId',
    summary: 'A check result (while it is kept)',
    tag: 'results',
    access: ['checker'],
    params: resultParams,
    responses: { 200: { description: 'the result', schema: s.ref('CheckResult'), example: RESULT_EXAMPLE } },
    errors: [404],
    handler: async (_deps, req, res) => {
      res.json(await getCheckResult(callerOf(res).ctx, req.params['resultId'] as string));
    },
  },
  {
    method: 'delete',
    path: '/results/:resultId',
    summary: 'Delete a check result now, before its retention period ends (the person asked); audited',
    tag: 'results',
    access: ['checker'],
    params: resultParams,
    responses: { 204: { description: 'deleted', contentType: 'none' } },
    errors: [404],
    handler: async (_deps, req, res) => {
      const { ctx, principal } = callerOf(res);
      await deleteCheckResult(ctx, req.params['resultId'] as string, principal.actor);
      res.status(204).end();
    },
  },
  {
    method: 'get',
    path: '/results/:resultId/export.csv',
    before: deskHeaders,
    summary: "A result's verified attributes as an ESR-style CSV (a download)",
    tag: 'results',
    access: ['checker'],
    params: resultParams,
    responses: { 200: { description: 'CSV, one row a verified attribute', contentType: 'text/csv', schema: s.string(), example: 'Attribute,Value,Source\nholder,did:key:z6Mk...,presentation\n' } },
    errors: [404],
    handler: async (_deps, req, res) => {
      const { ctx, principal } = callerOf(res);
      const result = await getCheckResult(ctx, req.params['resultId'] as string);
      await recordVerifierEvent(ctx, principal.actor, 'result.export', result.id, { format: 'csv' });
      res.setHeader('content-disposition', `attachment; filename="${result.id}.csv"`);
      res.type('text/csv').send(toEsrCsv(result.attributes));
    },
  },
  {
    method: 'get',
    path: '/results/:resultId/export.json',
    before: deskHeaders,
    summary: "A result's verified attributes as JSON (a download)",
    tag: 'results',
    access: ['checker'],
    params: resultParams,
    responses: { 200: { description: 'the verified attributes', schema: s.anyObject('the verified attributes, ready for a workforce system'), example: RESULT_EXAMPLE.attributes } },
    errors: [404],
    handler: async (_deps, req, res) => {
      const { ctx, principal } = callerOf(res);
      const result = await getCheckResult(ctx, req.params['resultId'] as string);
      await recordVerifierEvent(ctx, principal.actor, 'result.export', result.id, { format: 'json' });
      res.setHeader('content-disposition', `attachment; filename="${result.id}.json"`);
      res.json(result.attributes);
    },
  },
];
