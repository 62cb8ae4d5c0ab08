// The web wallet: reads config.json, opens the wallet in IndexedDB, routes between the screens and
// registers the service worker that lets the app start offline.
import 'nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css';
import './styles.css';
import { html } from '@staff-passport/web-kit/browser';
import { createTrustRegistryLookup, openBrowserWallet, type OrganisationLookup } from '@staff-passport/wallet-sdk/browser';
import { initAll } from 'nhsuk-frontend';
import type { AppContext, Screen } from './app/app-context.js';
import { loadAppConfig, type AppConfig } from './app/load-app-config.js';
import { renderScreen, startRouter, type Route } from './app/start-router.js';
import { showAddScreen } from './screens/show-add-screen.js';
import { showCollectScreen } from './screens/show-collect-screen.js';
import { showCollectedScreen } from './screens/show-collected-screen.js';
import { showCredentialScreen, showDeleteCredentialScreen } from './screens/show-credential-screen.js';
import { showHomeScreen } from './screens/show-home-screen.js';
import { showLogScreen } from './screens/show-log-screen.js';
import { showOfferScreen } from './screens/show-offer-screen.js';
import { showRespondScreen } from './screens/show-respond-screen.js';
import { showShareScreen } from './screens/show-share-screen.js';
import { showSharedScreen } from './screens/show-shared-screen.js';
import { showDeleteEverythingScreen, showSettingsScreen } from './screens/show-settings-screen.js';

const ROUTES: Route[] = [
  ['/', showHomeScreen],
  ['/credentials/:id', showCredentialScreen],
  ['/credentials/:id/delete', showDeleteCredentialScreen],
  ['/add', showAddScreen],
  ['/add/offer', showOfferScreen],
  ['/collect', showCollectScreen],
  ['/collect/done', showCollectedScreen],
  ['/share', showRespondScreen],
  ['/share/request', showShareScreen],
  ['/share/done', showSharedScreen],
  ['/log', showLogScreen],
  ['/settings', showSettingsScreen],
  ['/settings/delete', showDeleteEverythingScreen],
];

async function showNotFound(): Promise<Screen> {
  return {
    title: 'Page not found',
    content: html`<h1>Page not found</h1><p>Go to <a href="#/">your credentials</a>.</p>`,
  };
}

async function start(): Promise<void> {
  // What the NHS.UK template's inline script does (inline scripts are not allowed here): the
  // frontend's components only start on a body that says JavaScript runs.
  document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
  initAll(document.querySelector('header'));

  const config = await loadAppConfig();
  let opened;
  try {
    opened = await openBrowserWallet({
      allowHttpLoopback: config.allowHttpLoopback,
      ...(config.trustRegistryUrl && config.trustRegistryKeys ? { findOrganisation: lookupOrNothing(config.trustRegistryUrl, config.trustRegistryKeys) } : {}),
    });
  } catch {
    renderScreen(
      {
        title: 'Your wallet cannot open in this browser',
        content: html`<h1>Your wallet cannot open in this browser</h1>
<p>The wallet keeps your credentials in this browser's storage, which is not available. It may be turned off, or the browser may be in private mode.</p>
<p>Try again in a normal browser window.</p>`,
      },
      { focus: false },
    );
    return;
  }
  const ctx: AppContext = {
    wallet: opened.wallet,
    config,
    session: { pending: [], statuses: new Map() },
    navigate: () => undefined,
    show: () => undefined,
  };
  takeSignInAnswer(ctx);
  startRouter(ctx, ROUTES, showNotFound);
}

/**
 * The trust registry lookup, where a registry that cannot be fetched or does not verify names
 * nobody: offers and requests still open, showing "Not in the trust registry" (never a name the
 * wallet could not check).
 */
function lookupOrNothing(url: string, keys: NonNullable<AppConfig['trustRegistryKeys']>): OrganisationLookup {
  const lookup = createTrustRegistryLookup({ url, keys, fetch: (input, init) => globalThis.fetch(input, init) });
  return async (didOrIdentifier) => {
    try {
      return await lookup(didOrIdentifier);
    } catch {
      return undefined;
    }
  };
}

/**
 * Back from an organisation's sign-in, the browser is at the wallet's address with the answer in
 * the query (`?code=...&state=...&iss=...`, or `?error=...`): it is kept for the collected screen,
 * and the address cleaned, so that a reload or the back button never sends the code again.
 */
function takeSignInAnswer(ctx: AppContext): void {
  const query = new URLSearchParams(location.search);
  if (!query.has('state') && !query.has('error')) return;
  ctx.session.collectionReturn = location.href;
  history.replaceState(null, '', `${location.pathname}#/collect/done`);
}

function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  // After the first screen: the worker's install (fetching the app shell) never slows the start.
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  });
}

registerServiceWorker();
void start();
