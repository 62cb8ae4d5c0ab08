// Small renderers for the NHS.UK frontend components our pages use, with the frontend's markup
// (class names, ids and aria links as in its Nunjucks macros) so its CSS and JavaScript apply.
// Node-free: the server-rendered pages and the web wallet (through core's browser entry) share them.
import { html, type SafeHtml } from './html.js';

/** One error on a form: `field` is the id of the input it belongs to (the summary links to it). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * The error summary at the top of a form: "There is a problem" and a link to each field in error
 * (nothing when there are no errors). The frontend's script moves focus to it.
 *
 * @example
 * errorSummary([{ field: 'familyName', message: 'Enter a family name' }]);
 */
export function errorSummary(errors: readonly FieldError[]): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div class="nhsuk-error-summary" data-module="nhsuk-error-summary">
  <div role="alert">
    <h2 class="nhsuk-error-summary__heading">There is a problem</h2>
    <div class="nhsuk-error-summary__body">
      <ul class="nhsuk-list nhsuk-error-summary__list">
        ${errors.map((e) => html`<li><a href="#${e.field}">${e.message}</a></li>`)}
      </ul>
    </div>
  </div>
</div>`;
}

/**
 * The message of one field's error among a form's errors, if any (for the field's `error` option).
 *
 * @example
 * textInput({ id: 'pin', label: 'PIN', error: errorFor(errors, 'pin') });
 */
export function errorFor(errors: readonly FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

/** What every form field takes. */
export interface FieldOptions {
  /** The input's id (also its name unless `name` is given; the error summary links here). */
  id: string;
  name?: string;
  label: string;
  hint?: string;
  /** The inline error message, shown above the input. */
  error?: string;
  /** Render the label as the page's heading (`<h1>`), for one-question pages. */
  labelIsPageHeading?: boolean;
}

function describedBy(o: Pick<FieldOptions, 'id' | 'hint' | 'error'>): string | undefined {
  const ids = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean);
  return ids.length === 0 ? undefined : ids.join(' ');
}

function fieldTop(o: FieldOptions): SafeHtml {
  const label = html`<label class="nhsuk-label${o.labelIsPageHeading ? ' nhsuk-label--l' : ''}" for="${o.id}">${o.label}</label>`;
  return html`${o.labelIsPageHeading ? html`<h1 class="nhsuk-label-wrapper">${label}</h1>` : label}
  ${o.hint ? html`<div class="nhsuk-hint" id="${o.id}-hint">${o.hint}</div>` : ''}
  ${errorMessage(o)}`;
}

function errorMessage(o: Pick<FieldOptions, 'id' | 'error'>): SafeHtml {
  return o.error ? html`<span class="nhsuk-error-message" id="${o.id}-error"><span class="nhsuk-u-visually-hidden">Error:</span> ${o.error}</span>` : html``;
}

function describedByAttr(o: Pick<FieldOptions, 'id' | 'hint' | 'error'>): SafeHtml {
  const ids = describedBy(o);
  return ids ? html` aria-describedby="${ids}"` : html``;
}

/** Options for {@link textInput}. */
export interface TextInputOptions extends FieldOptions {
  value?: string;
  type?: 'text' | 'email' | 'date' | 'number' | 'password' | 'search' | 'url' | 'tel';
  autocomplete?: string;
  /** Width class, for example `nhsuk-input--width-10`. */
  widthClass?: string;
  required?: boolean;
  inputmode?: 'numeric' | 'text';
  spellcheck?: boolean;
}

/**
 * A labelled text input with hint and inline error.
 *
 * @example
 * textInput({ id: 'familyName', label: 'Family name', value: 'Okafor' });
 */
export function textInput(o: TextInputOptions): SafeHtml {
  const cls = ['nhsuk-input', o.widthClass, o.error ? 'nhsuk-input--error' : ''].filter(Boolean).join(' ');
  return html`<div class="nhsuk-form-group${o.error ? ' nhsuk-form-group--error' : ''}">
  ${fieldTop(o)}
  <input class="${cls}" id="${o.id}" name="${o.name ?? o.id}" type="${o.type ?? 'text'}"${o.value === undefined ? '' : html` value="${o.value}"`}${describedByAttr(o)}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.required ? html` required` : ''}${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${o.spellcheck === false ? html` spellcheck="false"` : ''}>
</div>`;
}

/** Options for {@link textarea}. */
export interface TextareaOptions extends FieldOptions {
  value?: string;
  rows?: number;
  /** `false` turns the browser's spelling check off (for codes and links pasted in). */
  spellcheck?: boolean;
  /** Whether a phone's keyboard capitalises what is typed (`off` for codes and links). */
  autocapitalize?: 'off' | 'none' | 'on' | 'sentences' | 'words' | 'characters';
  autocomplete?: string;
}

/** A labelled textarea with hint and inline error. */
export function textarea(o: TextareaOptions): SafeHtml {
  return html`<div class="nhsuk-form-group${o.error ? ' nhsuk-form-group--error' : ''}">
  ${fieldTop(o)}
  <textarea class="nhsuk-textarea${o.error ? ' nhsuk-textarea--error' : ''}" id="${o.id}" name="${o.name ?? o.id}" rows="${o.rows ?? 5}"${o.spellcheck === false ? html` spellcheck="false"` : ''}${o.autocapitalize ? html` autocapitalize="${o.autocapitalize}"` : ''}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${describedByAttr(o)}>${o.value ?? ''}</textarea>
</div>`;
}

/** A choice in a select, radios or checkboxes. */
export interface Choice {
  value: string;
  /** The label's text, or (radios and checkboxes) markup built with {@link html}. */
  text: string | SafeHtml;
  /** The choice's own hint (radios and checkboxes). */
  hint?: string | SafeHtml;
  /** Checked (radios and checkboxes), as well as any choice named by the group's `value`. */
  checked?: boolean;
  /** The input's own id (radios and checkboxes; default the group's `id` for the first, `{id}-{n}` after). */
  id?: string;
}

/** Options for {@link selectField}. */
export interface SelectOptions extends FieldOptions {
  choices: readonly Choice[];
  value?: string;
  /** A first, empty choice such as "Choose a type". */
  placeholder?: string;
}

/** A labelled select with hint and inline error. */
export function selectField(o: SelectOptions): SafeHtml {
  return html`<div class="nhsuk-form-group${o.error ? ' nhsuk-form-group--error' : ''}">
  ${fieldTop(o)}
  <select class="nhsuk-select${o.error ? ' nhsuk-select--error' : ''}" id="${o.id}" name="${o.name ?? o.id}"${describedByAttr(o)}>
    ${o.placeholder === undefined ? '' : html`<option value="">${o.placeholder}</option>`}
    ${o.choices.map((c) => html`<option value="${c.value}"${c.value === o.value ? html` selected` : ''}>${c.text}</option>`)}
  </select>
</div>`;
}

/** Options for {@link radios} and {@link checkboxes}. */
export interface ChoiceGroupOptions extends Omit<FieldOptions, 'label' | 'labelIsPageHeading'> {
  /** The fieldset's legend (text, or markup built with {@link html}). */
  label: string | SafeHtml;
  choices: readonly Choice[];
  /** The chosen value(s). */
  value?: string | readonly string[];
  /** Render the legend as the page's heading. */
  legendIsPageHeading?: boolean;
  /** The legend's size: `s` by default, `l` when it is the page's heading. */
  legendSize?: 's' | 'm' | 'l';
  /** Show the choices side by side (radios only). */
  inline?: boolean;
}

function choiceGroup(kind: 'radios' | 'checkboxes', o: ChoiceGroupOptions): SafeHtml {
  const chosen = new Set(typeof o.value === 'string' ? [o.value] : (o.value ?? []));
  const name = o.name ?? o.id;
  const input = kind === 'radios' ? 'radio' : 'checkbox';
  const size = o.legendSize ?? (o.legendIsPageHeading ? 'l' : 's');
  const legend = html`<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--${size}">${o.legendIsPageHeading ? html`<h1 class="nhsuk-fieldset__heading">${o.label}</h1>` : o.label}</legend>`;
  return html`<div class="nhsuk-form-group${o.error ? ' nhsuk-form-group--error' : ''}">
  <fieldset class="nhsuk-fieldset"${describedByAttr(o)}>
    ${legend}
    ${o.hint ? html`<div class="nhsuk-hint" id="${o.id}-hint">${o.hint}</div>` : ''}
    ${errorMessage(o)}
    <div class="nhsuk-${kind}${o.inline ? ` nhsuk-${kind}--inline` : ''}" data-module="nhsuk-${kind}">
      ${o.choices.map((c, i) => {
        const id = c.id ?? (i === 0 ? o.id : `${o.id}-${i + 1}`);
        return html`<div class="nhsuk-${kind}__item">
        <input class="nhsuk-${kind}__input" id="${id}" name="${name}" type="${input}" value="${c.value}"${c.checked || chosen.has(c.value) ? html` checked` : ''}${c.hint ? html` aria-describedby="${id}-item-hint"` : ''}>
        <label class="nhsuk-label nhsuk-${kind}__label" for="${id}">${c.text}</label>
        ${c.hint ? html`<div class="nhsuk-hint nhsuk-${kind}__hint" id="${id}-item-hint">${c.hint}</div>` : ''}
      </div>`;
      })}
    </div>
  </fieldset>
</div>`;
}

