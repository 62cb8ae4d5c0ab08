import { html, rawHtml, type SafeHtml } from './html.js';
import { JS_ENABLED_SCRIPT, NHSUK_ASSETS_PATH } from './nhsuk-assets.js';

/** A link in the header's navigation. */
export interface NavigationItem {
  text: string;
  href: string;
  /** Marks the link as the current section (`aria-current`). */
  current?: boolean;
}

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
        </ul>
      </div>
    </nav>`;
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
