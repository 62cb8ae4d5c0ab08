/* global self, caches, fetch, Response, URL */
// The web wallet's service worker: keeps the app shell (the page, its script and styles, the
// manifest, icons and config.json) so the wallet starts with no network; everything else (issuers, verifiers,
// status lists, the trust registry) always goes to the network. The cache is versioned by build
// (the version is written in at build time): a new build installs beside the old one and, once it
// is active, the old cache is deleted.
const VERSION = '__BUILD_VERSION__';
const PREFIX = 'staff-passport-wallet-shell-';
const CACHE = `${PREFIX}${VERSION}`;
const SHELL = ['/', '/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png'];

/** The page's own scripts and styles (hashed file names under /assets/), read from the page. */
async function assetsOf(page) {
  const text = await page.clone().text();
  return [...text.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const page = await fetch('/', { cache: 'no-cache' });
      if (!page.ok) throw new Error(`the app shell answered ${page.status}`);
      await cache.put('/', page.clone());
      await cache.addAll([...SHELL.filter((url) => url !== '/'), ...(await assetsOf(page))]);
      // The configuration too, when there is one: started offline, the wallet keeps its settings.
      const config = await fetch('/config.json', { cache: 'no-cache' }).catch(() => undefined);
      if (config?.ok) await cache.put('/config.json', config);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Only our own GETs: issuers, verifiers and the registry are never answered from a cache.
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // The page: the network first (a new build shows at once), the kept shell when offline.
    event.respondWith(fetch(request).catch(async () => (await caches.match('/', { cacheName: CACHE })) ?? Response.error()));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // Hashed, so never changing: the kept copy first, else the network (and keep it).
    event.respondWith(
      (async () => {
        const kept = await caches.match(request, { cacheName: CACHE });
        if (kept) return kept;
        const response = await fetch(request);
        if (response.ok) await (await caches.open(CACHE)).put(request, response.clone());
        return response;
      })(),
    );
    return;
  }
  if (url.pathname === '/config.json') {
    // The configuration: the network first, the last one read when offline (kept as it arrives).
    event.respondWith(
      fetch(request)
        .then(async (response) => {
          if (response.ok) await (await caches.open(CACHE)).put('/config.json', response.clone());
          return response;
        })
        .catch(async () => (await caches.match('/config.json', { cacheName: CACHE })) ?? Response.error()),
    );
    return;
  }
  if (SHELL.includes(url.pathname)) {
    event.respondWith(fetch(request).catch(async () => (await caches.match(request, { cacheName: CACHE, ignoreSearch: true })) ?? Response.error()));
  }
  // Everything else goes to the network as usual.
});
