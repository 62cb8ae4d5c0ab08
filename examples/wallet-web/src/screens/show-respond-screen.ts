import { errorSummary, html, type FieldError } from '@staff-passport/web-kit/browser';
import type { AppContext, Screen } from '../app/app-context.js';
import { requestLinkError } from '../lib/describe-error.js';
import { runBusy } from '../lib/run-busy.js';
import { bindLinkEntry, linkEntry } from './lib/link-entry.js';

/**
 * "Respond to a request": scan the verifier's QR code or paste its `openid4vp://` link
 * (`#/share?request=...` fills it in). Reading a request sends nothing to the verifier.
 */
export async function showRespondScreen(ctx: AppContext, _params: Record<string, string>, query: URLSearchParams): Promise<Screen> {
  const given = query.get('request') ?? undefined;
  return respondScreen(ctx, given === undefined ? {} : { value: given }, given !== undefined);
}

function respondScreen(ctx: AppContext, state: { value?: string; errors?: FieldError[] }, submitNow = false): Screen {
  const errors = state.errors ?? [];
  return {
    title: 'Respond to a request',
    section: 'share',
    hasErrors: errors.length > 0,
    content: html`${errorSummary(errors)}
<h1>Respond to a request</h1>
<p>An organisation that needs to check your credentials, such as a new employer, sends you a request. You choose what to share with them.</p>
${linkEntry('request', { ...(state.value === undefined ? {} : { value: state.value }), ...(errors[0] ? { error: errors[0].message } : {}) })}`,
    bind: (main) => {
      bindLinkEntry(
        main,
        'request',
        async (link, form) => {
          try {
            ctx.session.request = await runBusy(form, 'Checking the request', () => ctx.wallet.readPresentationRequest(link));
          } catch (err: unknown) {
            ctx.show(respondScreen(ctx, { value: link, errors: [{ field: 'request-link', message: requestLinkError(err) }] }));
            return;
          }
          ctx.navigate('#/share/request');
        },
        () => ctx.show(respondScreen(ctx, { errors: [{ field: 'request-link', message: 'Enter the request link, or scan the QR code' }] })),
      );
      if (submitNow) main.querySelector<HTMLFormElement>('#request-form')?.requestSubmit();
    },
  };
}