/**
 * A fieldset of radios (one choice). The first radio's id is `id`, so the error summary links to it.
 *
 * @example
 * radios({ id: 'action', label: 'What do you want to do?', choices: [{ value: 'revoke', text: 'Revoke' }] });
 */
export function radios(o: ChoiceGroupOptions): SafeHtml {
  return choiceGroup('radios', o);
}

/** A fieldset of checkboxes (any number of choices). The first checkbox's id is `id`. */
export function checkboxes(o: ChoiceGroupOptions): SafeHtml {
  return choiceGroup('checkboxes', o);
}

/** Options for {@link button}. */
export interface ButtonOptions {
  /** The button's text, or markup built with {@link html}. */
  text: string | SafeHtml;
  variant?: 'primary' | 'secondary' | 'reverse' | 'warning' | 'login';
  type?: 'submit' | 'button';
  /** Render as a link that looks like a button. */
  href?: string;
  name?: string;
  value?: string;
  id?: string;
}

/** A button (or a link styled as one), 44 px high in the frontend's CSS. */
export function button(o: ButtonOptions): SafeHtml {
  const cls = `nhsuk-button${o.variant && o.variant !== 'primary' ? ` nhsuk-button--${o.variant}` : ''}`;
  const id = o.id ? html` id="${o.id}"` : '';
  if (o.href !== undefined) return html`<a href="${o.href}" role="button" draggable="false" class="${cls}" data-module="nhsuk-button"${id}>${o.text}</a>`;
  return html`<button class="${cls}" data-module="nhsuk-button" type="${o.type ?? 'submit'}"${id}${o.name ? html` name="${o.name}"` : ''}${o.value === undefined ? '' : html` value="${o.value}"`} data-prevent-double-click="true">${o.text}</button>`;
}

