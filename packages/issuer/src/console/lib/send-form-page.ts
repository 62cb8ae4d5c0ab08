import { errorSummary, html, type FieldError } from '@staff-passport/web-kit';
import type { Response } from 'express';
import { sendConsolePage, type ConsolePageOptions } from '../render-console-page.js';

/** Options for {@link sendFormPage}: a console page's, with the form's errors in place of `hasErrors`. */
export interface FormPageOptions extends Omit<ConsolePageOptions, 'hasErrors'> {
  /** The form's problems, each on its field; none when the form is shown first or is fine. */
  errors: readonly FieldError[];
}

/**
 * Sends a console page that holds a form, shown again the NHS.UK way when it has errors: status
 * 400 (unless `status` says otherwise, such as 409), "Error:" before the title, and the error
 * summary first, linking to each field. Every console form page goes through here, so they agree.
 *
 * @example
 * sendFormPage(res, { title: 'Audit log', caller, section: 'audit', errors, content: html`<h1 class="nhsuk-heading-l">Audit log</h1>` });
 */
export function sendFormPage(res: Response, options: FormPageOptions): void {
  const { errors, content, ...page } = options;
  const hasErrors = errors.length > 0;
  sendConsolePage(res, { ...page, status: page.status ?? (hasErrors ? 400 : 200), hasErrors, content: html`${errorSummary(errors)}${content}` });
}

/**
 * The `error` option of a field's component: the message of that field's error, when it has one.
 *
 * @example
 * textInput({ id: 'note', label: 'Note', ...fieldErrorOf(errors, 'note') });
 */
export function fieldErrorOf(errors: readonly FieldError[], field: string): { error?: string } {
  const found = errors.find((e) => e.field === field);
  return found ? { error: found.message } : {};
}
