import { PassportError } from '@staff-passport/core';
import { button, html, summaryList, table, tag, type SafeHtml, type TagColour } from '@staff-passport/web-kit';
import { RELIANCE_DECISIONS, REPORT_OUTCOMES, getCredentialType } from '@staff-passport/schemas';
import type { Router } from 'express';
import { getCheckResult } from '../profile-checks/get-check-result.js';
import { getOid4vpRequest } from '../oid4vp/get-oid4vp-request.js';
import { EXPORT_MAPPINGS } from '../report/mappings/export-mappings.js';
import type { CredentialResult, RequirementResult } from '../report/profile-report.js';
import { describeAttributes } from './lib/describe-attributes.js';
import { describePerson } from './lib/describe-person.js';
import { basisText, describeTodo } from './lib/describe-todo.js';
import { deskCallerOf } from './lib/desk-sign-in.js';
import { formatDay, formatMoment, sendDeskPage } from './lib/send-desk-page.js';
import { deskRequestId } from './request-page.js';

// Met / Not met / Needs checking: the words carry the meaning; the colour only repeats it.
function requirementTag(r: RequirementResult): SafeHtml {
  const [text, colour]: [string, TagColour] = r.outcome === 'satisfied' ? ['Met', 'green'] : r.outcome === 'missing' ? ['Not met', 'red'] : ['Needs checking', 'orange'];
  return html`<span id="requirement-${r.id}-outcome">${tag(text, colour)}</span>`;
}

// Reasons are written to follow a requirement's title ("Basic DBS check: the employer ..."); alone they start a sentence.
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function typeTitle(type: string): string {
  return getCredentialType(type)?.title ?? type;
}

function credentialTypes(c: CredentialResult): string {
  return c.types.map(typeTitle).join(', ');
}

function issuerText(c: CredentialResult): SafeHtml {
  const name = c.issuer.name ? html`${c.issuer.name}${c.issuer.odsCode ? ` (ODS ${c.issuer.odsCode})` : ''}` : html`An organisation not in the trust registry`;
  return html`${name}<br><span class="nhsuk-body-s desk-did">${c.issuer.did}</span>`;
}

function standingText(c: CredentialResult): SafeHtml {
  if (c.standing === 'verified') return tag('Verified', 'green');
  if (c.standing === 'status_unknown') return html`${tag('Status not checked', 'yellow')}${c.usable ? html`<br>Accepted by this profile's policy` : ''}`;
  return html`${tag('Failed', 'red')}<ul class="nhsuk-list nhsuk-body-s">${c.failures.map((f) => html`<li>${f.message ?? f.check}${f.code ? ` (${f.code})` : ''}</li>`)}</ul>`;
}

function requirementCard(r: RequirementResult, credentials: ReadonlyMap<number, CredentialResult>): SafeHtml {
  const metBy = r.satisfiedBy.map((i) => credentials.get(i)).filter((c): c is CredentialResult => c !== undefined);
  return html`<div class="nhsuk-card" id="requirement-${r.id}">
    <div class="nhsuk-card__content">
      <h3 class="nhsuk-card__heading nhsuk-heading-s">${r.title}</h3>
      <p>${requirementTag(r)}${r.required ? '' : html` <span class="nhsuk-body-s">Optional: does not hold up the start</span>`}</p>
      ${r.reliance
        ? html`<p class="nhsuk-body-s" id="requirement-${r.id}-reliance"><strong>${RELIANCE_DECISIONS[r.reliance.decision].title}</strong> for this kind of move. Rule: ${basisText(r.reliance.basis)}.</p>`
        : ''}
      ${r.reasons.length > 0 ? html`<ul class="nhsuk-list nhsuk-list--bullet">${r.reasons.map((reason) => html`<li>${sentence(reason.message)}</li>`)}</ul>` : ''}
      ${r.outcome === 'missing' ? html`<p>Nothing was shared for this.</p>` : ''}
      ${metBy.length > 0
        ? html`<p class="nhsuk-u-margin-bottom-1">Met by:</p><ul class="nhsuk-list nhsuk-list--bullet">${metBy.map((c) => html`<li>${credentialTypes(c)} from ${c.issuer.name ?? c.issuer.did}${c.issuer.odsCode ? ` (ODS ${c.issuer.odsCode})` : ''}</li>`)}</ul>`
        : ''}
    </div>
  </div>`;
}

