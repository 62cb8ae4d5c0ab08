import { button, errorSummary, html, type FieldError } from '@staff-passport/web-kit/browser';
import type { AppContext, Screen } from '../app/app-context.js';
import { offerLinkError } from '../lib/describe-error.js';
import { runBusy } from '../lib/run-busy.js';
import { bindLinkEntry, linkEntry } from './lib/link-entry.js';

/**
 * "Add a credential": scan the offer's QR code or paste its link (`#/add?offer=...` fills it in),
 * then the offer preview; or collect from the employer by signing in. Reading an offer stores nothing.
 */
export async function showAddScreen(ctx: AppContext, _params: Record<string, string>, query: URLSearchParams): Promise<Screen> {
  const given = query.get('offer') ?? undefined;
  return addScreen(ctx, given === undefined ? {} : { value: given }, given !== undefined);
}

function addScreen(ctx: AppContext, state: { value?: string; errors?: FieldError[] }, submitNow = false): Screen {
  const errors = state.errors ?? [];
  return {
    title: 'Add a credential',
    section: 'add',
    hasErrors: errors.length > 0,
    content: html`${errorSummary(errors)}
<h1>Add a credential</h1>
<p>Your employer gives you an offer when they have a credential for you: as a QR code, or as a link.</p>
${linkEntry('offer', { ...(state.value === undefined ? {} : { value: state.value }), ...(errors[0] ? { error: errors[0].message } : {}) })}
<h2 class="nhsuk-heading-m">Collect from my employer</h2>
<p>If your employer has credentials waiting for you, you can sign in with your work account to collect them.</p>
${button({ text: 'Collect from my employer', href: '#/collect', variant: 'secondary', id: 'collect-from-employer' })}`,
    bind: (main) => {
      bindLinkEntry(
        main,
        'offer',
        async (link, form) => {
          try {
            ctx.session.offer = await runBusy(form, 'Checking the offer', () => ctx.wallet.readCredentialOffer(link));
          } catch (err: unknown) {
            ctx.show(addScreen(ctx, { value: link, errors: [{ field: 'offer-link', message: offerLinkError(err) }] }));
            return;
          }
          ctx.navigate('#/add/offer');
        },
        () => ctx.show(addScreen(ctx, { errors: [{ field: 'offer-link', message: 'Enter the offer link, or scan the QR code' }] })),
      );
      if (submitNow) main.querySelector<HTMLFormElement>('#offer-form')?.requestSubmit();
    },
  };
}
