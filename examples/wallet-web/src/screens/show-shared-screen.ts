import { button, html } from '@staff-passport/web-kit/browser';
import type { AppContext, Screen } from '../app/app-context.js';
import { confirmationPanel } from '../lib/confirmation-panel.js';
import { claimLabel } from '../lib/format-value.js';
import { verifierName } from './show-share-screen.js';

/** "Shared with X": the confirmation, with exactly what was sent (the claims the presentation disclosed). */
export async function showSharedScreen(ctx: AppContext): Promise<Screen | undefined> {
  const shared = ctx.session.shared;
  if (!shared) {
    ctx.navigate('#/log');
    return undefined;
  }
  const name = verifierName(shared.preview);
  const sections = [];
  for (const item of shared.result.shared) {
    const credential = await ctx.wallet.getCredential(item.credentialId);
    const description = credential ? await ctx.wallet.describeCredential(credential) : undefined;
    // What the presentation disclosed: the claims chosen and those the credential always shares
    // (the SDK lists both; a credential without selective disclosure, all of them).
    const paths = new Set(item.claimsDisclosed.map((path) => path.replace(/^credentialSubject\./, '')));
    sections.push(html`<h3 class="nhsuk-heading-s">${description?.title ?? 'Credential'}</h3>
<ul class="nhsuk-list nhsuk-list--bullet app-shared-claims">${[...paths].map((path) => html`<li>${claimLabel(path, description)}</li>`)}</ul>`);
  }
  const count = shared.result.shared.length;
  return {
    title: `Shared with ${name}`,
    section: 'share',
    content: html`${confirmationPanel(`Shared with ${name}`, `You shared ${count === 1 ? '1 credential' : `${count} credentials`}`)}
<h2 class="nhsuk-heading-m">What you shared</h2>
<div id="shared-details">${sections}</div>
<p>This is kept in your <a href="#/log">sharing log</a>.</p>
${button({ text: 'Back to your credentials', href: '#/' })}`,
  };
}
