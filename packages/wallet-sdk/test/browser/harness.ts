/**
 * Runs wallet code in a real Chromium: bundles the wallet SDK's browser entry (and
 * wallet-page-entry.ts) with esbuild, serves it from 127.0.0.1 (a real origin, so IndexedDB and
 * WebCrypto behave as on a web site; file:// would not), and drives the page with playwright-core.
 *
 * @example
 * await withBrowser(async (browser) => {
 *   const page = await openWalletPage(browser);
 *   const did = await page.evaluate(async () => (await walletApi().openBrowserWallet()).wallet.createHolder());
 * });
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import type { WalletPageApi } from './wallet-page-entry.js';

let bundled: Promise<string> | undefined;

/** The page bundle (built once per test file). */
export function bundleWalletPage(): Promise<string> {
  bundled ??= build({
    entryPoints: [fileURLToPath(new URL('./wallet-page-entry.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@staff-passport/source', 'browser'],
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return bundled;
}

/** Serves the test page and its bundle on 127.0.0.1, port 0. */
export async function serveWalletPage(): Promise<{ url: string; server: Server }> {
  const script = await bundleWalletPage();
  const server = createServer((req, res) => {
    if (req.url === '/wallet.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(script);
    } else if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><meta charset="utf-8"><title>wallet test</title><script type="module" src="/wallet.js"></script>');
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

/** Debian's Chromium, launched as every browser test launches it (see test/helpers/page-browser.ts). */
export { launchChromium as launchBrowser, withChromium as withBrowser } from '../../../../test/helpers/page-browser.js';

/** A page of the wallet test origin, loaded and ready (`globalThis.sp` set). */
export interface WalletPage {
  page: Page;
  /** The origin the page was served from. */
  url: string;
  /** Reloads the page (IndexedDB persists; memory does not) and waits for the bundle again. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the wallet test page in a new browser context (its own IndexedDB). Close it when done: it
 * stops the page's server too.
 */
export async function openWalletPage(browser: Browser): Promise<WalletPage> {
  const { url, server } = await serveWalletPage();
  const context = await browser.newContext();
  const page = await context.newPage();
  const ready = async (): Promise<void> => {
    await page.waitForFunction(() => 'sp' in globalThis);
  };
  await page.goto(url);
  await ready();
  return {
    page,
    url,
    async reload() {
      await page.reload();
      await ready();
    },
    async close() {
      await context.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** In page code: the wallet API the page entry put on `globalThis` (typed; only call inside `page.evaluate`). */
export type PageApi = WalletPageApi;
