/**
 * Real-browser checks for our pages: Debian's Chromium through playwright-core, axe-core for
 * WCAG 2.2 AA, and screenshots kept as test artefacts (`test-artifacts/screenshots/`, which CI
 * keeps and git ignores).
 *
 * @example
 * await withChromium(async (browser) => {
 *   const page = await browser.newPage();
 *   await page.goto(url);
 *   await expectNoAxeViolations(page, 'sign-in page');
 *   await saveScreenshot(page, 'console-sign-in');
 * });
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where CI installs Debian's chromium. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Screenshots of each step, kept by CI as artefacts. */
export const SCREENSHOT_DIR = join(fileURLToPath(new URL('../..', import.meta.url)), 'test-artifacts', 'screenshots');

/** The phone the web wallet is designed for (CSS pixels). */
export const PHONE_VIEWPORT = { width: 390, height: 844 };

/** A desktop browser window (CSS pixels), the other size our pages are checked at. */
export const DESKTOP_VIEWPORT = { width: 1280, height: 900 };

/** axe-core rule tags checked: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * Launches headless Chromium (Debian's, never a downloaded one).
 *
 * @throws Error when Chromium is missing: these tests must run, not skip.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH. The browser tests do not skip.`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** Launches Chromium, runs `fn`, and always closes the browser. */
export async function withChromium<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launchChromium();
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}

/** One axe violation, trimmed to what a failure message needs. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.2 A and AA rules) on the page as it is now and returns the violations.
 * axe is injected through the DevTools protocol, so the page's content security policy stays on.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.evaluate(axe.source);
  return page.evaluate(async (tags) => {
    const runner = (globalThis as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await runner.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, WCAG_TAGS);
}

/**
 * Fails (throws) when axe finds any WCAG 2.2 AA violation on the page, naming each rule and element.
 *
 * @throws Error listing the violations.
 */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const violations = await runAxe(page);
  if (violations.length > 0) {
    throw new Error(`axe found ${violations.length} violation(s) on ${label} (${page.url()}):\n${violations.map((v) => `- ${v.id} (${v.impact}): ${v.help}\n    ${v.targets.join('\n    ')}`).join('\n')}`);
  }
}

/** Saves a full-page screenshot as `test-artifacts/screenshots/{name}.png` and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Checks a page works without a mouse: tabbing from the top reaches `selector` (an element the
 * user must be able to operate). Target sizes (WCAG 2.2, 2.5.8) are checked by axe's `target-size` rule.
 *
 * @throws Error when the element is not reached within `maxTabs` presses.
 */
export async function expectReachableByKeyboard(page: Page, selector: string, maxTabs = 60): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    const reached = await page.evaluate((sel) => {
      const el = document.activeElement;
      return el !== null && el.matches(sel);
    }, selector);
    if (reached) return;
  }
  throw new Error(`${selector} was not reached by ${maxTabs} presses of Tab on ${page.url()}`);
}

/**
 * Fails (throws) when the page scrolls sideways: `document.documentElement.scrollWidth` wider than
 * the window. The message names the last elements that stick out, so a failure says what to fix.
 *
 * @throws Error with the widths and the elements beyond the window's right edge.
 */
export async function expectNoSidewaysScroll(page: Page, label: string): Promise<void> {
  const found = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    sticking: Array.from(document.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth)
      .slice(-3)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${e.className}`),
  }));
  if (found.scroll > found.inner) {
    throw new Error(`${label} scrolls sideways: ${found.scroll} px wide in a ${found.inner} px window (${page.url()}); sticking out: ${found.sticking.join(', ')}`);
  }
}
