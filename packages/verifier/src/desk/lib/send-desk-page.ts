import { html, renderNhsPage, type SafeHtml } from '@staff-passport/web-kit';
import type { Response } from 'express';

/** The desk's service name (header and titles). */
export const DESK_NAME = 'Staff Passport verifier desk';

/** Where the desk's own stylesheet and script are served (same origin: the page CSP allows nothing else). */
export const DESK_ASSETS_PATH = '/desk/assets';

/** Options for {@link sendDeskPage}. */
export interface DeskPageOptions {
  title: string;
  content: SafeHtml;
  beforeContent?: SafeHtml;
  hasErrors?: boolean;
  head?: SafeHtml;
  scripts?: string[];
  /** HTTP status (default 200; 400 for a form shown again with errors). */
  status?: number;
}

/**
 * Sends a desk page in the NHS.UK template, with the desk's small stylesheet (the QR code's size).
 *
 * @example
 * sendDeskPage(res, { title: 'Check a new starter', content: html`<h1 class="nhsuk-heading-l">Check a new starter</h1>` });
 */
export function sendDeskPage(res: Response, options: DeskPageOptions): void {
  const page = renderNhsPage({
    title: options.title,
    serviceName: DESK_NAME,
    serviceHref: '/',
    content: options.content,
    head: html`<link rel="stylesheet" href="${DESK_ASSETS_PATH}/desk.css">${options.head}`,
    ...(options.beforeContent ? { beforeContent: options.beforeContent } : {}),
    ...(options.hasErrors ? { hasErrors: true } : {}),
    ...(options.scripts ? { scripts: options.scripts } : {}),
  });
  res.status(options.status ?? 200).type('html').send(page);
}

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Europe/London' });
const DAY_LONDON = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** A calendar date (YYYY-MM-DD...) the NHS way: "5 October 2026"; anything else unchanged. */
export function formatDay(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(date.getTime()) ? value : DAY.format(date);
}

/** A moment the NHS way, in UK time: "10:10 on 3 October 2026". */
export function formatMoment(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${TIME.format(date)} on ${DAY_LONDON.format(date)}`;
}
