import { backLink, button, html, notificationBanner, summaryList, warningCallout } from '@staff-passport/web-kit/browser';
import type { AppContext, Screen } from '../app/app-context.js';
import { problemScreen } from '../app/start-router.js';
import { claimText, formatDate } from '../lib/format-value.js';
import { UNCHECKED_ORGANISATION_HINT } from '../lib/organisation-text.js';
import { runBusy } from '../lib/run-busy.js';
import { technicalDetails } from '../lib/technical-details.js';
import { expiryMarkup, issuerText, statusMarkup } from './lib/credential-standing.js';
import { credentialHref } from './lib/routes.js';

/**
 * One credential: who issued it, its dates, its status (checked on request: the whole status list
 * is fetched, so the issuer cannot tell which credential was checked), every claim (coded values
 * by their names), the identifiers folded away, and "Delete this credential".
 */
export async function showCredentialScreen(ctx: AppContext, params: Record<string, string>): Promise<Screen> {
  const credential = await ctx.wallet.getCredential(params['id'] ?? '');
  if (!credential) return notHeld();
  const description = await ctx.wallet.describeCredential(credential);
  const status = ctx.session.statuses.get(credential.id);
  // The subject's own id is the holder's DID: an identifier, not something the credential says.
  const claims = description.claims.filter((c) => c.path !== 'id');
  const subjectId = description.claims.find((c) => c.path === 'id');
  return {
    title: description.title,
    section: 'credentials',
    content: html`${backLink('#/', 'Back to your credentials')}
<h1>${description.title}</h1>
${
  credential.supersededBy
    ? warningCallout(
        'Replaced by a renewal',
        html`<p id="replaced-notice">On ${formatDate(credential.supersededBy.at)} the organisation renewed this credential and this one was replaced: it is kept only as a record. <a href="${credentialHref(credential.supersededBy.id)}">See the renewed credential</a>.</p>`,
      )
    : ''
}
${description.description ? html`<p>${description.description}</p>` : ''}
${summaryList([
  {
    key: 'Issued by',
    value: description.issuer.name
      ? issuerText(description)
      : html`${issuerText(description)}<p class="nhsuk-body-s nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">${UNCHECKED_ORGANISATION_HINT}</p>`,
  },
  ...(description.expiry.validFrom ? [{ key: 'Valid from', value: formatDate(description.expiry.validFrom) }] : []),
  { key: 'Expiry', value: expiryMarkup(description) },
  { key: 'Status', value: html`<span id="credential-status">${statusMarkup(status)}</span>` },
])}
<form id="status-form" novalidate>${button({ text: 'Check its status now', variant: 'secondary', id: 'check-status' })}</form>
<h2 class="nhsuk-heading-m">What it says</h2>
${summaryList(claims.map((c) => ({ key: c.label, value: html`<span class="app-break">${claimText(c)}</span>` })))}
${technicalDetails([
  { key: "Issuer's digital identifier (DID)", value: description.issuer.did },
  ...(typeof subjectId?.value === 'string' ? [{ key: 'Your digital identifier in it', value: subjectId.value }] : []),
])}
${button({ text: 'Delete this credential', variant: 'warning', href: `${credentialHref(credential.id)}/delete`, id: 'delete-credential' })}`,
    bind: (main) => {
      const form = main.querySelector<HTMLFormElement>('#status-form')!;
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        void runBusy(form, 'Checking the status', async () => {
          ctx.session.statuses.set(credential.id, await ctx.wallet.checkCredentialStatus(credential));
        }).then(
          () => ctx.navigate(credentialHref(credential.id)),
          () => ctx.show(problemScreen()),
        );
      });
    },
  };
}

/** "Delete this credential?": a confirmation before anything is deleted. */
export async function showDeleteCredentialScreen(ctx: AppContext, params: Record<string, string>): Promise<Screen> {
  const credential = await ctx.wallet.getCredential(params['id'] ?? '');
  if (!credential) return notHeld();
  const description = await ctx.wallet.describeCredential(credential);
  return {
    title: 'Delete this credential?',
    section: 'credentials',
    content: html`${backLink(credentialHref(credential.id))}
<h1>Delete this credential?</h1>
${warningCallout('You cannot undo this', html`<p>Your ${description.title} credential from ${issuerText(description)} will be deleted from this device. To get it back, you would need to ask for it again.</p>`)}
<form id="delete-form" novalidate>
  <div class="nhsuk-button-group">
    ${button({ text: 'Yes, delete this credential', variant: 'warning', id: 'confirm-delete-credential' })}
    <a class="nhsuk-link" href="${credentialHref(credential.id)}">No, keep it</a>
  </div>
</form>`,
    bind: (main) => {
      const form = main.querySelector<HTMLFormElement>('#delete-form')!;
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        void runBusy(form, 'Deleting', () => ctx.wallet.deleteCredential(credential.id)).then(
          () => {
            ctx.session.statuses.delete(credential.id);
            ctx.session.flash = notificationBanner({ success: true, title: 'Deleted', content: `Your ${description.title} credential has been deleted` });
            ctx.navigate('#/');
          },
          () => ctx.show(problemScreen()),
        );
      });
    },
  };
}

function notHeld(): Screen {
  return {
    title: 'Credential not found',
    section: 'credentials',
    content: html`<h1>Credential not found</h1>
<p>Your wallet does not hold this credential. It may have been deleted.</p>
${button({ text: 'Go to your credentials', href: '#/' })}`,
  };
}
