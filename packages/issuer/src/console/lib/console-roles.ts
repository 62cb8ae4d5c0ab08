import { html } from '@staff-passport/web-kit';
import type { Response } from 'express';
import type { Role } from '../../api-keys/create-api-key.js';
import type { ConsoleCaller } from '../console-session.js';
import { sendConsolePage, type ConsoleSection } from '../render-console-page.js';

/** Who may do what in the console: the same roles as the API routes behind each page. */
export const CONSOLE_ROLES = {
  /** Find and read issued credentials (`GET /orgs/{id}/credentials`). */
  viewCredentials: ['issuer', 'org-admin', 'auditor'],
  /** Revoke, suspend, reinstate (`POST /orgs/{id}/credentials/{id}/revoke`...). */
  changeStatus: ['issuer', 'org-admin'],
  /** Read the audit log and check its chain (`GET /orgs/{id}/audit`). */
  readAudit: ['auditor', 'org-admin'],
} as const satisfies Record<string, readonly Role[]>;

const ROLE_NAMES: Record<Role, string> = { 'org-admin': 'organisation administrator', issuer: 'issuer', auditor: 'auditor' };

/** The roles of the signed-in caller, in words ("issuer and auditor"). */
export function rolesInWords(caller: ConsoleCaller): string {
  const names = caller.principal.roles.map((role) => ROLE_NAMES[role]);
  return names.length <= 1 ? (names[0] ?? 'none') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

/** Whether the caller holds one of the roles (an OIDC user may hold several; one is enough, as for the API). */
export function hasConsoleRole(caller: ConsoleCaller, roles: readonly Role[]): boolean {
  return caller.principal.roles.some((role) => roles.includes(role));
}

/**
 * Answers 403 with a page that says what the caller may not do and which role they have, instead
 * of an error: a signed-in user without the role is not a fault of the service.
 *
 * @example
 * if (!hasConsoleRole(caller, CONSOLE_ROLES.readAudit)) return sendForbidden(res, caller, 'audit', 'read the audit log');
 */
export function sendForbidden(res: Response, caller: ConsoleCaller, section: ConsoleSection, doWhat: string): void {
  sendConsolePage(res, {
    title: 'You do not have permission',
    caller,
    section,
    status: 403,
    content: html`<h1 class="nhsuk-heading-l">You do not have permission to ${doWhat}</h1>
      <p>You are signed in as ${caller.session.displayName ?? 'a user'} with the role ${rolesInWords(caller)}.</p>
      <p>Ask an organisation administrator for a sign-in with the role you need.</p>
      <p><a href="/console/home">Go to the console home page</a></p>`,
  });
}
