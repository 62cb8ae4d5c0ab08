import type { AppContext } from '../../app/app-context.js';
import { html, type SafeHtml } from '../../lib/html.js';

/** The banner the previous screen left ("Credential added"), shown once. */
export function takeFlash(ctx: AppContext): SafeHtml {
  const flash = ctx.session.flash ?? html``;
  delete ctx.session.flash;
  return flash;
}
