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
} from '../src/index.js';
// The web wallet takes the kit from the browser entry (errorFor is not in the package index yet).
import { errorFor, html as browserHtml, textInput as browserTextInput } from '../src/browser.js';
import { expectNoAxeViolations, expectReachableByKeyboard, withChromium } from '../../../test/helpers/page-browser.js';

describe('html', () => {
  it('escapes interpolated text and keeps SafeHtml', () => {
    const name = '<script>alert("x")</script>';
    expect(html`<p>${name}</p>`.value).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
    expect(html`<p>${rawHtml('<b>ok</b>')}</p>`.value).toBe('<p><b>ok</b></p>');
    expect(html`${[1, 2]}${undefined}${null}${false}`.value).toBe('12');
    expect(escapeHtml(`'&`)).toBe('&#39;&amp;');
  });
});

describe('component options', () => {
  it('is the same kit through the browser entry', () => {
    expect(browserHtml).toBe(html);
    expect(browserTextInput).toBe(textInput);
  });

  it('finds a field\'s error message', () => {
    const errors = [{ field: 'pin', message: 'Enter the PIN' }];
    expect(errorFor(errors, 'pin')).toBe('Enter the PIN');
    expect(errorFor(errors, 'name')).toBeUndefined();
  });

  it('keeps the default markup when the added options are not used', () => {
    const group = radios({ id: 'a', label: 'Pick', choices: [{ value: 'x', text: 'X' }, { value: 'y', text: 'Y' }], value: 'y' }).value;
    expect(group).toContain('<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Pick</legend>');
    expect(group).toContain('id="a" name="a" type="radio" value="x">');
    expect(group).toContain('id="a-2" name="a" type="radio" value="y" checked>');
    expect(radios({ id: 'a', label: 'Pick', legendIsPageHeading: true, choices: [] }).value).toContain('<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--l"><h1 class="nhsuk-fieldset__heading">Pick</h1></legend>');
    expect(textarea({ id: 'r', label: 'Reason' }).value).toContain('<textarea class="nhsuk-textarea" id="r" name="r" rows="5"></textarea>');
    expect(summaryList([]).value).toMatch(/^<dl class="nhsuk-summary-list">/);
  });

  it('takes markup labels, per-choice ids and checked, a legend size, textarea typing hints and a borderless summary list', () => {
    const group = checkboxes({
      id: 'c-1',
      name: 'c',
      label: html`Choose <em>what</em>`,
      legendSize: 'm',
      choices: [
        { id: 'c-1', value: '1', text: html`Name ${tag('Required', 'blue')}`, hint: '<Ada>', checked: true },
        { id: 'c-4', value: '4', text: 'Email' },
      ],
    }).value;
    expect(group).toContain('<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Choose <em>what</em></legend>');
    expect(group).toContain('id="c-1" name="c" type="checkbox" value="1" checked aria-describedby="c-1-item-hint">');
    expect(group).toContain('<label class="nhsuk-label nhsuk-checkboxes__label" for="c-1">Name <strong class="nhsuk-tag nhsuk-tag--blue">Required</strong></label>');
    expect(group).toContain('id="c-1-item-hint">&lt;Ada&gt;</div>');
    expect(group).toContain('id="c-4" name="c" type="checkbox" value="4">');
    expect(textarea({ id: 'link', label: 'Link', rows: 4, spellcheck: false, autocapitalize: 'off', autocomplete: 'off' }).value).toContain(
      'rows="4" spellcheck="false" autocapitalize="off" autocomplete="off">',
    );
    expect(summaryList([], { noBorder: true }).value).toMatch(/^<dl class="nhsuk-summary-list nhsuk-summary-list--no-border">/);
    expect(button({ text: html`Share <span class="nhsuk-u-visually-hidden">with the desk</span>` }).value).toContain('>Share <span class="nhsuk-u-visually-hidden">with the desk</span></button>');
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
              ${checkboxes({ id: 'share-0', name: 'share', label: html`Choose <em>what</em> to share`, legendSize: 'm', choices: [{ id: 'share-0', value: '0', text: html`Name ${tag('Required', 'blue')}`, hint: 'Ada', checked: true }, { id: 'share-3', value: '3', text: 'Email' }] })}
              ${textarea({ id: 'link', label: 'Link', rows: 4, spellcheck: false, autocapitalize: 'off', autocomplete: 'off' })}
              ${button({ text: 'Save', id: 'save' })}
            </form>
            ${summaryList([{ key: 'Status', value: tag('Active', 'green') }])}
            ${summaryList([{ key: 'When', value: 'Today' }], { noBorder: true })}
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
