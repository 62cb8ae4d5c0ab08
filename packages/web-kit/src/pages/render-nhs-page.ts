import { html, rawHtml, type SafeHtml } from './html.js';
import { JS_ENABLED_SCRIPT, NHSUK_ASSETS_PATH } from './nhsuk-assets.js';

/** A link in the header's navigation. */
export interface NavigationItem {
  text: string;
  href: string;
  /** Marks the link as the current section (`aria-current`). */
  current?: boolean;
}

/**
 * An item of the header's account area (nhsuk-frontend 10's header `account`): text (who is signed
 * in, with the user icon), a link, or a button posting a form (sign out, with its hidden fields).
 */
export type AccountItem =
  | { text: string; icon?: boolean }
  | { text: string; href: string }
  | { text: string; action: string; hiddenFields?: Readonly<Record<string, string>> };

/** Options for {@link renderNhsPage}. */
export interface NhsPageOptions {
  /** The page's own title: the document title is `"{title} - {serviceName}"` (prefixed "Error: " when `hasErrors`). */
  title: string;
  /** The service name in the header (for example "Staff Passport HR console"). */
  serviceName: string;
  /** Where the service name links (default `/`). */
  serviceHref?: string;
  /** Header navigation. */
  navigation?: NavigationItem[];
  /** The header's account area (who is signed in, sign out). */
  account?: AccountItem[];
  /** Markup before `<main>` (a back link or breadcrumbs). */
  beforeContent?: SafeHtml;
  /** The content of `<main>`. */
  content: SafeHtml;
  /** Extra markup in `<head>` (a manifest link, meta refresh). */
  head?: SafeHtml;
  /** Extra scripts at the end of the body (same-origin `src` only: the content security policy refuses inline scripts). */
  scripts?: string[];
  /** The page shows a form's errors: the title gets "Error: " (NHS.UK error summary guidance). */
  hasErrors?: boolean;
}

/**
 * A whole HTML page in the NHS.UK frontend's template: skip link, header with the service name and
 * navigation, `<main id="maincontent">`, footer, the frontend's CSS and JavaScript.
 *
 * @example
 * res.type('html').send(renderNhsPage({ title: 'Sign in', serviceName: 'Staff Passport HR console', content: html`<h1>Sign in</h1>` }));
 */
export function renderNhsPage(options: NhsPageOptions): string {
  const { title, serviceName, navigation = [], content } = options;
  const serviceHref = options.serviceHref ?? '/';
  const nav =
    navigation.length === 0
      ? ''
      : html`<nav class="nhsuk-header__navigation" aria-label="Menu">
      <div class="nhsuk-header__navigation-container nhsuk-width-container">
        <ul class="nhsuk-header__navigation-list">
          ${navigation.map(
            (item) =>
              html`<li class="nhsuk-header__navigation-item${item.current ? ' nhsuk-header__navigation-item--current' : ''}"><a class="nhsuk-header__navigation-link" href="${item.href}"${item.current ? html` aria-current="page"` : ''}>${item.text}</a></li>`,
          )}
          <li class="nhsuk-header__menu" hidden>
            <button class="nhsuk-header__menu-toggle nhsuk-header__navigation-link" id="toggle-menu" aria-expanded="false"><span class="nhsuk-u-visually-hidden">Browse </span>More</button>
          </li>
        </ul>
      </div>
    </nav>`;
  const account =
    options.account && options.account.length > 0
      ? html`<nav class="nhsuk-header__account" aria-label="Account">
        <ul class="nhsuk-header__account-list">
          ${options.account.map((item) => html`<li class="nhsuk-header__account-item">${accountItem(item)}</li>`)}
        </ul>
      </nav>`
      : '';
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${options.hasErrors ? 'Error: ' : ''}${title} - ${serviceName}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
  <meta name="theme-color" content="#005eb8">
  <link rel="icon" href="${NHSUK_ASSETS_PATH}/assets/images/favicon.svg" sizes="any" type="image/svg+xml">
  <link rel="stylesheet" href="${NHSUK_ASSETS_PATH}/nhsuk-frontend.min.css">
  ${options.head}
</head>
<body>
  <script>${rawHtml(JS_ENABLED_SCRIPT)}</script>
  <a class="nhsuk-skip-link" href="#maincontent" data-module="nhsuk-skip-link">Skip to main content</a>
  <header class="nhsuk-header" data-module="nhsuk-header" role="banner">
    <div class="nhsuk-header__container nhsuk-width-container">
      <div class="nhsuk-header__service">
        <a class="nhsuk-header__service-name" href="${serviceHref}">${serviceName}</a>
      </div>
      ${account}
    </div>
    ${nav}
  </header>
  <div class="nhsuk-width-container">
    ${options.beforeContent}
    <main class="nhsuk-main-wrapper" id="maincontent">
      ${content}
    </main>
  </div>
  <footer class="nhsuk-footer" role="contentinfo">
    <div class="nhsuk-footer__meta">
      <div class="nhsuk-width-container">
        <p class="nhsuk-body-s">Staff Passport: open, vendor-neutral digital staff passport (W3C Verifiable Credentials).</p>
      </div>
    </div>
  </footer>
  <script type="module" src="${NHSUK_ASSETS_PATH}/init.js"></script>
  ${(options.scripts ?? []).map((src) => html`<script type="module" src="${src}"></script>`)}
</body>
</html>`;
  return page.value;
}

// The user icon of nhsuk-frontend 10's header account (its `nhsukIcon("user")`).
const USER_ICON = html`<svg class="nhsuk-icon nhsuk-icon--user" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true"><path d="M12 1a11 11 0 1 1 0 22 11 11 0 0 1 0-22Zm0 2a9 9 0 0 0-5 16.5V18a4 4 0 0 1 4-4h2a4 4 0 0 1 4 4v1.5A9 9 0 0 0 12 3Zm0 3a3.5 3.5 0 1 1-3.5 3.5A3.4 3.4 0 0 1 12 6Z"/></svg>`;

function accountItem(item: AccountItem): SafeHtml {
  if ('href' in item) return html`<a class="nhsuk-header__account-link" href="${item.href}">${item.text}</a>`;
  if ('action' in item) {
    const hidden = Object.entries(item.hiddenFields ?? {}).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
    return html`<form class="nhsuk-header__account-form" action="${item.action}" method="post" novalidate>${hidden}<button class="nhsuk-header__account-button">${item.text}</button></form>`;
  }
  return html`${item.icon ? USER_ICON : ''}${item.text}`;
}
