import { button, html, insetText, notificationBanner, radios, selectField, summaryList, table, textInput, textarea, type FieldError, type SafeHtml } from '@staff-passport/web-kit';
import { CATALOGUE, getCredentialType } from '@staff-passport/schemas';
import type { IssuedCredentialRecord } from '../../credentials/list-issued-credentials.js';
import { STATUS_REASONS, type StatusAction, type StatusReason } from '../../status/change-credential-status.js';
import { csrfField } from '../render-console-page.js';
import type { ConsoleCaller } from '../console-session.js';
import { formatDate, formatDateTime } from '../lib/format-date.js';
import { consoleHref, renderPagination, type PaginationLinks } from '../lib/render-pagination.js';
import { fieldErrorOf } from '../lib/send-form-page.js';
import { ACTION_CHOICES, REASON_LABELS, actionsFor, statusTag } from './status-labels.js';

/** The search form's values, as typed. */
export interface CredentialSearch {
  /** Part of the person reference HR gave the offer (a name, a staff number). */
  person?: string;
  holder?: string;
  holderRef?: string;
  type?: string;
  status?: string;
}

/** A credential type's name for people ("DBS check"), or the type itself when the catalogue does not know it. */
export function typeTitle(type: string): string {
  return getCredentialType(type)?.title ?? type;
}

/** A short, stable reference for a holder: the start of the hash of their DID (the issuer keeps no more). */
export function holderReference(subjectHash: string): string {
  return subjectHash.slice(0, 10);
}

/** The path of a credential's page (credential ids are `urn:uuid:...`, which a path segment may hold as is). */
export function credentialHref(id: string): string {
  return `/console/credentials/${id}`;
}

function personCell(r: IssuedCredentialRecord): SafeHtml {
  return r.personReference === undefined ? html`<span class="nhsuk-u-secondary-text-colour">Not recorded</span>` : html`${r.personReference}`;
}

const TYPE_CHOICES = CATALOGUE.map((d) => ({ value: d.type, text: d.title })).sort((a, b) => a.text.localeCompare(b.text, 'en-GB'));
const STATUS_CHOICES = [
  { value: 'active', text: 'Active' },
  { value: 'suspended', text: 'Suspended' },
  { value: 'revoked', text: 'Revoked' },
];

