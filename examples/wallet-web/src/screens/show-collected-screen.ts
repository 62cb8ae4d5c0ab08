import { button, html, insetText, type SafeHtml } from '@staff-passport/web-kit/browser';
import type { CollectionResult, StoredCredential } from '@staff-passport/wallet-sdk/browser';
import type { AppContext, Screen } from '../app/app-context.js';
import { collectError } from '../lib/describe-error.js';
import { holderOf } from '../lib/holder-of.js';
import { takeCollection } from '../lib/keep-collection.js';
import { credentialHref } from './lib/routes.js';

function organisationOf(result: { credentialIssuer: string; issuerName?: string; organisation?: { name: string } }): string {
  return result.organisation?.name ?? result.issuerName ?? new URL(result.credentialIssuer).host;
}

/**
 * Back from the organisation's sign-in (`#/collect/done`, the answer's URL kept by `main.ts`): the
 * wallet SDK's `finishCredentialCollection` exchanges the code and collects what waited, bound to
 * the holder key; this screen shows what was collected (each credential linked to its details, a
 * renewal saying what it replaced), or that nothing was waiting, or what went wrong.
 */
export async function showCollectedScreen(ctx: AppContext): Promise<Screen | undefined> {
  const returned = ctx.session.collectionReturn;
  delete ctx.session.collectionReturn;
  const request = takeCollection();
  if (!returned || !request) {
    // Nothing under way (a reload, or a bookmark): start again.
    ctx.navigate('#/collect');
    return undefined;
  }
  let result: CollectionResult;
  try {
    result = await ctx.wallet.finishCredentialCollection(request, returned, { holder: await holderOf(ctx.wallet) });
  } catch (err: unknown) {
    return problem(collectError(err));
  }
  if (result.outcome === 'nothing-waiting') {
    const who = organisationOf(result);
    return {
      title: 'Nothing to collect',
      section: 'add',
      content: html`<h1>Nothing to collect</h1>
<p id="nothing-waiting">${who} has no credentials waiting for you. If you expected some, ask HR: they may not have been issued yet, or you may have collected them already.</p>
${button({ text: 'Go to your credentials', href: '#/', id: 'go-home' })}`,
    };
  }
  const who = organisationOf(request);
  const items: SafeHtml[] = [];
  for (const credential of result.credentials) items.push(await itemOf(ctx, credential));
  const count = result.credentials.length;
  return {
    title: 'Credentials collected',
    section: 'add',
    content: html`<h1>${count === 1 ? 'Credential collected' : 'Credentials collected'}</h1>
<p>${count === 1 ? '1 credential was' : `${count} credentials were`} added from ${who}.</p>
<ul class="nhsuk-list nhsuk-list--bullet" id="collected-list">${items}</ul>
${result.pending.length > 0 ? insetText(`${result.pending.length === 1 ? '1 more is' : `${result.pending.length} more are`} still to come.`) : ''}
${button({ text: 'Go to your credentials', href: '#/', id: 'go-home' })}`,
  };
}

async function itemOf(ctx: AppContext, credential: StoredCredential): Promise<SafeHtml> {
  const title = (await ctx.wallet.describeCredential(credential)).title;
  const replaced = await ctx.wallet.listCredentials({ superseded: true });
  const renews = replaced.filter((c) => c.supersededBy?.id === credential.id);
  return html`<li><a href="${credentialHref(credential.id)}">${title}</a>${
    renews.length > 0 ? html`<span class="app-renewal"> (a renewal: it replaces the one you had, which is kept in your <a href="#/log">sharing log</a>)</span>` : ''
  }</li>`;
}

function problem(message: string): Screen {
  return {
    title: 'Your credentials could not be collected',
    section: 'add',
    content: html`<h1>Your credentials could not be collected</h1>
<p id="collect-problem">${message}</p>
${button({ text: 'Try again', href: '#/collect', id: 'collect-again' })}`,
  };
}