function findingText(f: { queryId: string; path: (string | number | null)[] }): string {
  return `The wallet shared ${f.path.map((p) => (p === null ? '*' : String(p))).join('.')}, which was not asked for (${f.queryId})`;
}

/**
 * The report of an answered request (`GET /desk/requests/{id}/result`): "Ready to start",
 * "Ready once these checks are done" with the to-do list, or "Needs action" with the reasons; the
 * person (the portrait for the likeness check, and whether the originals must still be seen in
 * person); each requirement with its outcome, what may be relied on for the kind of move and the
 * rule behind it, and the credentials that met it; the credentials shared (all of them, or the
 * part the person chose to share), the verified details, findings, and the downloads for the
 * workforce system. A request still waiting (or refused, or expired) sends the browser back to its page.
 */
export function addResultPage(router: Router): void {
  router.get('/desk/requests/:id/result', async (req, res) => {
    // The signed-in checker's organisation: its profiles, requests and results only.
    const { ctx } = deskCallerOf(res);
    const id = deskRequestId(req);
    const status = await getOid4vpRequest(ctx, id);
    if (status.state !== 'answered') {
      res.redirect(303, `/desk/requests/${id}`);
      return;
    }
    if (!status.resultId) throw new PassportError('ERR_RESULT_NOT_FOUND', 'The result of this check is no longer kept.', { field: 'resultId' });
    const result = await getCheckResult(ctx, status.resultId);
    const { report, attributes } = result;
    const decision = report.overall.decision;
    const todo = report.overall.todo ?? [];
    const titles = new Map(report.requirements.map((r) => [r.id, r.title]));
    const credentials = new Map(report.credentials.map((c) => [c.index, c]));
    const findings = (status.result?.findings ?? []).flatMap((f) => (f.kind === 'extra_disclosure' ? [f] : []));
    // A partial share: the person shared part of what was asked, and the report is on that part.
    const notShared = report.requirements.filter((r) => r.outcome === 'missing');
    const failedChecks = result.checks.filter((c) => c.outcome === 'failed');
    const heading = REPORT_OUTCOMES[decision].title;
    const moveTitle = report.move?.title ?? 'New employer';
    const outcome =
      decision === 'needs_action'
        ? html`<div class="nhsuk-card nhsuk-card--warning" id="outcome-panel">
          <div class="nhsuk-card__content">
            <h1 class="nhsuk-card__heading nhsuk-heading-l" id="outcome">${heading}</h1>
            <p>${report.overall.reasons.length === 1 ? 'One thing needs' : `${report.overall.reasons.length} things need`} a member of the HR team to look at them before a start on ${formatDay(report.startDate)}:</p>
            <ul class="nhsuk-list nhsuk-list--bullet" id="outcome-reasons">
              ${report.overall.reasons.map((r) => html`<li>${r.requirementId ? html`<strong>${titles.get(r.requirementId) ?? r.requirementId}</strong>: ` : ''}${r.message}</li>`)}
            </ul>
          </div>
        </div>`
        : html`<div class="nhsuk-panel" id="outcome-panel">
          <h1 class="nhsuk-panel__heading" id="outcome">${heading}</h1>
          <div class="nhsuk-panel__body">${decision === 'ready_to_start'
            ? `Every required check of ${report.profile.title} is met and may be relied on for a start on ${formatDay(report.startDate)}.`
            : `Every required check of ${report.profile.title} is met. Before a start on ${formatDay(report.startDate)}, do the ${todo.length === 1 ? 'check' : `${todo.length} checks`} below.`}</div>
        </div>`;
    const inPerson = todo.some((t) => t.kind === 'identity_in_person');
    const explained = decision === 'ready_to_start' ? 'The decision to start them is still yours.' : decision === 'needs_action' ? 'Look at the reasons, talk to the new starter and check again when they are sorted.' : 'Each check is pre-filled from what was verified.';

    sendDeskPage(res, {
      title: heading,
      content: html`<div class="nhsuk-grid-row"><div class="nhsuk-grid-column-full">
        <span class="nhsuk-caption-l">${report.profile.title}</span>
        ${outcome}
        <p>This report supports your decision: it never rejects anyone. ${explained}</p>
        ${notShared.length > 0 && report.credentials.length > 0
          ? html`<div class="nhsuk-inset-text" id="partial-share"><span class="nhsuk-u-visually-hidden">Information: </span><p>The new starter shared part of what was asked. This report is on the part they shared; nothing was shared for: ${notShared.map((r) => r.title).join('; ')}.</p></div>`
          : ''}
        ${summaryList([
          { key: 'Check profile', value: `${report.profile.title} (version ${report.profile.version})` },
          { key: 'Kind of move', value: moveTitle },
          { key: 'Start date', value: formatDay(report.startDate) },
          { key: 'Checked', value: formatMoment(report.evaluatedAt) },
          { key: 'New starter', value: html`<span class="desk-did">${attributes.holder ?? 'Not known'}</span>` },
          { key: 'Kept until', value: formatMoment(result.expiresAt) },
        ])}
        <h2 class="nhsuk-heading-m" id="todo-heading">Before the start</h2>
        ${describeTodo(todo)}

        <h2 class="nhsuk-heading-m">Who the new starter is</h2>
        ${describePerson(attributes.identity, inPerson)}

        <h2 class="nhsuk-heading-m">Download for the workforce system</h2>
        <p>The verified details below, ready to import, with the outcome, the to-do list and the rule behind each decision.</p>
        <div class="desk-buttons">
          ${button({ text: 'Download for the workforce system (CSV)', href: `/results/${result.id}/export.csv`, id: 'download-csv' })}
          ${button({ text: 'Download for the workforce system (JSON)', href: `/results/${result.id}/export.json`, variant: 'secondary', id: 'download-json' })}
          ${EXPORT_MAPPINGS.filter((m) => m.id !== 'esr-csv' && m.id !== 'json').map((m) =>
            button({ text: `Download as ${m.title}`, href: `/results/${result.id}/export?mapping=${m.id}`, variant: 'secondary', id: `download-${m.id}` }),
          )}
        </div>

        <h2 class="nhsuk-heading-m">Requirements</h2>
        ${report.requirements.map((r) => requirementCard(r, credentials))}

        <h2 class="nhsuk-heading-m">Credentials shared</h2>
        ${report.credentials.length === 0
          ? html`<p>None.</p>`
          : table({
              caption: 'Credentials the new starter shared',
              captionHidden: true,
              head: ['Credential', 'Issued by', 'Checks', 'Used for'],
              rows: report.credentials.map((c) => [credentialTypes(c), issuerText(c), standingText(c), c.usedFor.length > 0 ? c.usedFor.map((u) => titles.get(u) ?? u).join(', ') : 'Nothing']),
            })}

        <h2 class="nhsuk-heading-m">Verified details</h2>
        ${describeAttributes(attributes)}

        <h2 class="nhsuk-heading-m">Other findings</h2>
        ${findings.length === 0 && failedChecks.length === 0
          ? html`<p id="findings-none">None: the wallet shared only what was asked for and every check passed.</p>`
          : html`<ul class="nhsuk-list nhsuk-list--bullet" id="findings">
              ${findings.map((f) => html`<li>${findingText(f)}</li>`)}
              ${failedChecks.map((c) => html`<li>A check did not pass: ${c.message ?? c.check}${c.code ? ` (${c.code})` : ''}</li>`)}
            </ul>`}

        ${button({ text: 'Check another new starter', href: '/', variant: 'secondary', id: 'check-another' })}
      </div></div>`,
    });
  });
}
