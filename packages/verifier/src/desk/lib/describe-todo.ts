import { html, summaryList, type SafeHtml } from '@staff-passport/web-kit';
import type { ReportBasis, TodoItem } from '../../report/profile-report.js';
import { formatDay } from './send-desk-page.js';

/** The rule a decision rests on, in one line: its name and section, linked when it has an address. */
export function basisText(basis: ReportBasis): SafeHtml {
  const name = basis.url ? html`<a href="${basis.url}" class="nhsuk-link">${basis.rule}</a>` : html`${basis.rule}`;
  return html`${name}, section "${basis.section}"`;
}

const asDate = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDay(value) : value);

/**
 * The to-do list of a report: each check to do before the start, what it needs (pre-filled from
 * what was verified), where to do it, and the rule behind it.
 */
export function describeTodo(todo: readonly TodoItem[]): SafeHtml {
  if (todo.length === 0) return html`<p id="todo-none">Nothing: every check may be relied on for this kind of move.</p>`;
  return html`<ol class="nhsuk-list nhsuk-list--number" id="todo-list">
    ${todo.map(
      (item) => html`<li id="todo-${item.id.replace(/[^A-Za-z0-9_-]/g, '-')}">
        <h3 class="nhsuk-heading-s nhsuk-u-margin-bottom-2">${item.title}</h3>
        ${summaryList(item.details.map((d) => ({ key: d.label, value: asDate(d.value) })))}
        ${item.links.length > 0 ? html`<p>${item.links.map((l) => html`<a href="${l.href}" class="nhsuk-link" rel="noreferrer">${l.text}</a> `)}</p>` : ''}
        <p class="nhsuk-body-s">Why: ${item.basis.summary} (${basisText(item.basis)})</p>
      </li>`,
    )}
  </ol>`;
}
