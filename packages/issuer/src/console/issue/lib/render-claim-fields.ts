import { button, checkboxes, html, radios, selectField, textInput, textarea, type Choice, type SafeHtml } from '@staff-passport/web-kit';
import { initialItemCount, type ClaimField, type ClaimGroup, type ClaimInput, type ClaimList } from './claim-fields.js';
import { humanise, inSentence } from './humanise.js';
import { ADD_ITEM_FIELD, DATE_PARTS, DATE_TIME_PARTS, itemCountName, type DateProblem } from './read-claim-fields.js';

/** What a claim form shows: what was typed, the errors by input or group id, and how many items each list shows. */
export interface ClaimFormState {
  values?: ReadonlyMap<string, string | string[]>;
  errors?: ReadonlyMap<string, string>;
  counts?: ReadonlyMap<string, number>;
  /** Date inputs typed wrong: only the box at fault is marked. */
  dateProblems?: ReadonlyMap<string, DateProblem>;
}

const DATE_PART_LABELS = { day: 'Day', month: 'Month', year: 'Year', time: 'Time (optional)' } as const;
const DATE_PART_WIDTHS = { day: 2, month: 2, year: 4, time: 5 } as const;

/**
 * The NHS.UK date input: day, month and year boxes in a fieldset (and a time box for a date and
 * time), the error on the box at fault (all of them when none is known).
 */
function dateInput(field: ClaimInput, state: ClaimFormState): SafeHtml {
  const error = state.errors?.get(field.id);
  const problem = state.dateProblems?.get(field.id);
  const describedBy = [field.hint ? `${field.id}-hint` : '', error ? `${field.id}-error` : ''].filter(Boolean).join(' ');
  const parts = field.kind === 'date-time' ? DATE_TIME_PARTS : DATE_PARTS;
  const boxes = parts.map((part) => {
    const id = `${field.id}-${part}`;
    const value = state.values?.get(id);
    const wrong = error !== undefined && (problem === undefined ? part !== 'time' : problem.part === part);
    return html`<div class="nhsuk-date-input__item"><div class="nhsuk-form-group">
      <label class="nhsuk-label nhsuk-date-input__label" for="${id}">${DATE_PART_LABELS[part]}</label>
      <input class="nhsuk-input nhsuk-date-input__input nhsuk-input--width-${DATE_PART_WIDTHS[part]}${wrong ? ' nhsuk-input--error' : ''}" id="${id}" name="${id}" type="text"${part === 'time' ? '' : html` inputmode="numeric"`} autocomplete="off"${typeof value === 'string' ? html` value="${value}"` : ''}>
    </div></div>`;
  });
  return html`<div class="nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}">
  <fieldset class="nhsuk-fieldset" role="group"${describedBy ? html` aria-describedby="${describedBy}"` : ''}>
    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">${labelOf(field)}</legend>
    ${field.hint ? html`<div class="nhsuk-hint" id="${field.id}-hint">${field.hint}</div>` : ''}
    ${error ? html`<span class="nhsuk-error-message" id="${field.id}-error"><span class="nhsuk-u-visually-hidden">Error:</span> ${error}</span>` : ''}
    <div class="nhsuk-date-input" id="${field.id}">${boxes}</div>
  </fieldset>
</div>`;
}

/** Radios for up to this many choices; a select beyond. */
const MAX_RADIOS = 6;
const NOT_RECORDED: Choice = { value: '', text: 'Not recorded' };

function labelOf(field: ClaimField): string {
  return field.required || field.conditional ? field.label : `${field.label} (optional)`;
}

function hintOpt(field: ClaimField): { hint?: string } {
  return field.hint === undefined ? {} : { hint: field.hint };
}

function errorOpt(field: ClaimField, state: ClaimFormState): { error?: string } {
  const error = state.errors?.get(field.id);
  return error === undefined ? {} : { error };
}

function textValue(field: ClaimInput, state: ClaimFormState): { value?: string } {
  const value = state.values?.get(field.id);
  return typeof value === 'string' ? { value } : {};
}

