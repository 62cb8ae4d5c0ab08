/**
 * Chromium for the HR console's browser tests: signed in already (the session cookie set in the
 * browser context, as the sign-in page would set it), with what went wrong on the page collected.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../../../../test/helpers/page-browser.js';
import { consoleSession, type ConsoleTestIssuer, type ConsoleSessionOptions } from './console-cookie.js';

/** A signed-in console page in its own Chromium. */
export interface ConsoleBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Script errors, console errors and failed subresources seen on the page (see {@link watchPageProblems}). */
  problems: string[];
  /** Closes Chromium. */
  close(): Promise<void>;
}

/**
 * Collects what should never happen on a console page: uncaught script errors, errors logged to
 * the console (a content security policy violation is one) and failed scripts, styles, images and
 * fetches.
 */
export function watchPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  // Forms shown again with errors answer 400 by design: only failed scripts, styles, images and fetches count.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document') problems.push(`${r.status()} ${r.url()}`);
  });
  return problems;
}

/**
 * Launches Chromium with a console session for an organisation of the test issuer (its issuer key
 * unless `role` says otherwise) and opens a page, its problems watched.
 *
 * @example
 * const hr = await openConsoleBrowser({ issuer, displayName: 'Hannah HR' });
 * await hr.page.goto(`${issuer.url}/console/issue`);
 * expect(hr.problems).toEqual([]);
 * await hr.close();
 */
export async function openConsoleBrowser(input: ConsoleSessionOptions & { issuer: ConsoleTestIssuer }): Promise<ConsoleBrowser> {
  const { issuer, ...options } = input;
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const session = consoleSession(issuer, options);
    await context.addCookies([{ name: 'sp_console', value: session.value, url: issuer.url, httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    return { browser, context, page, problems: watchPageProblems(page), close: () => browser.close() };
  } catch (err: unknown) {
    await browser.close();
    throw err;
  }
}

/** Opens a page in a fresh browser context (no cookies: signed out), runs `fn` with it, and always closes the context. */
export async function withFreshPage<T>(browser: Browser, fn: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}
