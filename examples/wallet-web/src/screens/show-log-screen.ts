import { button, html, notificationBanner, summaryList, tag, type TagColour } from '@staff-passport/web-kit/browser';
import type { CredentialDescription, SharingLogEntry } from '@staff-passport/wallet-sdk/browser';
import type { AppContext, Screen } from '../app/app-context.js';
import { problemScreen } from '../app/start-router.js';
import { downloadJson, fileDate } from '../lib/download-json.js';
import { claimLabel, formatDateTime, humanise } from '../lib/format-value.js';
import { counterpartyText } from '../lib/organisation-text.js';
import { credentialHref } from './lib/routes.js';
import { takeFlash } from './lib/take-flash.js';

const ACTIONS: Record<SharingLogEntry['action'], { tag: string; colour: TagColour; heading: (who: string) => string }> = {
  shared: { tag: 'Shared', colour: 'blue', heading: (who) => `Shared with ${who}` },
  refused: { tag: 'Not shared', colour: 'grey', heading: (who) => `Did not share with ${who}` },
  received: { tag: 'Received', colour: 'green', heading: (who) => `Received from ${who}` },
  rejected: { tag: 'Rejected', colour: 'orange', heading: (who) => `Rejected an offer from ${who}` },
  replaced: { tag: 'Replaced', colour: 'purple', heading: (who) => `Replaced by a renewal from ${who}` },
};

const CREDENTIALS_KEY: Record<SharingLogEntry['action'], string> = {
  shared: 'Credentials',
  refused: 'Credentials asked for',
  received: 'Credentials received',
  rejected: 'Credentials offered',
  replaced: 'Credential replaced',
};

/**
 * The sharing log, newest first: what was received, rejected, shared or refused, with whom, which
 * claims, why and when. "Download the log" saves it as JSON; each entry can be deleted.
 */
export async function showLogScreen(ctx: AppContext): Promise<Screen> {
  const flash = takeFlash(ctx);
  const entries = (await ctx.wallet.listSharingLog()).sort((a, b) => b.at.localeCompare(a.at));
  const descriptions = new Map<string, CredentialDescription>();
  for (const id of new Set(entries.flatMap((e) => e.credentialIds))) {
    const credential = await ctx.wallet.getCredential(id);
    if (credential) descriptions.set(id, await ctx.wallet.describeCredential(credential));
  }
  return {
    title: 'Sharing log',
    section: 'log',
    content: html`${flash}
<h1>Sharing log</h1>
<p>Everything you have received, rejected, shared or chosen not to share, and credentials replaced by a renewal, newest first. It is kept only on this device.</p>
${
  entries.length === 0
    ? html`<p class="nhsuk-body-l" id="log-empty">Nothing has been received or shared yet</p>`
    : html`<form id="download-form" novalidate>${button({ text: 'Download the log', variant: 'secondary', id: 'download-log' })}</form>
<ol class="nhsuk-list app-card-list" id="log-entries">
${entries.map((entry, i) => {
  const action = ACTIONS[entry.action];
  const who = entry.counterparty.organisation?.name ?? entry.counterparty.name ?? counterpartyText(entry.counterparty.id);
  const description = entry.credentialIds.map((id) => descriptions.get(id)).find(Boolean);
  const types = entry.credentialIds.map((id) => descriptions.get(id)?.title).filter(Boolean) as string[];
  const typeNames = types.length > 0 ? types : entry.credentialTypes.map(humanise);
  return html`<li class="app-card-list__item">
  <div class="nhsuk-card app-log-entry" data-action="${entry.action}">
    <div class="nhsuk-card__content">
      <p class="nhsuk-u-margin-bottom-2">${tag(action.tag, action.colour)}</p>
      <h2 class="nhsuk-card__heading nhsuk-heading-s" id="log-entry-${i}">${action.heading(who)}</h2>
      ${summaryList(
        [
          { key: 'When', value: formatDateTime(entry.at) },
          ...(entry.purpose ? [{ key: 'Why', value: entry.purpose }] : []),
          ...(typeNames.length > 0 ? [{ key: CREDENTIALS_KEY[entry.action], value: typeNames.join(', ') }] : []),
          ...(entry.claimsDisclosed.length > 0
            ? [{ key: 'Details shared', value: html`<ul class="nhsuk-list nhsuk-u-margin-bottom-0">${entry.claimsDisclosed.map((path) => html`<li>${claimLabel(path, description)}</li>`)}</ul>` }]
            : []),
          // The replaced credential stays on the device: its details are one link away.
          ...(entry.action === 'replaced' && entry.credentialIds[0] && descriptions.has(entry.credentialIds[0])
            ? [{ key: 'Replaced credential', value: html`<a class="app-replaced-link" href="${credentialHref(entry.credentialIds[0])}">See the replaced credential</a>` }]
            : []),
        ],
        { noBorder: true },
      )}
      <form class="app-delete-entry" data-entry="${entry.id}" novalidate>
        <button class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" data-module="nhsuk-button" type="submit" aria-describedby="log-entry-${i}">Delete this entry</button>
      </form>
    </div>
  </div>
</li>`;
})}
</ol>`
}`,
    bind: (main) => {
      main.querySelector<HTMLFormElement>('#download-form')?.addEventListener('submit', (event) => {
        event.preventDefault();
        void ctx.wallet.exportSharingLog().then(
          (file) => downloadJson(`sharing-log-${fileDate()}.json`, file),
          () => ctx.show(problemScreen()),
        );
      });
      for (const form of Array.from(main.querySelectorAll<HTMLFormElement>('.app-delete-entry'))) {
        form.addEventListener('submit', (event) => {
          event.preventDefault();
          void ctx.wallet.deleteSharingLogEntry(form.dataset['entry']!).then(
            () => {
              ctx.session.flash = notificationBanner({ success: true, title: 'Deleted', content: 'The entry has been deleted from your sharing log' });
              ctx.navigate('#/log');
            },
            () => ctx.show(problemScreen()),
          );
        });
      }
    },
  };
}
