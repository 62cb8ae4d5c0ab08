import { html, renderNhsPage, type SafeHtml } from '@staff-passport/web-kit';
import type { Response } from 'express';
import type { ConsoleCaller } from './console-session.js';

/** The console's sections, in the header's navigation. */
export type ConsoleSection = 'home' | 'issue' | 'bulk' | 'credentials' | 'audit';

/** The console's service name (header and titles). */
export const CONSOLE_NAME = 'Staff Passport HR console';

const SECTIONS: { id: ConsoleSection; text: string; href: string }[] = [
  { id: 'home', text: 'Home', href: '/console/home' },
  { id: 'issue', text: 'Issue a credential', href: '/console/issue' },
  { id: 'bulk', text: 'Bulk upload', href: '/console/bulk' },
  { id: 'credentials', text: 'Issued credentials', href: '/console/credentials' },
  { id: 'audit', text: 'Audit log', href: '/console/audit' },
];

/** Options for {@link sendConsolePage}. */
export interface ConsolePageOptions {
  title: string;
  content: SafeHtml;
  /** The signed-in caller (navigation and sign-out are shown only then). */
  caller?: ConsoleCaller;
  section?: ConsoleSection;
  beforeContent?: SafeHtml;
  hasErrors?: boolean;
  head?: SafeHtml;
  scripts?: string[];
  /** HTTP status (default 200; 400 for a form shown again with errors). */
  status?: number;
}

/**
 * Sends a console page in the NHS.UK template: once signed in, the sections in the header's
 * navigation, and who is signed in with a sign-out button (a POST with the CSRF token) in its
 * account area.
 *
 * @example
 * sendConsolePage(res, { title: 'Audit log', caller, section: 'audit', content: html`<h1 class="nhsuk-heading-l">Audit log</h1>` });
 */
export function sendConsolePage(res: Response, options: ConsolePageOptions): void {
  const { caller } = options;
  // Who is signed in and "Sign out" (a POST with the CSRF token) in the NHS.UK header's account area.
  const account = caller
    ? [
        { text: `${caller.session.displayName ?? 'Signed in'}, ${caller.org.name}`, icon: true },
        { text: 'Sign out', action: '/console/sign-out', hiddenFields: { _csrf: caller.session.csrf } },
      ]
    : [];
  const page = renderNhsPage({
    title: options.title,
    serviceName: CONSOLE_NAME,
    serviceHref: '/',
    navigation: caller ? SECTIONS.map((s) => ({ text: s.text, href: s.href, current: s.id === options.section })) : [],
    account,
    ...(options.beforeContent ? { beforeContent: options.beforeContent } : {}),
    content: options.content,
    ...(options.hasErrors ? { hasErrors: true } : {}),
    ...(options.head ? { head: options.head } : {}),
    ...(options.scripts ? { scripts: options.scripts } : {}),
  });
  res.status(options.status ?? 200).type('html').send(page);
}

/** The hidden CSRF field every console form carries. */
export function csrfField(caller: ConsoleCaller): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${caller.session.csrf}">`;
}
