import { randomBytes } from 'node:crypto';
import { enqueueWebhookEvent, type VerificationCheck } from '@staff-passport/core';
import type { MoveKind } from '@staff-passport/schemas';
import { findProfile } from '../profiles/profile-store.js';
import { evaluateProfile } from '../report/evaluate-profile.js';
import { exportVerifiedAttributes } from '../report/export-verified-attributes.js';
import { listChecks } from '../verification/list-checks.js';
import type { PresentationInput } from '../verification/verification-input.js';
import type { VerifiedCredential, VerifiedPresentation } from '../verification/verified-credential.js';
import type { VerifierContext } from '../verifier-context.js';
import type { CheckResult } from './check-result.js';
import { markRequestAnswered } from './presentation-requests.js';

/** What {@link recordCheckResult} keeps: the answer as received and as verified. */
export interface VerifiedAnswer {
  /** The presentations as received (kept only when the verifier is configured to store credentials). */
  inputs: readonly PresentationInput[];
  /** Their results, in the same order. */
  presentations: readonly VerifiedPresentation[];
  /** Checks made on the answer as a whole (the OpenID4VP query's), kept with the result. */
  checks?: readonly VerificationCheck[];
}

// A presentation whose holder proof failed lends its credentials nothing: the profile reads them as not verified.
function asPresented(p: VerifiedPresentation): VerifiedCredential[] {
  const holderOk = p.checks.every((c) => c.outcome !== 'failed');
  return p.credentials.map((c) => (holderOk ? c : { ...c, verified: false, checks: [...p.checks, ...c.checks] }));
}

/**
 * Evaluates the check profile on a verified answer to a presentation request whose nonce has
 * been used up, and keeps the result with the credential hashes (not the credentials, unless
 * configured) for the retention period, with a `verification.completed` webhook message in the
 * same transaction. The one place a check's stored and public result is built.
 *
 * @example
 * const result = await recordCheckResult(ctx, request, { inputs, presentations: await verifyPresentations(ctx, inputs, binding) });
 * @throws PassportError `ERR_NOT_FOUND` when the request's profile is gone.
 */
export async function recordCheckResult(
  ctx: VerifierContext,
  request: { requestId: string; profileId: string; startDate: string; move: MoveKind },
  answer: VerifiedAnswer,
): Promise<CheckResult> {
  const credentials = answer.presentations.flatMap(asPresented);
  const profile = await findProfile(ctx.stores.profiles, request.profileId);
  const now = ctx.now();
  const report = evaluateProfile(profile, credentials, { startDate: request.startDate, now, move: request.move });
  const attributes = exportVerifiedAttributes(report, credentials);
  const id = `res_${randomBytes(10).toString('hex')}`;
  const expiresAt = new Date(now.getTime() + ctx.retentionDays * 86_400_000).toISOString();
  const result: CheckResult = {
    id,
    requestId: request.requestId,
    profileId: profile.id,
    decision: report.overall.decision,
    report,
    attributes,
    checks: [...answer.presentations.flatMap(listChecks), ...(answer.checks ?? [])],
    credentialHashes: credentials.map((c) => c.hash),
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
      credentials: ctx.storeCredentials ? JSON.stringify(answer.inputs) : null,
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