/** The list page: the search form, the results table and paging. */
export function credentialListContent(input: {
  search: CredentialSearch;
  errors: FieldError[];
  records: IssuedCredentialRecord[];
  paging: PaginationLinks;
  searched: boolean;
}): SafeHtml {
  const { search, errors, records } = input;
  // The person reference column only when a credential on the page has one (credentials issued
  // through the API or in bulk have none).
  const withPerson = records.some((r) => r.personReference !== undefined);
  const rows = records.map((r) => [
    ...(withPerson ? [personCell(r)] : []),
    html`<a href="${consoleHref('/console/credentials', { holderRef: r.subjectHash })}"><span class="nhsuk-u-visually-hidden">Credentials of holder </span>${holderReference(r.subjectHash)}</a>`,
    html`<a href="${credentialHref(r.id)}">${typeTitle(r.type)}<span class="nhsuk-u-visually-hidden"> issued ${formatDateTime(r.issuedAt)}</span></a>`,
    formatDate(r.issuedAt),
    statusTag(r.status),
  ]);
  const head = [...(withPerson ? ['Person reference'] : []), 'Holder', 'Type', 'Issued on', 'Status'];
  const results =
    records.length === 0
      ? html`<p id="no-results">${input.searched ? 'No credentials match your search.' : 'No credentials have been issued yet.'}</p>`
      : html`${table({ caption: 'Issued credentials, newest first', head, rows })}${renderPagination(input.paging)}`;
  return html`
    <h1 class="nhsuk-heading-l">Issued credentials</h1>
    <p>Find a person's credentials by the name or staff number you gave when you made their offer, by the DID of their wallet, or by type and status.</p>
    <p>Credentials carry no names. A name or staff number is your own reference, kept here only. Otherwise a holder is shown by a short reference to their DID.</p>
    ${search.holderRef
      ? insetText(html`<p>Showing the credentials of holder <strong>${holderReference(search.holderRef)}</strong>. <a href="/console/credentials">Show everyone's credentials</a></p>`)
      : ''}
    <form method="get" action="/console/credentials" novalidate>
      ${search.holderRef ? html`<input type="hidden" name="holderRef" value="${search.holderRef}">` : ''}
      ${textInput({
        id: 'person',
        label: 'Name or staff number',
        hint: 'As you gave it when you made the offer, or part of it. For example, Okafor or 12345678',
        value: search.person ?? '',
        spellcheck: false,
        widthClass: 'nhsuk-input--width-30',
        ...fieldErrorOf(errors, 'person'),
      })}
      ${textInput({
        id: 'holder',
        label: "Holder's DID or credential ID",
        hint: 'For example, did:key:z6Mk... or urn:uuid:...',
        value: search.holder ?? '',
        spellcheck: false,
        ...fieldErrorOf(errors, 'holder'),
      })}
      ${selectField({ id: 'type', label: 'Credential type', placeholder: 'Any type', choices: TYPE_CHOICES, value: search.type ?? '', ...fieldErrorOf(errors, 'type') })}
      ${selectField({ id: 'status', label: 'Status', placeholder: 'Any status', choices: STATUS_CHOICES, value: search.status ?? '', ...fieldErrorOf(errors, 'status') })}
      ${button({ text: 'Search', variant: 'secondary', id: 'search' })}
    </form>
    <div aria-live="polite">${results}</div>`;
}

/** What the change-status form was sent with, to show it again with its errors. */
export interface StatusForm {
  action?: string;
  reason?: string;
  note?: string;
}

/** The credential page: its record, and the form that revokes, suspends or reinstates it. */
export function credentialPageContent(input: {
  caller: ConsoleCaller;
  record: IssuedCredentialRecord;
  canChange: boolean;
  done?: string;
  errors?: FieldError[];
  form?: StatusForm;
}): SafeHtml {
  const { record: r } = input;
  const errors = input.errors ?? [];
  const actions = actionsFor(r.status);
  const rows = [
    { key: 'Type', value: typeTitle(r.type) },
    ...(r.personReference === undefined ? [] : [{ key: 'Person reference', value: html`<span id="credential-person-reference">${r.personReference}</span>` }]),
    { key: 'Status', value: html`<span id="credential-status">${statusTag(r.status)}</span>` },
    ...(r.statusReason ? [{ key: 'Reason for the status', value: REASON_LABELS[r.statusReason as StatusReason] ?? r.statusReason }] : []),
    ...(r.statusChangedAt ? [{ key: 'Status changed', value: formatDateTime(r.statusChangedAt) }] : []),
    { key: 'Issued', value: formatDateTime(r.issuedAt) },
    { key: 'Issued by', value: r.issuedBy },
    { key: 'Valid until', value: r.validUntil ? formatDate(r.validUntil) : 'No end date' },
    {
      key: 'Holder',
      value: html`<a href="${consoleHref('/console/credentials', { holderRef: r.subjectHash })}">${holderReference(r.subjectHash)}<span class="nhsuk-u-visually-hidden">: all credentials of this holder</span></a>`,
    },
    { key: 'Format', value: r.format },
    { key: 'Status list entry', value: r.statusListId === null ? 'None' : html`<span class="nhsuk-u-text-break-word">${r.statusListId}, index ${r.statusIndex}</span>` },
    { key: 'Credential ID', value: html`<span class="nhsuk-u-text-break-word" id="credential-id">${r.id}</span>` },
    ...(r.jobId ? [{ key: 'Bulk upload', value: html`<a href="/console/bulk/${r.jobId}">${r.jobId}</a>` }] : []),
  ];
  const form = input.form ?? {};
  const change = !input.canChange
    ? insetText('You can read this credential. Changing its status needs the role issuer or organisation administrator.')
    : actions.length === 0
      ? insetText('This credential is revoked. A revocation cannot be undone.')
      : html`<h2 class="nhsuk-heading-m">Change status</h2>
        <form method="post" action="${credentialHref(r.id)}/status" novalidate>
          ${csrfField(input.caller)}
          ${radios({
            id: 'action',
            label: 'What do you want to do?',
            choices: actions.map((a: StatusAction) => ({ value: a, ...ACTION_CHOICES[a] })),
            ...(form.action ? { value: form.action } : {}),
            ...fieldErrorOf(errors, 'action'),
          })}
          ${selectField({
            id: 'reason',
            label: 'Reason',
            hint: 'Verifiers do not see the reason. It is kept in the audit log.',
            placeholder: 'Choose a reason',
            choices: STATUS_REASONS.map((reason) => ({ value: reason, text: REASON_LABELS[reason] })),
            value: form.reason ?? '',
            ...fieldErrorOf(errors, 'reason'),
          })}
          ${textarea({ id: 'note', label: 'Note (optional)', hint: 'Up to 500 characters. Kept in the audit log.', rows: 3, value: form.note ?? '', ...fieldErrorOf(errors, 'note') })}
          ${button({ text: 'Change status', id: 'change-status' })}
        </form>`;
  return html`
    ${input.done ? notificationBanner({ success: true, title: 'Success', content: input.done }) : ''}
    <h1 class="nhsuk-heading-l"><span class="nhsuk-caption-l">Credential</span> ${typeTitle(r.type)}</h1>
    ${summaryList(rows)}
    <p class="nhsuk-body-s">The issuer keeps what it needs to manage the credential, not the claims it carries: the holder's wallet has those.</p>
    ${change}`;
}