/** A row of a {@link summaryList}. */
export interface SummaryRow {
  key: string;
  value: SafeHtml | string;
}

/** Options for {@link summaryList}. */
export interface SummaryListOptions {
  /** No lines between the rows (`nhsuk-summary-list--no-border`), for a list inside a card. */
  noBorder?: boolean;
}

/** Key and value pairs (`<dl class="nhsuk-summary-list">`). */
export function summaryList(rows: readonly SummaryRow[], options: SummaryListOptions = {}): SafeHtml {
  return html`<dl class="nhsuk-summary-list${options.noBorder ? ' nhsuk-summary-list--no-border' : ''}">
  ${rows.map((r) => html`<div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">${r.key}</dt><dd class="nhsuk-summary-list__value">${r.value}</dd></div>`)}
</dl>`;
}

/** Options for {@link table}. */
export interface TableOptions {
  caption: string;
  /** Show the caption only to screen readers. */
  captionHidden?: boolean;
  head: readonly string[];
  rows: readonly (readonly (SafeHtml | string | number)[])[];
}

/** A data table with a caption and column headers. */
export function table(o: TableOptions): SafeHtml {
  return html`<table class="nhsuk-table">
  <caption class="nhsuk-table__caption${o.captionHidden ? ' nhsuk-u-visually-hidden' : ''}">${o.caption}</caption>
  <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">${o.head.map((h) => html`<th scope="col" class="nhsuk-table__header">${h}</th>`)}</tr></thead>
  <tbody class="nhsuk-table__body">
    ${o.rows.map((row) => html`<tr class="nhsuk-table__row">${row.map((cell) => html`<td class="nhsuk-table__cell">${cell}</td>`)}</tr>`)}
  </tbody>
</table>`;
}

/** Tag colours of the frontend. Meaning is always in the text too, never in the colour alone. */
export type TagColour = 'white' | 'grey' | 'green' | 'aqua-green' | 'blue' | 'purple' | 'pink' | 'red' | 'orange' | 'yellow';

/** A status tag (`<strong class="nhsuk-tag">`): the text carries the meaning; the colour only repeats it. */
export function tag(text: string, colour?: TagColour): SafeHtml {
  return html`<strong class="nhsuk-tag${colour ? ` nhsuk-tag--${colour}` : ''}">${text}</strong>`;
}

/** Inset text (a note that stands out from the content around it). */
export function insetText(content: SafeHtml | string): SafeHtml {
  return html`<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span>${typeof content === 'string' ? html`<p>${content}</p>` : content}</div>`;
}

/** A warning callout with a heading. */
export function warningCallout(heading: string, content: SafeHtml | string): SafeHtml {
  return html`<div class="nhsuk-card nhsuk-card--warning"><div class="nhsuk-card__content"><h2 class="nhsuk-card__heading"><span class="nhsuk-u-visually-hidden">Important: </span>${heading}</h2>${typeof content === 'string' ? html`<p>${content}</p>` : content}</div></div>`;
}

/** A "Back" link before the page's main content. */
export function backLink(href: string, text = 'Back'): SafeHtml {
  return html`<a class="nhsuk-back-link" href="${href}">${text}</a>`;
}

/** A notification banner: `success` announces what just happened (role alert); otherwise "Important". */
export function notificationBanner(o: { title?: string; content: SafeHtml | string; success?: boolean; id?: string }): SafeHtml {
  const id = o.id ?? 'notification-banner-title';
  return html`<div class="nhsuk-notification-banner${o.success ? ' nhsuk-notification-banner--success' : ''}"${o.success ? html` role="alert"` : html` role="region"`} aria-labelledby="${id}" data-module="nhsuk-notification-banner">
  <div class="nhsuk-notification-banner__header"><h2 class="nhsuk-notification-banner__title" id="${id}">${o.title ?? (o.success ? 'Success' : 'Important')}</h2></div>
  <div class="nhsuk-notification-banner__content">${typeof o.content === 'string' ? html`<p class="nhsuk-notification-banner__heading">${o.content}</p>` : o.content}</div>
</div>`;
}
