import { PassportError, type ErrorCode } from '@staff-passport/core';
import { getPresentationRequest } from '../profile-checks/presentation-requests.js';
import type { CheckResult } from '../profile-checks/check-result.js';
import { getCheckResult } from '../profile-checks/get-check-result.js';
import type { MoveKind } from '@staff-passport/schemas';
import type { ReportReason, RequirementReliance, TodoItem } from '../report/profile-report.js';
import type { VerifierContext } from '../verifier-context.js';
import { findOid4vpRow, requestUrls, walletLink, type Oid4vpFinding, type QueryLanguage } from './lib/oid4vp-store.js';

/** What the verifier page sees when it polls an OpenID4VP request. */
export interface Oid4vpRequestStatus {
  id: string;
  state: 'pending' | 'answered' | 'refused' | 'expired';
  clientId: string;
  link: string;
  query: QueryLanguage;
  profileId: string;
  startDate: string;
  /** The kind of move the check is for. */
  move: MoveKind;
  /** Whether a wallet has fetched the request object yet (the page can say "opened in a wallet"). */
  requestFetched: boolean;
  expiresAt: string;
  answeredAt?: string;
  resultId?: string;
  /** A summary of the stored result, while it is kept (the full result at `/results/{resultId}`). */
  result?: {
    /** The outcome: ready_to_start, ready_once_checks_done or needs_action. */
    decision: CheckResult['decision'];
    /** Why it needs action (the required requirements not met). */
    reasons: ReportReason[];
    /** The checks to do before the start, pre-filled. */
    todo: TodoItem[];
    /** Per requirement: what the employer does with it on this move, and the rule behind it. */
    reliance: ({ requirementId: string; outcome: 'satisfied' | 'not_satisfied' | 'missing' } & Omit<RequirementReliance, 'from'>)[];
    /** Every check passed (signatures, holder binding, nonce, audience, status, trust, query). */
    verified: boolean;
    failedChecks: { check: string; code?: ErrorCode; credentialIndex?: number }[];
    findings: Oid4vpFinding[];
  };
  /** The wallet's error response (`access_denied` when the holder declined). */
  walletError?: { error: string; description?: string };
}

/**
 * The state of an OpenID4VP request, for the verifier page to poll: pending, answered (with the
 * result's id and a summary), refused by the wallet, or expired unanswered. It reads the same
 * presentation request (and result) as `GET /presentation-requests/{id}`.
 *
 * @throws PassportError `ERR_VP_REQUEST_NOT_FOUND`
 */
export async function getOid4vpRequest(ctx: VerifierContext, id: string): Promise<Oid4vpRequestStatus> {
  const row = await findOid4vpRow(ctx, id);
  if (!row) throw new PassportError('ERR_VP_REQUEST_NOT_FOUND', 'no OpenID4VP request with that id', { field: 'id' });
  const request = await getPresentationRequest(ctx, id);
  const expired = row.status === 'pending' && ctx.now().getTime() >= Date.parse(row.expires_at);
  const status: Oid4vpRequestStatus = {
    id,
    state: expired ? 'expired' : row.status,
    clientId: row.client_id,
    link: walletLink(row.client_id, requestUrls(ctx.publicUrl, id).requestUri),
    query: row.query_language,
    profileId: request.profileId,
    startDate: request.startDate,
    move: request.move,
    requestFetched: row.fetched_at !== null,
    expiresAt: row.expires_at,
    ...(row.answered_at ? { answeredAt: row.answered_at } : {}),
    ...(row.wallet_error ? { walletError: { error: row.wallet_error, ...(row.wallet_error_description ? { description: row.wallet_error_description } : {}) } } : {}),
  };
  if (row.status === 'answered' && request.resultId) {
    status.resultId = request.resultId;
    try {
      const result = await getCheckResult(ctx, request.resultId);
      const failed = result.checks.filter((c) => c.outcome === 'failed');
      status.result = {
        decision: result.decision,
        reasons: result.report.overall.reasons,
        todo: result.report.overall.todo ?? [],
        reliance: result.report.requirements.filter((r) => r.reliance !== undefined).map((r) => ({ requirementId: r.id, outcome: r.outcome, decision: r.reliance.decision, basis: r.reliance.basis })),
        verified: failed.length === 0,
        failedChecks: failed.map((c) => ({ check: c.check, ...(c.code ? { code: c.code } : {}), ...(c.credentialIndex === undefined ? {} : { credentialIndex: c.credentialIndex }) })),
        findings: row.findings ? (JSON.parse(row.findings) as Oid4vpFinding[]) : [],
      };
    } catch (err: unknown) {
      // Past its retention period the result is gone; the request still says it was answered.
      if (!(err instanceof PassportError && err.code === 'ERR_RESULT_NOT_FOUND')) throw err;
    }
  }
  return status;
}
