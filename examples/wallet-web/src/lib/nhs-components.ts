// The NHS.UK frontend components the wallet's screens use, with the frontend's markup (class
// names, ids and aria links as in its Nunjucks macros) so its CSS and JavaScript apply.
import { html, type SafeHtml } from './html.js';

/** One error on a form: `field` is the id of the input it belongs to (the summary links to it). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * "There is a problem" and a link to each field in error (nothing when there are no errors).
 * The frontend's script moves focus to it when the screen is shown.
 *
 * @example
 * errorSummary([{ field: 'offer-pin', message: 'Enter the PIN you were sent' }]);
 */
export function errorSummary(errors: readonly FieldError[]): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div class="nhsuk-error-summary" data-module="nhsuk-error-summary">
  <div role="alert">
    <h2 class="nhsuk-error-summary__heading">There is a problem</h2>
    <div class="nhsuk-error-summary__body">
      <ul class="nhsuk-list nhsuk-error-summary__list">
        ${errors.map((e) => html`<li><a href="#${e.field}" data-focus="${e.field}">${e.message}</a></li>`)}
      </ul>
    </div>
  </div>
</div>`;
}

/** The error of one field among a form's errors, if any. */
export function errorFor(errors: readonly FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

/** What every form field takes. */
export interface FieldOptions {
  id: string;
  name?: string;
  label: string;
  hint?: string;
  /** The inline error message, shown above the input. */
  error?: string;
  /** The label is the screen's heading (`<h1>`), for one-question screens. */
  labelIsPageHeading?: boolean;
}

function errorMessage(id: string, error: string | undefined): SafeHtml {
  return error ? html`<span class="nhsuk-error-message" id="${id}-error"><span class="nhsuk-u-visually-hidden">Error:</span> ${error}</span>` : html``;
}

function describedBy(o: Pick<FieldOptions, 'id' | 'hint' | 'error'>): SafeHtml {
  const ids = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean);
  return ids.length === 0 ? html`` : html` aria-describedby="${ids.join(' ')}"`;
}

function fieldTop(o: FieldOptions): SafeHtml {
  const label = html`<label class="nhsuk-label${o.labelIsPageHeading ? ' nhsuk-label--l' : ''}" for="${o.id}">${o.label}</label>`;
  return html`${o.labelIsPageHeading ? html`<h1 class="nhsuk-label-wrapper">${label}</h1>` : label}
  ${o.hint ? html`<div class="nhsuk-hint" id="${o.id}-hint">${o.hint}</div>` : ''}
  ${errorMessage(o.id, o.error)}`;
}

/** Options for {@link textInput}. */
export interface TextInputOptions extends FieldOptions {
  value?: string;
  type?: 'text' | 'password';
  autocomplete?: string;
  /** Width class, for example `nhsuk-input--width-10`. */
  widthClass?: string;
  inputmode?: 'numeric' | 'text';
  spellcheck?: boolean;
}

/** A labelled text input with hint and inline error. */
export function textInput(o: TextInputOptions): SafeHtml {
  const cls = ['nhsuk-input', o.widthClass, o.error ? 'nhsuk-input--error' : ''].filter(Boolean).join(' ');
  return html`<div class="nhsuk-form-group${o.error ? ' nhsuk-form-group--error' : ''}">
  ${fieldTop(o)}
  <input class="${cls}" id="${o.id}" name="${o.name ?? o.id}" type="${o.type ?? 'text'}"${o.value === undefined ? '' : html` value="${o.value}"`}${describedBy(o)}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${o.spellcheck === false ? html` spellcheck="false"` : ''}>
</div>`;
}

/** Options for {@link textarea}. */
export interface TextareaOptions extends FieldOptions {
  value?: string;
  rows?: number;
}

/** A labelled textarea with hint and inline error. */
export function textarea(o: TextareaOptions): SafeHtml {
  return html`<div class="nhsuk-form-group${o.error ? ' nhsuk-form-group--error' : ''}">
  ${fieldTop(o)}
  <textarea class="nhsuk-textarea${o.error ? ' nhsuk-textarea--error' : ''}" id="${o.id}" name="${o.name ?? o.id}" rows="${o.rows ?? 4}" spellcheck="false" autocapitalize="off" autocomplete="off"${describedBy(o)}>${o.value ?? ''}</textarea>
