import { PassportError, isObject } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import type { IssueRequest } from '../issuing/issue-credential.js';
import { isMailAddress } from '../mail/send-smtp-mail.js';
import { validateOfferedCredentials } from '../oid4vci/create-offer.js';
import { OFFER_FORMATS, type OfferFormat } from '../oid4vci/oid4vci-settings.js';
import type { Organisation } from '../organisations/organisation.js';
import { createStaffCollectionStore } from '../store/staff-collection-store.js';
import { holdOfferForPerson, parsePersonNumber, type DeliverTo } from './hold-offer-for-person.js';

/**
 * Reads a bulk row's `deliverTo: {personNumber, email?}`.
 *
 * @throws PassportError `ERR_REQUEST_INVALID` (field `deliverTo...`).
 */
export function parseDeliverTo(value: unknown): DeliverTo {
  if (!isObject(value) || Object.keys(value).some((k) => k !== 'personNumber' && k !== 'email')) {
    throw new PassportError('ERR_REQUEST_INVALID', 'deliverTo must be {personNumber, email?}', { field: 'deliverTo' });
  }
  const personNumber = parsePersonNumber(value['personNumber'], 'deliverTo.personNumber');
  const email = value['email'];
  if (email !== undefined && (typeof email !== 'string' || !isMailAddress(email.trim()))) throw new PassportError('ERR_REQUEST_INVALID', 'deliverTo.email must be an email address', { field: 'deliverTo.email' });
  return { personNumber, ...(typeof email === 'string' ? { email: email.trim() } : {}) };
}

function heldInputOf(org: Organisation, request: IssueRequest, now: Date): { credentials: { type: string; credentialSubject: Record<string, unknown> }[]; formats: OfferFormat[] } {
  const types = (Array.isArray(request.credential['type']) ? request.credential['type'] : [request.credential['type']]).filter((t) => t !== 'VerifiableCredential');
  const subject = isObject(request.credential['credentialSubject']) ? request.credential['credentialSubject'] : {};
  const { id: _holder, ...claims } = subject;
  const format = request.options?.format;
  const formats = OFFER_FORMATS.includes(format as OfferFormat) ? [format as OfferFormat] : [...OFFER_FORMATS];
  const credentials = validateOfferedCredentials(org, [{ type: types[0], credentialSubject: claims }], now, { subjectRequired: true, field: 'credential' });
  return { credentials: credentials.map((c) => ({ type: c.type, credentialSubject: c.credentialSubject! })), formats };
}

/**
 * Checks a bulk row that names its person (`deliverTo`): its claims as an offer's are checked
 * (no holder: the wallet's key is bound when the person collects).
 *
 * @throws PassportError as `validateOfferedCredentials`.
 */
export function checkHeldRow(org: Organisation, request: IssueRequest, now: Date): void {
  heldInputOf(org, request, now);
}

// Rows of a job run many at a time; each hold writes in its own transaction, which SQLite's one
// connection cannot open while another is open: the holds of one context go one after another,
// chained on the context (not in a module: each context, and each test, has its own).
function inTurn<T>(ctx: IssuerContext, fn: () => Promise<T>): Promise<T> {
  const previous = ctx.jobs.holdChain ?? Promise.resolve();
  const next = previous.then(fn, fn);
  ctx.jobs.holdChain = next.catch(() => undefined);
  return next;
}

/**
 * Holds a bulk row's credential for the person it names (instead of issuing it to a holder DID):
 * an offer held for the person number, collected by signing in, and an email when the row gives
 * an address. Once per row: a resumed job finds the row's offer by its request key.
 *
 * @example
 * const { outcome } = await holdBulkRow(ctx, org, request, deliverTo, { requestKey, jobId, row, keyId });
 */
export async function holdBulkRow(
  ctx: IssuerContext,
  org: Organisation,
  request: IssueRequest,
  deliverTo: DeliverTo,
  origin: { requestKey: string; jobId: string; row: number; keyId: string },
): Promise<{ outcome: 'inserted' | 'duplicate' }> {
  // Keyed by the job's row and the person: two people's identical rows are two offers.
  const requestKey = `held:${origin.jobId}:${origin.row}:${deliverTo.personNumber}:${origin.requestKey}`;
  return inTurn(ctx, async () => {
    if (await createStaffCollectionStore(ctx.db).findHeldOfferByRequestKey(requestKey)) return { outcome: 'duplicate' as const };
    await holdOfferForPerson(ctx, org, heldInputOf(org, request, ctx.now()), deliverTo, { keyId: origin.keyId }, { requestKey, jobId: origin.jobId, row: origin.row });
    return { outcome: 'inserted' as const };
  });
}