function renderInput(field: ClaimInput, state: ClaimFormState): SafeHtml {
  const common = { id: field.id, label: labelOf(field), ...hintOpt(field), ...errorOpt(field, state) };
  const chosen = state.values?.get(field.id);
  switch (field.kind) {
    case 'text':
      return textInput({ ...common, ...(field.suggested !== undefined && state.values === undefined ? { value: field.suggested } : textValue(field, state)), ...(field.pattern ? { spellcheck: false, widthClass: 'nhsuk-u-width-one-half' } : {}) });
    case 'number':
      return textInput({ ...common, ...textValue(field, state), widthClass: 'nhsuk-input--width-5', ...(field.integer ? { inputmode: 'numeric' as const } : {}) });
    case 'date':
      return dateInput(field, state);
    case 'date-time':
      return dateInput(field, state);
    case 'lines':
      return textarea({ ...common, ...textValue(field, state), rows: 3 });
    case 'choices':
      return checkboxes({ ...common, choices: field.choices.map((c) => ({ value: String(c.value), text: c.text })), ...(chosen === undefined ? {} : { value: chosen }) });
    case 'boolean': {
      const choices: Choice[] = [
        { value: 'true', text: 'Yes' },
        { value: 'false', text: 'No' },
      ];
      return radios({ ...common, inline: field.required, choices: field.required ? choices : [...choices, NOT_RECORDED], ...(chosen === undefined ? {} : { value: chosen }) });
    }
    case 'choice': {
      const choices: Choice[] = field.choices.map((c) => ({ value: String(c.value), text: c.text }));
      const value = typeof chosen === 'string' ? { value: chosen } : {};
      if (choices.length > MAX_RADIOS) return selectField({ ...common, choices, placeholder: 'Select an option', ...value });
      return radios({ ...common, choices: field.required ? choices : [...choices, NOT_RECORDED], ...value });
    }
  }
}

function fixedText(value: unknown): string {
  return typeof value === 'string' ? humanise(value) : String(value);
}

function fieldset(field: ClaimField, depth: number, state: ClaimFormState, body: SafeHtml): SafeHtml {
  const error = state.errors?.get(field.id);
  const describedBy = [field.hint ? `${field.id}-hint` : '', error ? `${field.id}-error` : ''].filter(Boolean).join(' ');
  const legend =
    depth === 1
      ? html`<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m"><h2 class="nhsuk-fieldset__heading">${labelOf(field)}</h2></legend>`
      : html`<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">${labelOf(field)}</legend>`;
  return html`<div class="nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}">
  <fieldset class="nhsuk-fieldset"${describedBy ? html` aria-describedby="${describedBy}"` : ''}>
    ${legend}
    ${field.hint ? html`<div class="nhsuk-hint" id="${field.id}-hint">${field.hint}</div>` : ''}
    ${error ? html`<span class="nhsuk-error-message" id="${field.id}-error"><span class="nhsuk-u-visually-hidden">Error:</span> ${error}</span>` : ''}
    ${body}
  </fieldset>
</div>`;
}

function renderGroupBody(group: ClaimGroup, depth: number, state: ClaimFormState): SafeHtml {
  return html`${group.fixed.map((f) => html`<p class="nhsuk-body-s">${f.label}: ${fixedText(f.value)} (set for you)</p>`)}
    ${group.children.map((child) => renderField(child, depth + 1, state))}`;
}

function renderList(list: ClaimList, depth: number, state: ClaimFormState): SafeHtml {
  const count = state.counts?.get(list.id) ?? initialItemCount(list);
  const items = Array.from({ length: count }, (_, i) => {
    const item = list.item(i);
    return fieldset({ ...item, required: true }, depth + 1, state, renderGroupBody(item, depth + 1, state));
  });
  const least = list.minItems > 0 ? `Fill in at least ${list.minItems}. ` : '';
  const body = html`<p class="nhsuk-body-s">${least}Leave an item blank to leave it out (up to ${list.maxItems} items).</p>
    <input type="hidden" name="${itemCountName(list)}" value="${count}">
    ${items}
    ${count < list.maxItems ? button({ text: `Add another ${inSentence(list.label)} item`, variant: 'secondary', name: ADD_ITEM_FIELD, value: list.id, id: `${list.id}-add` }) : ''}`;
  return fieldset(list, depth, state, body);
}

function renderField(field: ClaimField, depth: number, state: ClaimFormState): SafeHtml {
  if (field.kind === 'group') return fieldset(field, depth, state, renderGroupBody(field, depth, state));
  if (field.kind === 'list') return renderList(field, depth, state);
  return renderInput(field, state);
}

/**
 * The inputs of a generated claim form (see `buildClaimFields`), in the NHS.UK design system:
 * a fieldset per object (top-level legends as headings), optional fields marked "(optional)",
 * hints from the schema, inline errors above their inputs, what was typed shown again.
 *
 * @example
 * html`<form method="post">${renderClaimFields(form, { values, errors })}</form>`
 */
export function renderClaimFields(form: ClaimGroup, state: ClaimFormState = {}): SafeHtml {
  return renderGroupBody(form, 0, state);
}
