import { randomBytes } from 'node:crypto';
import { PassportError, enqueueWebhookEvent, isObject, type VerificationCheck } from '@staff-passport/core';
import type { MoveKind } from '@staff-passport/schemas';
import { requireNonce } from '../nonces/nonce-store.js';
import { classifyPresentation } from '../pipeline/credential-input.js';
import { verifyOnePresentation, type PipelinePresentation } from '../pipeline/verify-any.js';
import { findProfile } from '../profiles/profile-store.js';
import { evaluateProfile } from '../report/evaluate-profile.js';
import { exportVerifiedAttributes, type ExportedAttributes } from '../report/export-verified-attributes.js';
import type { ProfileReport } from '../report/profile-report.js';
import type { VerifiedCredentialView } from '../report/verified-credential-view.js';
import type { VerifierContext } from '../verifier-context.js';
import { getPresentationRequest, markRequestAnswered } from './presentation-requests.js';

/** The outcome of a check: the profile report, the verified attributes, and every check made. */
export interface CheckResult {
  id: string;
  requestId: string;
  profileId: string;
  decision: ProfileReport['overall']['decision'];
  report: ProfileReport;
  attributes: ExportedAttributes;
  /** Presentation-level checks (holder proof, nonce, audience) and each credential's. */
  checks: VerificationCheck[];
  credentialHashes: string[];
  createdAt: string;
  expiresAt: string;
}

const MAX_PRESENTATIONS = 50;

/**
 * Answers a presentation request: uses its nonce up (once, before it expires), verifies every
 * presentation bound to that nonce and this verifier, evaluates the check profile on the start
 * date, and keeps the result with the credential hashes (not the credentials, unless configured)
 * for the retention period, with a `verification.completed` webhook message in the same transaction.
 *
 * @throws PassportError `ERR_NOT_FOUND`, `ERR_REQUEST_INVALID` (field `presentations`),
 *   `ERR_NONCE_REPLAYED` / `ERR_NONCE_EXPIRED` (the request was answered or is too old).
 */
export async function runProfileCheck(ctx: VerifierContext, requestId: string, body: unknown): Promise<CheckResult> {
  if (!isObject(body)) throw new PassportError('ERR_REQUEST_INVALID', 'the body must be {presentations: [...]}', { field: 'body' });
  for (const key of Object.keys(body)) if (key !== 'presentations') throw new PassportError('ERR_REQUEST_INVALID', `${key} is not a field of this request`, { field: key });
  const raw = body['presentations'];
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_PRESENTATIONS) {
    throw new PassportError('ERR_REQUEST_INVALID', `presentations must list 1 to ${MAX_PRESENTATIONS} presentations`, { field: 'presentations' });
  }
  const inputs = raw.map((p, i) => classifyPresentation(p, `presentations[${i}]`));
  const request = await getPresentationRequest(ctx, requestId);
  await requireNonce(ctx.stores.nonces, request.nonce, request.audience, ctx.now());
  return checkPresentations(ctx, { requestId, profileId: request.profileId, startDate: request.startDate, move: request.move, nonce: request.nonce, audience: request.audience }, inputs);
}

/** Options of {@link checkPresentations}. */
export interface CheckPresentationsOptions {
  /**
   * Further checks made on the verified presentations (in the order of `inputs`) and kept with
   * the result: the OpenID4VP response endpoint checks them against the query asked.
   */
  assess?: (presentations: PipelinePresentation[]) => VerificationCheck[];
}

/**
 * Verifies presentations already classified for a request whose nonce has been used up (the
 * OpenID4VP response endpoint shares this), evaluates the profile and stores the result.
 */
export async function checkPresentations(
  ctx: VerifierContext,
  request: { requestId: string; profileId: string; startDate: string; move: MoveKind; nonce: string; audience: string },
  inputs: Parameters<typeof verifyOnePresentation>[1][],
  options: CheckPresentationsOptions = {},
): Promise<CheckResult> {
  const presentations: PipelinePresentation[] = [];
  let offset = 0;
  for (const input of inputs) {
    const p = await verifyOnePresentation(ctx, input, { nonce: request.nonce, audience: request.audience }, offset);
    presentations.push(p);
    offset += p.credentials.length;
  }
  // A presentation whose holder proof failed lends its credentials nothing.
  const views: VerifiedCredentialView[] = presentations.flatMap((p) => {
    const holderOk = p.checks.every((c) => c.outcome !== 'failed');
    return p.credentials.map((c) => (holderOk ? c.view : { ...c.view, verified: false, checks: [...p.checks, ...c.view.checks] }));
  });
  const profile = await findProfile(ctx.stores.profiles, request.profileId);
  const now = ctx.now();
  const report = evaluateProfile(profile, views, { startDate: request.startDate, now, move: request.move });
  const attributes = exportVerifiedAttributes(report, views);
  const id = `res_${randomBytes(10).toString('hex')}`;
  const expiresAt = new Date(now.getTime() + ctx.retentionDays * 86_400_000).toISOString();
  const result: CheckResult = {
    id,
    requestId: request.requestId,
    profileId: profile.id,
    decision: report.overall.decision,
    report,
    attributes,
    checks: [...presentations.flatMap((p) => [...p.checks, ...p.credentials.flatMap((c) => c.verification.checks)]), ...(options.assess?.(presentations) ?? [])],
    credentialHashes: views.map((v) => v.hash),
    createdAt: now.toISOString(),
    expiresAt,
  };
  await ctx.db.transaction(async () => {
    await ctx.stores.results.insert({
      id,
      request_id: request.requestId,
      profile_id: profile.id,
      decision: result.decision,
      report: JSON.stringify({ report, checks: result.checks }),
      attributes: JSON.stringify(attributes),
      credential_hashes: JSON.stringify(result.credentialHashes),
      credentials: ctx.storeCredentials ? JSON.stringify(inputs) : null,
      created_at: result.createdAt,
      expires_at: expiresAt,
    });
    await markRequestAnswered(ctx, request.requestId, id);
    // The outbox message is written with the result: no personal data, the receiver fetches the result.
    await enqueueWebhookEvent(ctx.webhooks, {
      orgId: ctx.org.id,
      type: 'verification.completed',
      data: { resultId: id, requestId: request.requestId, profileId: profile.id, decision: result.decision, expiresAt },
      at: now,
    });
  });
  return result;
}

/**
 * A stored result, while its retention period lasts (housekeeping deletes expired results on a
 * timer; one past its period is not found meanwhile).
 *
 * @throws PassportError `ERR_RESULT_NOT_FOUND`
 */
export async function getCheckResult(ctx: VerifierContext, id: string): Promise<CheckResult> {
  const row = await ctx.stores.results.find(id, ctx.now().toISOString());
  if (!row) throw new PassportError('ERR_RESULT_NOT_FOUND', 'no result with that id (it may have passed its retention period)', { field: 'resultId' });
  const stored = JSON.parse(row.report) as { report: ProfileReport; checks: VerificationCheck[] };
  return {
    id: row.id,
    requestId: row.request_id ?? '',
    profileId: row.profile_id,
    decision: row.decision as ProfileReport['overall']['decision'],
    report: stored.report,
    checks: stored.checks,
    attributes: JSON.parse(row.attributes) as ExportedAttributes,
    credentialHashes: JSON.parse(row.credential_hashes) as string[],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
