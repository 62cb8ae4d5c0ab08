import { PassportError } from '@staff-passport/core';
import { getPresentationRequest } from '../profile-checks/presentation-requests.js';
import { recordCheckResult } from '../profile-checks/record-check-result.js';
import { verifyPresentations } from '../verification/verify-presentations.js';
import type { VerifierContext } from '../verifier-context.js';
import { assessDcqlAnswer, assessPeAnswer } from './assess-answer.js';
import type { PathPointer } from './lib/claims-path.js';
import { consumeNonceOrThrow } from './lib/consume-request-nonce.js';
import { disclosedPaths } from './lib/disclosed-paths.js';
import { findOid4vpRow, type Oid4vpRow } from './lib/oid4vp-store.js';
import { parseDcqlVpToken, parsePeVpToken } from './parse-vp-token.js';

/** What the response endpoint did with an Authorization Response. */
export type Oid4vpResponseOutcome = { outcome: 'answered'; resultId: string } | { outcome: 'refused'; error: string };

// RFC 6749 section 4.1.2.1: error and error_description are printable ASCII without " and \.
const OAUTH_TEXT = /^[\x20-\x21\x23-\x5B\x5D-\x7E]*$/;

function text(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new PassportError('ERR_VP_RESPONSE_INVALID', `${field} must be given once, as text`, { field });
  return value;
}

async function pendingRow(ctx: VerifierContext, id: string): Promise<Oid4vpRow> {
  const row = await findOid4vpRow(ctx, id);
  if (!row) throw new PassportError('ERR_VP_REQUEST_NOT_FOUND', 'no OpenID4VP request with that id', { field: 'id' });
  if (row.status !== 'pending') throw new PassportError('ERR_VP_REQUEST_ANSWERED', 'the request has been answered already', { field: 'id' });
  if (ctx.now().getTime() >= Date.parse(row.expires_at)) throw new PassportError('ERR_VP_REQUEST_EXPIRED', 'the request has expired', { field: 'id' });
  return row;
}

/**
 * The Response URI of an OpenID4VP request (`response_mode=direct_post`, OpenID4VP 1.0 section
 * 8.2): takes the form fields of an Authorization Response (`vp_token` and `state`, with
 * `presentation_submission` for Presentation Exchange) or of an Authorization Error Response
 * (`error`, `error_description`, `state`, section 8.5). The `state` must be the request's; the
 * request's nonce is used up (once, before it expires: a second answer is refused); every
 * presentation goes through the verification pipeline bound to the nonce and the full client_id
 * (section 14.1), is checked against the query, and the result is stored as for any
 * presentation request. A wallet's error marks the request refused.
 *
 * @throws PassportError `ERR_VP_REQUEST_NOT_FOUND`, `ERR_VP_REQUEST_EXPIRED`, `ERR_VP_REQUEST_ANSWERED`,
 *   `ERR_VP_STATE_MISMATCH`, `ERR_VP_RESPONSE_INVALID` (naming the field).
 */
export async function handleOid4vpResponse(ctx: VerifierContext, id: string, body: Record<string, unknown>): Promise<Oid4vpResponseOutcome> {
  const row = await pendingRow(ctx, id);
  const state = text(body, 'state');
  if (state !== row.state_token) throw new PassportError('ERR_VP_STATE_MISMATCH', 'state is not the one this request was given', { field: 'state' });
  const error = text(body, 'error');
  const vpToken = text(body, 'vp_token');
  const request = await getPresentationRequest(ctx, id);
  const now = ctx.now();

  if (error !== undefined) {
    const description = text(body, 'error_description');
    if (error.length === 0 || error.length > 100 || !OAUTH_TEXT.test(error)) throw new PassportError('ERR_VP_RESPONSE_INVALID', 'error is not an OAuth error code', { field: 'error' });
    if (vpToken !== undefined) throw new PassportError('ERR_VP_RESPONSE_INVALID', 'an error response carries no vp_token', { field: 'vp_token' });
    // Using the nonce up is what makes the refusal final: no answer can follow it.
    await consumeNonceOrThrow(ctx, request.nonce, row.client_id, now);
    const kept = description !== undefined && OAUTH_TEXT.test(description) ? description.slice(0, 500) : null;
    await ctx.stores.requests.markOid4vpRefused(id, error, kept, now.toISOString());
    return { outcome: 'refused', error };
  }

  if (vpToken === undefined || vpToken.length === 0) throw new PassportError('ERR_VP_RESPONSE_INVALID', 'vp_token is missing', { field: 'vp_token' });
  const answered =
    row.query_language === 'pe'
      ? parsePeVpToken(request.presentation_definition, vpToken, text(body, 'presentation_submission'))
      : parseDcqlVpToken(request.dcql_query, vpToken);
  await consumeNonceOrThrow(ctx, request.nonce, row.client_id, now);
  const disclosed: (PathPointer[] | undefined)[] = await Promise.all(answered.map((a) => (a.input.format === 'dc+sd-jwt' ? disclosedPaths(a.input.value) : Promise.resolve(undefined))));
  const inputs = answered.map((a) => a.input);
  const presentations = await verifyPresentations(ctx, inputs, { nonce: request.nonce, audience: row.client_id });
  const assessment =
    row.query_language === 'pe'
      ? assessPeAnswer(request.presentation_definition, answered, presentations, disclosed)
      : assessDcqlAnswer(request.dcql_query, answered, presentations, disclosed);
  const result = await recordCheckResult(ctx, { requestId: id, profileId: request.profileId, startDate: request.startDate, move: request.move }, { inputs, presentations, checks: assessment.checks });
  await ctx.stores.requests.markOid4vpAnswered(id, JSON.stringify(assessment.findings), now.toISOString());
  return { outcome: 'answered', resultId: result.id };
}
