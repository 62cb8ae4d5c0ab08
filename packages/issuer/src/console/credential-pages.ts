import { PassportError } from '@staff-passport/core';
import { backLink, type FieldError } from '@staff-passport/web-kit';
import { getCredentialType } from '@staff-passport/schemas';
import type { Request, RequestHandler, Response, Router } from 'express';
import { getIssuedCredential, listIssuedCredentials, type CredentialQuery, type IssuedCredentialRecord } from '../credentials/list-issued-credentials.js';
import type { IssuerContext } from '../issuer-context.js';
import { PERSON_REFERENCE_MAX, foldPersonReference } from '../lib/person-reference.js';
import { STATUS_REASONS, changeCredentialStatus, type StatusAction, type StatusReason } from '../status/change-credential-status.js';
import { checkCsrf, consoleCallerOf, type ConsoleCaller } from './console-session.js';
import { CONSOLE_ROLES, hasConsoleRole, sendForbidden } from './lib/console-roles.js';
import { formText } from './lib/form-fields.js';
import { readIdParam } from './lib/read-id-param.js';
import { consoleHref, type PaginationLinks } from './lib/render-pagination.js';
import { sendFormPage } from './lib/send-form-page.js';
import { credentialListContent, credentialPageContent, credentialHref, typeTitle, type CredentialSearch, type StatusForm } from './credentials/render-credential-pages.js';
import { ACTION_DONE, actionsFor, statusText } from './credentials/status-labels.js';

const CREDENTIAL_ID = /^urn:uuid:[0-9a-f-]{36}$/;
const SUBJECT_HASH = /^[0-9a-f]{64}$/;
const PAGE_SIZE = 20;
const MAX_NOTE = 500;

function credentialIdOf(req: Request): string {
  return readIdParam(req, 'credentialId', CREDENTIAL_ID, 'ERR_CREDENTIAL_NOT_FOUND', 'there is no credential with that ID');
}

/** The search as typed, checked: the query for the domain, or the errors to show. */
function parseSearch(req: Request): { search: CredentialSearch; query: CredentialQuery; errors: FieldError[]; goTo?: string } {
  const person = formText(req.query, 'person').slice(0, 2048);
  const holder = formText(req.query, 'holder').slice(0, 2048);
  const holderRef = formText(req.query, 'holderRef');
  const type = formText(req.query, 'type');
  const status = formText(req.query, 'status');
  const search: CredentialSearch = { person, holder, type, status, ...(SUBJECT_HASH.test(holderRef) ? { holderRef } : {}) };
  const errors: FieldError[] = [];
  const query: CredentialQuery = {};
  if (person !== '') {
    // Only spaces and marks (nothing to find by) count as blank, like an empty field.
    const folded = foldPersonReference(person);
    if ([...person].length > PERSON_REFERENCE_MAX) errors.push({ field: 'person', message: `Name or staff number must be ${PERSON_REFERENCE_MAX} characters or fewer` });
    else if (folded !== '') query.personReference = person;
  }
  if (holder !== '') {
    if (CREDENTIAL_ID.test(holder.toLowerCase())) return { search, query, errors, goTo: credentialHref(holder.toLowerCase()) };
    if (/^did:[a-z0-9]+:\S+$/.test(holder)) query.subject = holder;
    else errors.push({ field: 'holder', message: "Enter the holder's DID, like did:key:z6Mk..., or a credential ID, like urn:uuid:..." });
  }
  if (search.holderRef) query.subjectHash = search.holderRef;
  if (type !== '') {
    if (getCredentialType(type)) query.type = type;
    else errors.push({ field: 'type', message: 'Choose a credential type from the list' });
  }
  if (status !== '') {
    if (status === 'active' || status === 'suspended' || status === 'revoked') query.status = status;
    else errors.push({ field: 'status', message: 'Choose a status from the list' });
  }
  return { search, query, errors };
}

/** A page of records newest first, one more asked for than shown to know whether there is more. */
async function findPage(ctx: IssuerContext, orgId: string, req: Request, query: CredentialQuery, search: CredentialSearch): Promise<{ records: IssuedCredentialRecord[]; paging: PaginationLinks }> {
  const before = formText(req.query, 'before');
  const after = formText(req.query, 'after');
  const cursor: Pick<CredentialQuery, 'before' | 'after'> = CREDENTIAL_ID.test(before) ? { before } : CREDENTIAL_ID.test(after) ? { after } : {};
  const found = await listIssuedCredentials(ctx, orgId, { ...query, ...cursor, limit: PAGE_SIZE + 1 });
  const more = found.length > PAGE_SIZE;
  // Paging back, the extra record is the newest (first); otherwise the oldest (last).
  const records = more ? (cursor.after ? found.slice(1) : found.slice(0, PAGE_SIZE)) : found;
  const filters = { person: search.person, holder: search.holder, holderRef: search.holderRef, type: search.type, status: search.status };
  const first = records[0];
  const last = records.at(-1);
  const paging: PaginationLinks = {};
  const newer = cursor.after ? more : cursor.before !== undefined;
  const older = cursor.after ? true : more;
  if (newer && first) paging.previous = { href: consoleHref('/console/credentials', { ...filters, after: first.id }), label: 'Newer credentials' };
  if (older && last) paging.next = { href: consoleHref('/console/credentials', { ...filters, before: last.id }), label: 'Older credentials' };
  return { records, paging };
}

