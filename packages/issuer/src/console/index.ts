// The HR console's public surface, for the lead to wire into the package index.
export { createConsoleRouter } from './create-console-router.js';
export type { ConsoleRouterOptions } from './create-console-router.js';
export { SESSION_COOKIE, SESSION_TTL_MS, checkCsrf, clearConsoleSession, consoleCallerOf, readConsoleSession, requireConsoleSession, setConsoleSession } from './console-session.js';
export type { ConsoleCaller, ConsoleSession } from './console-session.js';
export { CONSOLE_NAME, csrfField, sendConsolePage } from './render-console-page.js';
export type { ConsolePageOptions, ConsoleSection } from './render-console-page.js';
export { CONSOLE_ROLES, hasConsoleRole, sendForbidden } from './lib/console-roles.js';
export { OIDC_SCOPE, OIDC_SIGN_IN_TTL_MS, finishOidcSignIn, startOidcSignIn } from './sign-in/oidc-sign-in.js';
export type { OidcCallbackQuery, OidcSignInOptions, OidcSignInResult, OidcSignInState } from './sign-in/oidc-sign-in.js';
export { OIDC_STATE_COOKIE } from './sign-in/oidc-state-cookie.js';
export { countIssuedCredentials } from './credentials/count-issued-credentials.js';
export type { CredentialCounts } from './credentials/count-issued-credentials.js';
export { listAuditPage } from './audit/list-audit-page.js';
export type { AuditPageQuery } from './audit/list-audit-page.js';
