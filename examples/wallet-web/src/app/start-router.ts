// A small hash router: `#/credentials/{id}` style routes, each shown by one screen function. Hashes
// that are not routes (the skip link's `#maincontent`, an error summary's `#offer-pin`) are anchors
// in the page and are left alone.
import { button, html } from '@staff-passport/web-kit/browser';
import { initAll } from 'nhsuk-frontend';
import type { AppContext, Screen, ScreenFunction, ScreenSection } from './app-context.js';

/** A route: a path pattern with `:name` parameters, and its screen. */
export type Route = [pattern: string, screen: ScreenFunction];

const SERVICE_NAME = 'Staff Passport wallet';

/** Whether a hash names a route (`#/...`, or none: the home screen). */
function isRoute(hash: string): boolean {
  return hash === '' || hash === '#' || hash.startsWith('#/');
}

function compile(pattern: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = pattern.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { regex: new RegExp(`^${source}$`), names };
}

/**
 * Puts a screen in `<main>`: the document title, the current section in the header, the
 * frontend's components started, the screen's own listeners; focus on the heading (or the error
 * summary, which the frontend focuses) so a screen reader starts at the new content.
 */
export function renderScreen(screen: Screen, options: { focus: boolean }): void {
  const main = document.getElementById('maincontent')!;
  document.title = `${screen.hasErrors ? 'Error: ' : ''}${screen.title} - ${SERVICE_NAME}`;
  main.innerHTML = screen.content.value;
  markSection(screen.section);
  initAll(main);
  screen.bind?.(main);
  if (!options.focus) return;
  window.scrollTo(0, 0);
  if (main.querySelector('.nhsuk-error-summary')) return;
  const heading = main.querySelector<HTMLElement>('h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

function markSection(section: ScreenSection | undefined): void {
  for (const item of Array.from(document.querySelectorAll<HTMLElement>('[data-section]'))) {
    const current = item.dataset['section'] === section;
    item.classList.toggle('nhsuk-header__navigation-item--current', current);
    const link = item.querySelector('a');
    if (current) link?.setAttribute('aria-current', 'page');
    else link?.removeAttribute('aria-current');
  }
}

/**
 * Starts routing: shows the screen of the current hash now and on every change. `ctx.navigate`
 * and `ctx.show` are filled in here.
 */
export function startRouter(ctx: AppContext, routes: readonly Route[], notFound: ScreenFunction): void {
  const compiled = routes.map(([pattern, screen]) => ({ ...compile(pattern), screen }));
  let shown = 0;
  let first = true;

  const showRoute = async (): Promise<void> => {
    const hash = location.hash;
    if (!isRoute(hash)) return;
    const ticket = ++shown;
    const [path = '/', queryText = ''] = (hash.replace(/^#/, '') || '/').split('?');
    const query = new URLSearchParams(queryText);
    let screen: Screen | undefined;
    try {
      const match = compiled.map((r) => ({ r, m: r.regex.exec(path) })).find((x) => x.m !== null);
      const params = match ? Object.fromEntries(match.r.names.map((n, i) => [n, decodeURIComponent(match.m![i + 1]!)])) : {};
      screen = await (match ? match.r.screen : notFound)(ctx, params, query);
    } catch {
      screen = problemScreen();
    }
    // A later navigation won: its screen is the one to show.
    if (ticket !== shown || !screen) return;
    renderScreen(screen, { focus: !first });
    first = false;
  };

  ctx.navigate = (route: string) => {
    if (location.hash === route) void showRoute();
    else location.hash = route;
  };
  ctx.show = (screen: Screen) => {
    shown++;
    renderScreen(screen, { focus: true });
    first = false;
  };
  window.addEventListener('hashchange', () => void showRoute());
  void showRoute();
}

/** "Sorry, there is a problem with the wallet": for a failure the holder can only retry (storage, a bug). */
export function problemScreen(): Screen {
  return {
    title: 'Sorry, there is a problem with the wallet',
    content: html`<h1>Sorry, there is a problem with the wallet</h1>
<p>Try again. Your credentials are still on this device.</p>
${button({ text: 'Go to your credentials', href: '#/' })}`,
  };
}
