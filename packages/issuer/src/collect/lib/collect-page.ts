import { renderQrPng } from '@staff-passport/core';
import { button, html, insetText, renderNhsPage, warningCallout, type SafeHtml } from '@staff-passport/web-kit';
import { formatWhen } from '../../console/issue/lib/format-when.js';
import type { CollectPage } from '../open-collect-page.js';

const SERVICE_NAME = 'Staff Passport';

/**
 * The collect page as HTML (NHS.UK frontend): "Open in your wallet" (the `openid-credential-offer`
 * link), its QR code for a phone when the email was read on a computer, the web wallet when the
 * deployment has one, and what the sign-in will ask; or that the offer no longer waits. No PIN and
 * nothing of the credential: only what the offer link carries.
 *
 * @example
 * res.status(page.state === 'waiting' ? 200 : 404).type('html').send(await renderCollectPage(page, ctx.webWalletUrl));
 */
export async function renderCollectPage(page: CollectPage, webWalletUrl: string | undefined): Promise<string> {
  if (page.state === 'gone') {
    return renderNhsPage({
      title: 'This link no longer works',
      serviceName: SERVICE_NAME,
      content: html`<h1 class="nhsuk-heading-l">This link no longer works</h1>
        <p>The credentials it offered have been collected, replaced by newer ones, or the offer has expired.</p>
        <p>If you have not collected them, ask ${page.org.name}'s HR team to send them again. If your wallet app can add credentials by signing in, you can also start from your wallet.</p>`,
    });
  }
  // A data: image (the pages' content security policy allows them): the page stays one request.
  const qr = (await renderQrPng(page.link, { scale: 4 })).toString('base64');
  const webWallet: SafeHtml = webWalletUrl
    ? html`<h2 class="nhsuk-heading-m">No wallet app?</h2>
      <p><a id="collect-web-wallet" href="${webWalletUrl}/#/add?offer=${encodeURIComponent(page.link)}">Collect them in the web wallet</a></p>`
    : html``;
  return renderNhsPage({
    title: 'Collect your credentials',
    serviceName: SERVICE_NAME,
    content: html`<h1 class="nhsuk-heading-l"><span class="nhsuk-caption-l">${page.org.name}<span class="nhsuk-u-visually-hidden"> - </span></span>Collect your credentials</h1>
      <p>${page.org.name} has credentials ready for you to keep in your digital staff passport wallet.</p>
      ${button({ text: 'Open in your wallet', href: page.link, id: 'open-in-wallet' })}
      <h2 class="nhsuk-heading-m">Reading this on a computer?</h2>
      <p>Scan this QR code with the wallet app on your phone.</p>
      <p><img id="collect-qr" src="data:image/png;base64,${qr}" alt="QR code of the credential offer, for your wallet app to scan"></p>
      ${webWallet}
      <h2 class="nhsuk-heading-m">Then sign in</h2>
      <p>Your wallet sends you to ${page.org.name}'s sign-in page: sign in with your work account. Only the credentials waiting for you are then given to your wallet. Nobody will ask you for a PIN.</p>
      ${insetText(html`<p>If your wallet asks where to collect from, give it this address: <span id="credential-issuer">${page.credentialIssuer}</span></p>`)}
      ${warningCallout('Only for you', `Do not forward this link. It works until ${formatWhen(page.expiresAt)}, or until you collect the credentials.`)}`,
  });
}
