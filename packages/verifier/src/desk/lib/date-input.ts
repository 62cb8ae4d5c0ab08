import { html, type SafeHtml } from '@staff-passport/web-kit';

/** What was typed in the three boxes of a date input. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** Options for {@link dateInput}. */
export interface DateInputOptions {
  /** The date's id: the boxes are `{id}-day`, `{id}-month`, `{id}-year` (ids and names). */
  id: string;
  legend: string;
  hint?: string;
  value?: DateParts;
  error?: string;
  /** The boxes the error is about (all when not given). */
  errorParts?: readonly (keyof DateParts)[];
}

/**
 * The NHS.UK date input (a fieldset, role group, of day, month and year boxes), with hint and
 * inline error as the frontend's macro writes it.
 *
 * @example
 * dateInput({ id: 'startDate', legend: 'Start date', hint: 'For example, 5 10 2026' });
 */
export function dateInput(o: DateInputOptions): SafeHtml {
  const describedBy = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ');
  const inError = new Set(o.error ? (o.errorParts ?? ['day', 'month', 'year']) : []);
  const box = (part: keyof DateParts, label: string, width: number) =>
    html`<div class="nhsuk-date-input__item">
      <div class="nhsuk-form-group">
        <label class="nhsuk-label nhsuk-date-input__label" for="${o.id}-${part}">${label}</label>
        <input class="nhsuk-input nhsuk-date-input__input nhsuk-input--width-${width}${inError.has(part) ? ' nhsuk-input--error' : ''}" id="${o.id}-${part}" name="${o.id}-${part}" type="text" inputmode="numeric" value="${o.value?.[part] ?? ''}">
      </div>
    </div>`;
  return html`<div class="nhsuk-form-group${o.error ? ' nhsuk-form-group--error' : ''}">
  <fieldset class="nhsuk-fieldset" role="group"${describedBy ? html` aria-describedby="${describedBy}"` : ''}>
    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">${o.legend}</legend>
    ${o.hint ? html`<div class="nhsuk-hint" id="${o.id}-hint">${o.hint}</div>` : ''}
    ${o.error ? html`<span class="nhsuk-error-message" id="${o.id}-error"><span class="nhsuk-u-visually-hidden">Error:</span> ${o.error}</span>` : ''}
    <div class="nhsuk-date-input" id="${o.id}">
      ${box('day', 'Day', 2)}${box('month', 'Month', 2)}${box('year', 'Year', 4)}
    </div>
  </fieldset>
</div>`;
}

/** How {@link parseDateParts} read a date input. */
export type ParsedDate = { kind: 'empty' } | { kind: 'date'; iso: string } | { kind: 'error'; message: string; parts: (keyof DateParts)[] };

const NAMES: Record<keyof DateParts, string> = { day: 'a day', month: 'a month', year: 'a year' };

/**
 * Reads a date input the way the NHS.UK date input guidance asks: all boxes empty is no date; a
 * box missing names what to add; a date that does not exist is "must be a real date".
 *
 * @example
 * parseDateParts({ day: '5', month: '10', year: '2026' }, 'Start date'); // { kind: 'date', iso: '2026-10-05' }
 */
export function parseDateParts(parts: DateParts, label: string): ParsedDate {
  const trimmed = { day: parts.day.trim(), month: parts.month.trim(), year: parts.year.trim() };
  const missing = (Object.keys(trimmed) as (keyof DateParts)[]).filter((k) => trimmed[k] === '');
  if (missing.length === 3) return { kind: 'empty' };
  if (missing.length > 0) return { kind: 'error', message: `${label} must include ${missing.map((k) => NAMES[k]).join(' and ')}`, parts: missing };
  if (!/^\d{1,2}$/.test(trimmed.day) || !/^\d{1,2}$/.test(trimmed.month) || !/^\d{4}$/.test(trimmed.year)) {
    return { kind: 'error', message: `${label} must be a real date`, parts: ['day', 'month', 'year'] };
  }
  const [d, m, y] = [Number(trimmed.day), Number(trimmed.month), Number(trimmed.year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { kind: 'error', message: `${label} must be a real date`, parts: ['day', 'month', 'year'] };
  }
  return { kind: 'date', iso: date.toISOString().slice(0, 10) };
}
