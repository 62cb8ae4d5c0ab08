import { html, type SafeHtml } from '@staff-passport/web-kit/browser';
import type { AppContext } from '../../app/app-context.js';

/** The banner the previous screen left ("Credential added"), shown once. */
export function takeFlash(ctx: AppContext): SafeHtml {
  const flash = ctx.session.flash ?? html``;
  delete ctx.session.flash;
  return flash;
}
