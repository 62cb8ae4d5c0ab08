import { TtlCache } from '@staff-passport/core';
import { button, html, insetText, selectField, table, tag, warningCallout, type FieldError, type SafeHtml } from '@staff-passport/web-kit';
import type { RequestHandler, Router } from 'express';
import type { AuditEntry } from '../audit/list-audit-events.js';
import { verifyAuditChain, type AuditChainReport } from '../audit/verify-audit-chain.js';
import type { IssuerContext } from '../issuer-context.js';
import { consoleCallerOf } from './console-session.js';
import { AUDIT_ACTIONS, actionText, actorText, detailText } from './audit/audit-labels.js';
import { auditChainHead, listAuditPage } from './audit/list-audit-page.js';
import { CONSOLE_ROLES, hasConsoleRole, sendForbidden } from './lib/console-roles.js';
import { formText } from './lib/form-fields.js';
import { formatDateTimeParts } from './lib/format-date.js';
import { consoleHref, renderPagination, type PaginationLinks } from './lib/render-pagination.js';
import { fieldErrorOf, sendFormPage } from './lib/send-form-page.js';
import { credentialHref } from './credentials/render-credential-pages.js';

const PAGE_SIZE = 25;
// Checking a chain reads all of it: the answer is kept a minute, and only while the chain has no new entry.
const CHECK_TTL_MS = 60_000;

function wholeNumber(value: string): number | undefined {
  return /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

function chainCheck(report: AuditChainReport): SafeHtml {
  if (report.entries === 0) return insetText('There is nothing in the audit log yet.');
  if (report.ok) {
    return insetText(
      html`<p id="audit-check">${tag('Intact', 'green')} The audit log is intact: all ${report.entries.toLocaleString('en-GB')} entries were checked, and none has been changed or removed.</p>`,
    );
  }
  return html`<div id="audit-check">${warningCallout(
    'The audit log has been changed',
    html`<p>${tag('Changed', 'red')} Entries were changed or removed after they were written. Tell your information governance lead.</p>
      <ul>${report.problems.slice(0, 20).map((p) => html`<li>${p.message.charAt(0).toUpperCase()}${p.message.slice(1)}</li>`)}</ul>
      ${report.problems.length > 20 ? html`<p>And ${report.problems.length - 20} more.</p>` : ''}`,
  )}</div>`;
}

// Targets are shown short (a table of five columns has little room): a credential by the start of
// its id, linked to its page; the organisation itself in words; anything else as it is.
function targetCell(entry: AuditEntry, orgId: string): SafeHtml | string {
  const subject = entry.subject ?? '';
  if (/^urn:uuid:[0-9a-f-]{36}$/.test(subject) && entry.action.startsWith('credential.')) {
    return html`<a href="${credentialHref(subject)}">Credential ${subject.slice(9, 17)}<span class="nhsuk-u-visually-hidden"> (${subject})</span></a>`;
  }
  if (subject === orgId) return 'This organisation';
  return html`<span class="nhsuk-u-text-break-word">${subject}</span>`;
}

function timeCell(iso: string): SafeHtml {
  const { date, time } = formatDateTimeParts(iso);
  return html`${date}<br>${time}`;
}

function whoCell(actor: string): SafeHtml {
  const words = actorText(actor);
  // An API key's id on a line of its own, so the column stays narrow without breaking the id.
  return words.startsWith('API key ') ? html`API key<br>${words.slice(8)}` : html`<span class="nhsuk-u-text-break-word">${words}</span>`;
}

function actionCell(entry: AuditEntry): SafeHtml {
  const detail = detailText(entry.action, entry.detail);
  return html`${actionText(entry.action)}${detail ? html`<br><span class="nhsuk-body-s nhsuk-u-secondary-text-colour">${detail}</span>` : ''}`;
}

/**
 * The organisation's audit log for its auditors and administrators (`GET /console/audit`): newest
 * first, paged ("Previous" for newer entries, "Next" for older), filtered by action, with the
 * result of checking the hash chain in words.
 */
export function addAuditPages(router: Router, ctx: IssuerContext, signedIn: RequestHandler): void {
  const checks = new TtlCache<AuditChainReport>(1000, CHECK_TTL_MS, () => ctx.now().getTime());

  router.get('/console/audit', signedIn, async (req, res) => {
    const caller = consoleCallerOf(res);
    if (!hasConsoleRole(caller, CONSOLE_ROLES.readAudit)) {
      sendForbidden(res, caller, 'audit', 'read the audit log');
      return;
    }
    const chain = caller.org.id;
    const errors: FieldError[] = [];
    const actionInput = formText(req.query, 'action');
    const action = actionInput !== '' && Object.hasOwn(AUDIT_ACTIONS, actionInput) ? actionInput : undefined;
    if (actionInput !== '' && !action) errors.push({ field: 'action', message: 'Choose an action from the list' });
    const before = wholeNumber(formText(req.query, 'before'));
    const after = before === undefined ? wholeNumber(formText(req.query, 'after')) : undefined;

    const found = errors.length > 0 ? [] : await listAuditPage(ctx.db, chain, { limit: PAGE_SIZE + 1, ...(action ? { action } : {}), ...(before !== undefined ? { before } : after !== undefined ? { after } : {}) });
    const more = found.length > PAGE_SIZE;
    const entries = more ? (after !== undefined ? found.slice(1) : found.slice(0, PAGE_SIZE)) : found;
    const paging: PaginationLinks = {};
    const first = entries[0];
    const last = entries.at(-1);
    if (first && (after !== undefined ? more : before !== undefined)) paging.previous = { href: consoleHref('/console/audit', { action, after: String(first.seq) }), label: 'Newer entries' };
    if (last && (after !== undefined ? true : more)) paging.next = { href: consoleHref('/console/audit', { action, before: String(last.seq) }), label: 'Older entries' };

    const head = await auditChainHead(ctx.db, chain);
    const key = `${chain}:${head?.seq ?? 0}:${head?.hash ?? ''}`;
    let report = checks.get(key);
    if (!report) {
      report = await verifyAuditChain(ctx.db, chain);
      checks.set(key, report);
    }

    const rows = entries.map((e) => [
      timeCell(e.at),
      whoCell(e.actor),
      actionCell(e),
      targetCell(e, chain),
    ]);
    const choices = Object.entries(AUDIT_ACTIONS).map(([value, text]) => ({ value, text }));
    sendFormPage(res, {
      title: 'Audit log',
      caller,
      section: 'audit',
      errors,
      content: html`
        <h1 class="nhsuk-heading-l">Audit log</h1>
        <p>Everything done for ${caller.org.name}, newest first. Each entry is chained to the one before it, so a change to any entry shows.</p>
        ${chainCheck(report)}
        <form method="get" action="/console/audit" novalidate>
          ${selectField({ id: 'action', label: 'Action', placeholder: 'All actions', choices, value: action ?? actionInput, ...fieldErrorOf(errors, 'action') })}
          ${button({ text: 'Filter', variant: 'secondary', id: 'filter' })}
        </form>
        ${entries.length === 0
          ? html`<p id="no-entries">${action ? 'No entries for this action.' : 'No entries.'}</p>`
          : html`${table({ caption: action ? `Audit log: ${actionText(action)}` : 'Audit log entries, newest first', head: ['Time', 'Who', 'Action', 'Target'], rows })}${renderPagination(paging)}`}`,
    });
  });
}
