import { button, html, insetText, notificationBanner, type SafeHtml } from '@staff-passport/web-kit/browser';
import type { AppContext, Screen } from '../app/app-context.js';
import { expiryMarkup, issuerText, statusMarkup } from './lib/credential-standing.js';
import { credentialHref } from './lib/routes.js';
import { takeFlash } from './lib/take-flash.js';

/**
 * "Your credentials": a card per credential (type, issuing organisation, expiry, status when
 * checked), newest first; the empty state; credentials still to come from an issuer.
 */
export async function showHomeScreen(ctx: AppContext): Promise<Screen> {
  const flash = takeFlash(ctx);
  const stored = (await ctx.wallet.listCredentials()).sort((a, b) => b.storedAt.localeCompare(a.storedAt));
  const cards: SafeHtml[] = [];
  for (const credential of stored) {
    const description = await ctx.wallet.describeCredential(credential);
    const status = ctx.session.statuses.get(credential.id);
    cards.push(html`<li class="app-card-list__item">
  <div class="nhsuk-card nhsuk-card--clickable app-credential-card">
    <div class="nhsuk-card__content">
      <h2 class="nhsuk-card__heading nhsuk-heading-m"><a class="nhsuk-card__link" href="${credentialHref(credential.id)}">${description.title}</a></h2>
      <p class="nhsuk-card__description app-issuer">Issued by ${issuerText(description)}</p>
      <p class="nhsuk-body-s app-expiry">${expiryMarkup(description)}</p>
      ${status ? html`<p class="nhsuk-body-s nhsuk-u-margin-bottom-0">Status: ${statusMarkup(status)}</p>` : ''}
    </div>
  </div>
</li>`);
  }
  const pending = ctx.session.pending;
  return {
    title: 'Your credentials',
    section: 'credentials',
    content: html`${flash}
<h1>Your credentials</h1>
${
  pending.length > 0
    ? insetText(html`<p>Still to come: ${pending.map((x) => x.name).join(', ')}. ${pending.length === 1 ? 'It will be added' : 'They will be added'} when the organisation has finished its checks.</p>
<form id="check-pending" novalidate>${button({ text: 'Check for them now', variant: 'secondary', id: 'check-pending-button' })}</form>`)
    : ''
}
${
  stored.length === 0
    ? html`<p class="nhsuk-body-l" id="no-credentials">You have no credentials yet</p>
<p>Add the credentials your employer offers you: scan their QR code or paste their link.</p>
${button({ text: 'Add a credential', href: '#/add', id: 'add-credential' })}`
    : html`<p>You have ${stored.length === 1 ? '1 credential' : `${stored.length} credentials`}. Select one to see its details.</p>
<ul class="nhsuk-list app-card-list" id="credential-list">${cards}</ul>
<div class="nhsuk-button-group">
  ${button({ text: 'Add a credential', href: '#/add', id: 'add-credential' })}
  ${button({ text: 'Respond to a request', href: '#/share', variant: 'secondary', id: 'respond-to-request' })}
</div>`
}`,
    bind: (main) => {
      main.querySelector<HTMLFormElement>('#check-pending')?.addEventListener('submit', (event) => {
        event.preventDefault();
        void checkPending(ctx);
      });
    },
  };
}

async function checkPending(ctx: AppContext): Promise<void> {
  const still: AppContext['session']['pending'] = [];
  let added = 0;
  for (const waiting of ctx.session.pending) {
    try {
      const result = await ctx.wallet.pollDeferred(waiting.credential);
      added += result.credentials.length;
      still.push(...result.pending.map((credential) => ({ credential, name: waiting.name })));
    } catch {
      // The issuer could not be reached: it stays waiting, to try again later.
      still.push(waiting);
    }
  }
  ctx.session.pending = still;
  ctx.session.flash = notificationBanner(
    added > 0 ? { success: true, title: 'Credentials added', content: added === 1 ? '1 credential was added to your wallet' : `${added} credentials were added to your wallet` } : { content: 'Nothing has arrived yet: check again later' },
  );
  ctx.navigate('#/');
}
