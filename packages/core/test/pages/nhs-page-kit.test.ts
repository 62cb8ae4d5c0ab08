import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import {
  button,
  checkboxes,
  errorSummary,
  escapeHtml,
  html,
  insetText,
  nhsukAssets,
  notificationBanner,
  pageSecurityHeaders,
  radios,
  rawHtml,
  renderNhsPage,
  selectField,
  summaryList,
  table,
  tag,
  textInput,
  textarea,
  warningCallout,
  backLink,
} from '../../src/index.js';
import { expectNoAxeViolations, expectReachableByKeyboard, withChromium } from '../../../../test/helpers/page-browser.js';

describe('html', () => {
  it('escapes interpolated text and keeps SafeHtml', () => {
    const name = '<script>alert("x")</script>';
    expect(html`<p>${name}</p>`.value).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
    expect(html`<p>${rawHtml('<b>ok</b>')}</p>`.value).toBe('<p><b>ok</b></p>');
    expect(html`${[1, 2]}${undefined}${null}${false}`.value).toBe('12');
    expect(escapeHtml(`'&`)).toBe('&#39;&amp;');
  });
});

describe('the NHS.UK page kit in Chromium', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const app = express();
    app.use(nhsukAssets());
    app.get('/form', pageSecurityHeaders(), (_req, res) => {
      const errors = [
        { field: 'familyName', message: 'Enter a family name' },
        { field: 'action', message: 'Choose what to do' },
      ];
      res.type('html').send(
        renderNhsPage({
          title: 'Kit',
          serviceName: 'Staff Passport test',
          navigation: [
            { text: 'Home', href: '/form', current: true },
            { text: 'Audit', href: '/audit' },
          ],
          beforeContent: backLink('/'),
          hasErrors: true,
          content: html`${errorSummary(errors)}
            ${notificationBanner({ success: true, content: 'Credential issued' })}
            <h1 class="nhsuk-heading-l">Kit</h1>
            <form method="post" novalidate>
              ${textInput({ id: 'familyName', label: 'Family name', hint: 'As on their passport', error: 'Enter a family name', value: '<x>' })}
              ${textarea({ id: 'reason', label: 'Reason' })}
              ${selectField({ id: 'type', label: 'Type', placeholder: 'Choose a type', choices: [{ value: 'a', text: 'A' }] })}
              ${radios({ id: 'action', label: 'What do you want to do?', error: 'Choose what to do', choices: [{ value: 'revoke', text: 'Revoke', hint: 'For good' }, { value: 'suspend', text: 'Suspend' }] })}
              ${checkboxes({ id: 'claims', label: 'Claims', choices: [{ value: 'name', text: 'Name' }], value: ['name'] })}
              ${button({ text: 'Save', id: 'save' })}
            </form>
            ${summaryList([{ key: 'Status', value: tag('Active', 'green') }])}
            ${table({ caption: 'Credentials', head: ['Name', 'Type'], rows: [['A', 'B']] })}
            ${insetText('A note')}
            ${warningCallout('Take care', 'This cannot be undone')}`,
        }),
      );
    });
    await new Promise<void>((resolve) => {
      server = app.listen(0, '127.0.0.1', () => resolve());
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('renders every component with no axe violations, with its CSS and JavaScript loaded under the CSP', async () => {
    await withChromium(async (browser) => {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      const res = await page.goto(`${url}/form`);
      expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
      await expect(page.title()).resolves.toBe('Error: Kit - Staff Passport test');
      // The frontend's script ran (js-enabled from the hashed inline script; the error summary took focus).
      await page.waitForFunction(() => document.body.classList.contains('nhsuk-frontend-supported'));
      await page.waitForFunction(() => document.querySelector('[data-module="nhsuk-error-summary"][data-nhsuk-error-summary-init]') !== null);
      const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.nhsuk-header')!).backgroundColor);
      expect(bg).toBe('rgb(0, 94, 184)');
      await expectNoAxeViolations(page, 'the kit page');
      await expectReachableByKeyboard(page, '#save');
      expect(problems).toEqual([]);
    });
  });
});
