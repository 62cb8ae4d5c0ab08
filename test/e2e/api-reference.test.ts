/**
 * The interactive API reference at `/docs/api` of both services (issue 21, item 5), in Chromium:
 * served from the installed package (no request leaves the service), working under the page's
 * content security policy (no violation), listing every operation of the generated document, and
 * "Try it out" calling the same origin. axe-core checks WCAG 2.2 AA on the page as rendered.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { runAxe, saveScreenshot, withChromium } from '../helpers/page-browser.js';
import { startServices, type Services } from '../helpers/start-services.js';

let services: Services;

beforeAll(async () => {
  services = await startServices();
}, 120_000);
afterAll(async () => {
  await services.close();
});

interface Watched {
  offOrigin: string[];
  cspViolations: string[];
  pageErrors: string[];
}

function watch(page: Page, origin: string): Watched {
  const watched: Watched = { offOrigin: [], cspViolations: [], pageErrors: [] };
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:')) watched.offOrigin.push(url);
  });
  page.on('console', (msg) => {
    if (/content security policy/i.test(msg.text())) watched.cspViolations.push(msg.text());
  });
  page.on('pageerror', (err) => watched.pageErrors.push(err.message));
  return watched;
}

describe.each([
  ['issuer', () => services.issuerUrl],
  ['verifier', () => services.verifierUrl],
])('the %s', (name, urlOf) => {
  it('renders every operation of its document offline under its policy, and "Try it out" calls this origin', async () => {
    const url = urlOf();
    const doc = (await (await fetch(`${url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    await withChromium(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const watched = watch(page, url);
      // Injected through the DevTools protocol, so the page's own policy does not apply to it.
      await page.addInitScript(() => {
        const seen: string[] = [];
        (globalThis as unknown as { cspViolations: string[] }).cspViolations = seen;
        document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      await page.goto(`${url}/docs/api`);
      await page.waitForSelector('.opblock', { timeout: 60_000 });
      expect(await page.locator('.opblock').count()).toBe(operations);
      expect(await page.title()).toContain(name);

      // Open /healthz and try it: the call goes to this origin and its answer is shown.
      const health = page.locator('.opblock', { has: page.locator('[data-path="/healthz"]') }).first();
      await health.locator('.opblock-summary').first().click();
      await health.getByRole('button', { name: /try it out/i }).click();
      const answered = page.waitForResponse((res) => res.url() === `${url}/healthz`);
      await health.getByRole('button', { name: /execute/i }).click();
      expect((await answered).status()).toBe(200);
      await health.locator('.responses-wrapper .live-responses-table').waitFor({ timeout: 30_000 });
      expect(await health.locator('.live-responses-table').innerText()).toContain('ok');

      // An operation with a body shows its request body and its answers, each with an example and a schema.
      const post = page.locator('.opblock-post', { has: page.locator('.opblock-summary-method') }).first();
      await post.locator('.opblock-summary').first().click();
      await post.locator('.opblock-body').waitFor();
      const text = await post.locator('.opblock-body').innerText();
      expect(text).toContain('Request body');
      expect(text).toContain('Example Value');
      expect(text).toMatch(/\b4\d\d\b/);
      await post.getByRole('tab', { name: 'Schema' }).first().click();
      await post.locator('.json-schema-2020-12').first().waitFor();
      await saveScreenshot(page, `api-reference-${name}`);
      expect(watched.offOrigin).toEqual([]);
      expect(watched.cspViolations).toEqual([]);
      expect(await page.evaluate(() => (globalThis as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
      expect(watched.pageErrors).toEqual([]);
      const violations = await runAxe(page);
            expect(violations).toEqual([]);
    });
  }, 180_000);
});
