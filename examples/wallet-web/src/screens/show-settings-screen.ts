import { backLink, button, errorSummary, html, notificationBanner, textInput, warningCallout, type FieldError } from '@staff-passport/web-kit/browser';
import type { AppContext, Screen } from '../app/app-context.js';
import { problemScreen } from '../app/start-router.js';
import { downloadJson, fileDate } from '../lib/download-json.js';
import { technicalDetails } from '../lib/technical-details.js';
import { runBusy } from '../lib/run-busy.js';
import { takeFlash } from './lib/take-flash.js';

/**
 * "Your data": export the wallet (credentials and sharing log, encrypted with a password the
 * holder chooses, downloaded as a file) and delete everything (after a confirmation).
 */
export async function showSettingsScreen(ctx: AppContext): Promise<Screen> {
  return settingsScreen(ctx, await ctx.wallet.listHolders(), []);
}

function settingsScreen(ctx: AppContext, holders: string[], errors: FieldError[]): Screen {
  const flash = takeFlash(ctx);
  return {
    title: 'Your data',
    section: 'settings',
    hasErrors: errors.length > 0,
    content: html`${flash}
${errorSummary(errors)}
<h1>Your data</h1>
<p>Your credentials, your sharing log and your wallet key are kept only on this device. Nobody else can see them unless you share them.</p>
${holders.length > 0 ? technicalDetails([{ key: 'Your wallet identifier', value: holders.join(', '), id: 'holder-did' }]) : ''}
<h2 class="nhsuk-heading-m">Export your wallet</h2>
<p>Download a copy of your credentials and sharing log, protected by a password you choose.</p>
<p>Your wallet key cannot leave this device, so a copy cannot be used to share your credentials from another device. To use another device, ask for your credentials again.</p>
<form id="export-form" novalidate>
  ${textInput({
    id: 'export-password',
    type: 'password',
    label: 'Create a password for the file',
    hint: 'Use at least 8 characters. You will need it to open the file.',
    autocomplete: 'new-password',
    spellcheck: false,
    ...(errors[0]?.field === 'export-password' ? { error: errors[0].message } : {}),
  })}
  ${button({ text: 'Export your wallet', id: 'export-wallet' })}
</form>
<h2 class="nhsuk-heading-m">Delete everything</h2>
<p>Delete all your credentials, your sharing log and your wallet key from this device.</p>
${button({ text: 'Delete everything', variant: 'warning', href: '#/settings/delete', id: 'delete-everything' })}`,
    bind: (main) => {
      const form = main.querySelector<HTMLFormElement>('#export-form')!;
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const password = main.querySelector<HTMLInputElement>('#export-password')!.value;
        if (password.length < 8) {
          ctx.show(settingsScreen(ctx, holders, [{ field: 'export-password', message: password === '' ? 'Enter a password for the file' : 'The password must be 8 characters or more' }]));
          return;
        }
        void runBusy(form, 'Preparing your file', () => ctx.wallet.exportWallet({ passphrase: password })).then(
          (file) => {
            downloadJson(`staff-passport-wallet-${fileDate()}.json`, file);
            ctx.session.flash = notificationBanner({ success: true, title: 'Exported', content: 'Your wallet has been downloaded. Keep the file and its password safe' });
            ctx.navigate('#/settings');
          },
          () => ctx.show(problemScreen()),
        );
      });
    },
  };
}

/** "Delete everything?": a warning, then every key, credential and log entry deleted, and the empty wallet. */
export async function showDeleteEverythingScreen(ctx: AppContext): Promise<Screen> {
  const count = (await ctx.wallet.listCredentials()).length;
  return {
    title: 'Delete everything?',
    section: 'settings',
    content: html`${backLink('#/settings')}
<h1>Delete everything?</h1>
${warningCallout(
  'You cannot undo this',
  html`<p>${count === 0 ? 'Your sharing log and your wallet key' : count === 1 ? 'Your credential, your sharing log and your wallet key' : `All ${count} of your credentials, your sharing log and your wallet key`} will be deleted from this device. The organisations that gave you credentials are not told.</p>
<p>To keep a copy, export your wallet first.</p>`,
)}
<form id="delete-everything-form" novalidate>
  <div class="nhsuk-button-group">
    ${button({ text: 'Yes, delete everything', variant: 'warning', id: 'confirm-delete-everything' })}
    <a class="nhsuk-link" href="#/settings">No, keep my wallet</a>
  </div>
</form>`,
    bind: (main) => {
      const form = main.querySelector<HTMLFormElement>('#delete-everything-form')!;
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        void runBusy(form, 'Deleting everything', () => ctx.wallet.deleteEverything()).then(
          () => {
            ctx.session.statuses.clear();
            ctx.session.pending = [];
            delete ctx.session.offer;
            delete ctx.session.request;
            delete ctx.session.shared;
            ctx.session.flash = notificationBanner({ success: true, title: 'Everything deleted', content: 'Your wallet is empty' });
            ctx.navigate('#/');
          },
          () => ctx.show(problemScreen()),
        );
      });
    },
  };
}