</div>`;
}

/** A choice in radios or checkboxes. */
export interface Choice {
  value: string;
  /** The label's text, or markup built with `html`. */
  text: string | SafeHtml;
  hint?: string | SafeHtml;
  checked?: boolean;
  /** The input's own id (default `{group id}` for the first, `{group id}-{n}` after). */
  id?: string;
}

/** Options for {@link radios} and {@link checkboxes}. */
export interface ChoiceGroupOptions {
  id: string;
  name?: string;
  /** The fieldset's legend. */
  legend: string | SafeHtml;
  /** `s` (default) or `m`. */
  legendSize?: 's' | 'm';
  hint?: string;
  error?: string;
  choices: readonly Choice[];
}

function choiceGroup(kind: 'radios' | 'checkboxes', o: ChoiceGroupOptions): SafeHtml {
  const name = o.name ?? o.id;
  const input = kind === 'radios' ? 'radio' : 'checkbox';
  return html`<div class="nhsuk-form-group${o.error ? ' nhsuk-form-group--error' : ''}">
  <fieldset class="nhsuk-fieldset"${describedBy(o)}>
    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--${o.legendSize ?? 's'}">${o.legend}</legend>
    ${o.hint ? html`<div class="nhsuk-hint" id="${o.id}-hint">${o.hint}</div>` : ''}
    ${errorMessage(o.id, o.error)}
    <div class="nhsuk-${kind}" data-module="nhsuk-${kind}">
      ${o.choices.map((c, i) => {
        const id = c.id ?? (i === 0 ? o.id : `${o.id}-${i + 1}`);
        return html`<div class="nhsuk-${kind}__item">
        <input class="nhsuk-${kind}__input" id="${id}" name="${name}" type="${input}" value="${c.value}"${c.checked ? html` checked` : ''}${c.hint ? html` aria-describedby="${id}-item-hint"` : ''}>
        <label class="nhsuk-label nhsuk-${kind}__label" for="${id}">${c.text}</label>
        ${c.hint ? html`<div class="nhsuk-hint nhsuk-${kind}__hint" id="${id}-item-hint">${c.hint}</div>` : ''}
      </div>`;
      })}
    </div>
  </fieldset>
</div>`;
}

/** A fieldset of radios (one choice). */
export function radios(o: ChoiceGroupOptions): SafeHtml {
  return choiceGroup('radios', o);
}

/** A fieldset of checkboxes (any number of choices). */
export function checkboxes(o: ChoiceGroupOptions): SafeHtml {
  return choiceGroup('checkboxes', o);
}

/** Options for {@link button}. */
export interface ButtonOptions {
  text: string | SafeHtml;
  variant?: 'primary' | 'secondary' | 'warning';
  type?: 'submit' | 'button';
  /** A link that looks like a button. */
  href?: string;
  id?: string;
  name?: string;
  value?: string;
}

/** A button (or a link styled as one), 44 px high in the frontend's CSS. */
export function button(o: ButtonOptions): SafeHtml {
  const cls = `nhsuk-button${o.variant && o.variant !== 'primary' ? ` nhsuk-button--${o.variant}` : ''}`;
  const id = o.id ? html` id="${o.id}"` : '';
  if (o.href !== undefined) return html`<a href="${o.href}" role="button" draggable="false" class="${cls}" data-module="nhsuk-button"${id}>${o.text}</a>`;
  return html`<button class="${cls}" data-module="nhsuk-button" type="${o.type ?? 'submit'}"${id}${o.name ? html` name="${o.name}"` : ''}${o.value === undefined ? '' : html` value="${o.value}"`}>${o.text}</button>`;
}

/** A row of a {@link summaryList}. */
export interface SummaryRow {
  key: string;
  value: SafeHtml | string;
}

/** Key and value pairs. */
export function summaryList(rows: readonly SummaryRow[], options: { noBorder?: boolean } = {}): SafeHtml {
  return html`<dl class="nhsuk-summary-list${options.noBorder ? ' nhsuk-summary-list--no-border' : ''}">
  ${rows.map((r) => html`<div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">${r.key}</dt><dd class="nhsuk-summary-list__value">${r.value}</dd></div>`)}
</dl>`;
}

/** Tag colours of the frontend. The meaning is always in the text; the colour only repeats it. */
export type TagColour = 'white' | 'grey' | 'green' | 'aqua-green' | 'blue' | 'purple' | 'pink' | 'red' | 'orange' | 'yellow';

/** A status tag: the text carries the meaning. */
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

/** A "Back" link before the screen's heading. */
export function backLink(href: string, text = 'Back'): SafeHtml {
  return html`<a class="nhsuk-back-link" href="${href}">${text}</a>`;
}

/** A notification banner: `success` announces what just happened; otherwise "Important". */
export function notificationBanner(o: { title?: string; content: SafeHtml | string; success?: boolean }): SafeHtml {
  return html`<div class="nhsuk-notification-banner${o.success ? ' nhsuk-notification-banner--success' : ''}" role="${o.success ? 'alert' : 'region'}" aria-labelledby="notification-banner-title" data-module="nhsuk-notification-banner">
  <div class="nhsuk-notification-banner__header"><h2 class="nhsuk-notification-banner__title" id="notification-banner-title">${o.title ?? (o.success ? 'Success' : 'Important')}</h2></div>
  <div class="nhsuk-notification-banner__content">${typeof o.content === 'string' ? html`<p class="nhsuk-notification-banner__heading">${o.content}</p>` : o.content}</div>
</div>`;
}

/** A confirmation panel ("Shared with ..."). */
export function panel(title: string, body?: SafeHtml | string): SafeHtml {
  return html`<div class="nhsuk-panel"><h1 class="nhsuk-panel__heading" tabindex="-1">${title}</h1>${body ? html`<div class="nhsuk-panel__body">${body}</div>` : ''}</div>`;
}
