import { button, errorFor, errorSummary, html, textInput, type FieldError } from '@staff-passport/web-kit/browser';
import type { OfferPreview } from '@staff-passport/wallet-sdk/browser';
import type { AppContext, Screen } from '../app/app-context.js';
import { collectError } from '../lib/describe-error.js';
import { keepCollection } from '../lib/keep-collection.js';
import { runBusy } from '../lib/run-busy.js';

/** The wallet's client id at organisations' authorization servers (a public client: no secret). */
export const WALLET_CLIENT_ID = 'staff-passport-web-wallet';

/**
 * Starts collecting by signing in (the wallet SDK's `startCredentialCollection`: PKCE S256, a fresh
 * state), keeps the request in this tab, and sends the browser to the organisation's sign-in. It
 * comes back to the wallet's own address, where `showCollectedScreen` finishes. `onError` shows
 * what went wrong when it cannot start.
 *
 * @example
 * await beginCollection(ctx, 'https://issuer.example/orgs/rx1', form, (message) => showAgain(message));
 */
export async function beginCollection(ctx: AppContext, from: OfferPreview | string, form: HTMLFormElement, onError: (message: string) => void): Promise<void> {
  let authorizationUrl: string;
  try {
    const request = await runBusy(form, 'Opening the sign-in', () => ctx.wallet.startCredentialCollection(from, { clientId: WALLET_CLIENT_ID, redirectUri: `${location.origin}/` }));
    keepCollection(request);
    authorizationUrl = request.authorizationUrl;
  } catch (err: unknown) {
    onError(collectError(err));
    return;
  }
  location.assign(authorizationUrl);
}

/**
 * "Collect from your employer": a member of staff signs in with their work account at their
 * organisation (one of those the wallet is set up with, or one whose service address they enter)
 * and the wallet collects what waits for them there.
 */
export async function showCollectScreen(ctx: AppContext): Promise<Screen> {
  return collectScreen(ctx, {});
}

function collectScreen(ctx: AppContext, state: { address?: string; errors?: FieldError[] }): Screen {
  const errors = state.errors ?? [];
  const employers = ctx.config.employers;
  return {
    title: 'Collect from your employer',
    section: 'add',
    hasErrors: errors.length > 0,
    content: html`${errorSummary(errors)}
<h1>Collect from your employer</h1>
<p>If your employer has credentials waiting for you, sign in with your work account to collect them. You will come back to this wallet afterwards.</p>
${
  employers.length > 0
    ? html`<ul class="nhsuk-list" id="employer-list">${employers.map(
        (e, i) => html`<li><form class="app-employer-form" data-issuer="${e.credentialIssuer}" novalidate>${button({ text: `Sign in with ${e.name}`, id: `employer-${i}` })}</form></li>`,
      )}</ul>
<h2 class="nhsuk-heading-m">Another organisation</h2>`
    : ''
}
<form id="collect-form" novalidate>
  ${textInput({
    id: 'employer-address',
    label: "Your employer's service address",
    hint: 'HR can tell you it. It starts with https://',
    type: 'url',
    spellcheck: false,
    autocomplete: 'url',
    ...(state.address === undefined ? {} : { value: state.address }),
    ...(errorFor(errors, 'employer-address') ? { error: errorFor(errors, 'employer-address')! } : {}),
  })}
  ${button({ text: 'Sign in', ...(employers.length > 0 ? { variant: 'secondary' as const } : {}), id: 'collect-continue' })}
</form>`,
    bind: (main) => {
      const fail = (address: string | undefined) => (message: string) =>
        ctx.show(collectScreen(ctx, { ...(address === undefined ? {} : { address }), errors: [{ field: address === undefined ? 'employer-0' : 'employer-address', message }] }));
      for (const form of Array.from(main.querySelectorAll<HTMLFormElement>('.app-employer-form'))) {
        form.addEventListener('submit', (event) => {
          event.preventDefault();
          void beginCollection(ctx, form.dataset['issuer']!, form, fail(undefined));
        });
      }
      const form = main.querySelector<HTMLFormElement>('#collect-form')!;
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const address = main.querySelector<HTMLInputElement>('#employer-address')!.value.trim();
        if (!/^https?:\/\/\S+$/.test(address)) {
          ctx.show(collectScreen(ctx, { address, errors: [{ field: 'employer-address', message: "Enter your employer's service address, starting with https://" }] }));
          return;
        }
        void beginCollection(ctx, address, form, fail(address));
      });
    },
  };
}