function sendCredentialPage(
  res: Response,
  caller: ConsoleCaller,
  record: IssuedCredentialRecord,
  extra: { done?: string; errors?: FieldError[]; form?: StatusForm; status?: number } = {},
): void {
  const errors = extra.errors ?? [];
  sendFormPage(res, {
    title: typeTitle(record.type),
    caller,
    section: 'credentials',
    errors,
    status: extra.status,
    beforeContent: backLink('/console/credentials', 'Back to issued credentials'),
    content: credentialPageContent({
      caller,
      record,
      canChange: hasConsoleRole(caller, CONSOLE_ROLES.changeStatus),
      errors,
      ...(extra.done ? { done: extra.done } : {}),
      ...(extra.form ? { form: extra.form } : {}),
    }),
  });
}

/**
 * Finding issued credentials and changing their status:
 * - `GET /console/credentials` (search by person reference, holder DID or holder reference, type
 *   and status, all combined; paged, newest first);
 * - `GET /console/credentials/{id}` (the record, and the "Change status" form);
 * - `POST /console/credentials/{id}/status` (`action`, `reason`, `note`, `_csrf`): revoke, suspend
 *   or reinstate through the same domain call as the API, audited; then back to the credential
 *   with a success banner.
 * Readers (issuer, org-admin, auditor) see; issuers and org-admins change, as on the API.
 */
export function addCredentialPages(router: Router, ctx: IssuerContext, signedIn: RequestHandler): void {
  router.get('/console/credentials', signedIn, async (req, res) => {
    const caller = consoleCallerOf(res);
    if (!hasConsoleRole(caller, CONSOLE_ROLES.viewCredentials)) {
      sendForbidden(res, caller, 'credentials', 'see issued credentials');
      return;
    }
    const { search, query, errors, goTo } = parseSearch(req);
    if (goTo) {
      res.redirect(303, goTo);
      return;
    }
    const searched = Object.keys(query).length > 0;
    const { records, paging } = errors.length > 0 ? { records: [], paging: {} } : await findPage(ctx, caller.org.id, req, query, search);
    sendFormPage(res, {
      title: 'Issued credentials',
      caller,
      section: 'credentials',
      errors,
      content: credentialListContent({ search, errors, records, paging, searched }),
    });
  });

  router.get('/console/credentials/:credentialId', signedIn, async (req, res) => {
    const caller = consoleCallerOf(res);
    if (!hasConsoleRole(caller, CONSOLE_ROLES.viewCredentials)) {
      sendForbidden(res, caller, 'credentials', 'see issued credentials');
      return;
    }
    const record = await getIssuedCredential(ctx, caller.org.id, credentialIdOf(req));
    // The banner only when the credential is in the state the action leads to: a stale or made-up
    // link never claims a change that is not there.
    const changed = formText(req.query, 'changed');
    const done = changed in ACTION_DONE && ACTION_DONE[changed as StatusAction].status === record.status ? ACTION_DONE[changed as StatusAction].text : undefined;
    sendCredentialPage(res, caller, record, done ? { done } : {});
  });

  router.post('/console/credentials/:credentialId/status', signedIn, async (req, res) => {
    const caller = consoleCallerOf(res);
    checkCsrf(caller, req.body);
    if (!hasConsoleRole(caller, CONSOLE_ROLES.changeStatus)) {
      sendForbidden(res, caller, 'credentials', "change a credential's status");
      return;
    }
    const id = credentialIdOf(req);
    const record = await getIssuedCredential(ctx, caller.org.id, id);
    const form: StatusForm = { action: formText(req.body, 'action'), reason: formText(req.body, 'reason'), note: formText(req.body, 'note') };
    const errors: FieldError[] = [];
    const allowed = actionsFor(record.status);
    if (!allowed.includes(form.action as StatusAction)) {
      // A revoked credential has no form: the message then points at its status.
      errors.push(allowed.length === 0 ? { field: 'credential-status', message: 'This credential is revoked: its status cannot change' } : { field: 'action', message: 'Select what you want to do' });
    }
    if (!(STATUS_REASONS as readonly string[]).includes(form.reason ?? '')) errors.push({ field: 'reason', message: 'Select a reason' });
    if ((form.note ?? '').length > MAX_NOTE) errors.push({ field: 'note', message: `The note must be ${MAX_NOTE} characters or fewer` });
    else if (form.reason === 'other' && !form.note) errors.push({ field: 'note', message: 'Say why in the note' });
    if (errors.length > 0) {
      sendCredentialPage(res, caller, record, { errors, form, status: 400 });
      return;
    }
    const action = form.action as StatusAction;
    try {
      await changeCredentialStatus(
        ctx,
        caller.org,
        { credentialIds: [id], action, reason: form.reason as StatusReason, ...(form.note ? { note: form.note } : {}) },
        caller.principal.keyId,
      );
    } catch (err: unknown) {
      if (!(err instanceof PassportError) || err.code !== 'ERR_STATUS_TRANSITION_INVALID') throw err;
      // Someone else changed it meanwhile: show what it is now.
      const now = await getIssuedCredential(ctx, caller.org.id, id);
      const message = `This credential is now ${statusText(now.status).toLowerCase()}: choose again`;
      sendCredentialPage(res, caller, now, { errors: [{ field: actionsFor(now.status).length === 0 ? 'credential-status' : 'action', message }], form, status: 409 });
      return;
    }
    res.redirect(303, `${credentialHref(id)}?changed=${action}`);
  });
}
