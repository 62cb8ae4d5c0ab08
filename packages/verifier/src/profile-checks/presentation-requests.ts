import { randomBytes } from 'node:crypto';
import { PassportError } from '@staff-passport/core';
import { DEFAULT_MOVE_KIND, MOVE_KINDS, MOVE_KIND_CODES, type MoveKind } from '@staff-passport/schemas';
import type { CheckProfile } from '../profiles/check-profile.js';
import { buildPresentationRequest } from '../profiles/build-presentation-request.js';
import type { PresentationRequest } from '../profiles/presentation-request-types.js';
import { findProfile } from '../profiles/profile-store.js';
import { issueNonce } from '../nonces/nonce-store.js';
import { checkRegisteredAsks } from './check-registered-asks.js';
import type { RequestRow } from '../store/request-store.js';
import type { VerifierContext } from '../verifier-context.js';

/** A request for a candidate's credentials, built from a check profile. */
export interface StoredRequest extends PresentationRequest {
  id: string;
  profileId: string;
  profileTitle: string;
  startDate: string;
  /** The kind of move the check is for: it decides what the employer may rely on. */
  move: MoveKind;
  moveTitle: string;
  purpose: string;
  /** The holder binds the presentation to this nonce and audience (OpenID4VP 1.0, section 5.2: `nonce`, `client_id`). */
  nonce: string;
  audience: string;
  state: 'pending' | 'answered';
  resultId: string | null;
  createdAt: string;
  expiresAt: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function view(row: RequestRow, profile: CheckProfile, audience: string): StoredRequest {
  const move = row.move !== null && Object.hasOwn(MOVE_KINDS, row.move) ? (row.move as MoveKind) : DEFAULT_MOVE_KIND;
  return {
    id: row.id,
    profileId: row.profile_id,
    profileTitle: profile.title,
    startDate: row.start_date,
    move,
    moveTitle: MOVE_KINDS[move].title,
    // The profile says why its checks are asked for; a request may say more.
    purpose: row.purpose ?? (profile.purpose || `Pre-employment checks for the role: ${profile.title}`),
    nonce: row.nonce,
    audience: row.audience ?? audience,
    state: row.state,
    resultId: row.result_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ...buildPresentationRequest(profile),
  };
}

/** Options of {@link createPresentationRequest} beyond what the HR user gives. */
export interface CreatePresentationRequestOptions {
  /** The audience the nonce is bound to (default the verifier's URL; an OpenID4VP client_id for requests by reference). */
  audience?: string;
  /** How long the request and its nonce last, seconds (default the context's nonce lifetime). */
  ttlSeconds?: number;
  /** The DID the request is made as, whose registered asks it must keep to (default the verifier's DID for its URL). */
  verifierDid?: string;
}

/**
 * Creates a presentation request from a check profile for a kind of move (default a new
 * employer): a fresh nonce, the DCQL query and the Presentation Exchange definition asking only
 * for the claims the profile's rules need. With a trust registry, what the profile asks must be
 * registered for the move under the verifier's DID.
 *
 * @throws PassportError `ERR_PROFILE_NOT_FOUND`, `ERR_REQUEST_INVALID` (field `startDate`, `purpose` or `move`),
 *   `ERR_VERIFIER_NOT_REGISTERED` or `ERR_ASK_NOT_REGISTERED` (field `profileId`, issues naming each ask not registered).
 */
export async function createPresentationRequest(
  ctx: VerifierContext,
  input: { profileId: string; startDate: string; purpose?: string; move?: string },
  options: CreatePresentationRequestOptions = {},
): Promise<StoredRequest> {
  if (!DATE.test(input.startDate) || Number.isNaN(Date.parse(input.startDate))) {
    throw new PassportError('ERR_REQUEST_INVALID', 'startDate must be a date such as 2026-12-01', { field: 'startDate' });
  }
  if (input.purpose !== undefined && (input.purpose.length === 0 || input.purpose.length > 300)) {
    throw new PassportError('ERR_REQUEST_INVALID', 'purpose must be 1 to 300 characters', { field: 'purpose' });
  }
  const move = input.move ?? DEFAULT_MOVE_KIND;
  if (!Object.hasOwn(MOVE_KINDS, move)) throw new PassportError('ERR_REQUEST_INVALID', `move must be one of ${MOVE_KIND_CODES.join(', ')}`, { field: 'move' });
  const profile = await findProfile(ctx.stores.profiles, input.profileId);
  checkRegisteredAsks(ctx, { verifierDid: options.verifierDid ?? ctx.org.did, purpose: move, profile });
  const id = `req_${randomBytes(10).toString('hex')}`;
  const now = ctx.now();
  const audience = options.audience ?? ctx.publicUrl;
  const nonce = await issueNonce(ctx.stores.nonces, { audience, ttlSeconds: options.ttlSeconds ?? ctx.nonceTtlSeconds, now, requestId: id });
  const row: RequestRow = {
    id,
    profile_id: profile.id,
    start_date: input.startDate,
    nonce: nonce.nonce,
    state: 'pending',
    purpose: input.purpose ?? null,
    created_at: now.toISOString(),
    expires_at: nonce.expiresAt,
    result_id: null,
    audience,
    move,
  };
  await ctx.stores.requests.insert(row);
  return view(row, profile, ctx.publicUrl);
}

/**
 * A presentation request by id.
 *
 * @throws PassportError `ERR_NOT_FOUND`
 */
export async function getPresentationRequest(ctx: VerifierContext, id: string): Promise<StoredRequest> {
  const row = await ctx.stores.requests.find(id);
  if (!row) throw new PassportError('ERR_NOT_FOUND', 'no presentation request with that id', { field: 'requestId' });
  return view(row, await findProfile(ctx.stores.profiles, row.profile_id), ctx.publicUrl);
}

/** Marks a request answered with its result. */
export async function markRequestAnswered(ctx: VerifierContext, id: string, resultId: string): Promise<void> {
  await ctx.stores.requests.markAnswered(id, resultId);
}
