import { PassportError, renderQrSvg } from '@staff-passport/core';
import { button, html, insetText, rawHtml, tag, type SafeHtml } from '@staff-passport/web-kit';
import type { Request, Router } from 'express';
import { getPresentationRequest } from '../profile-checks/presentation-requests.js';
import { getOid4vpRequest, type Oid4vpRequestStatus } from '../oid4vp/get-oid4vp-request.js';
import { findProfile } from '../profiles/profile-store.js';
import { deskCallerOf } from './lib/desk-sign-in.js';
import { DESK_ASSETS_PATH, formatDay, formatMoment, sendDeskPage } from './lib/send-desk-page.js';

const REQUEST_ID = /^req_[0-9a-f]{20}$/;

/** How often the page reloads itself without JavaScript, seconds. */
export const REFRESH_SECONDS = 3;

/**
 * The request id of a desk URL.
 *
 * @throws PassportError `ERR_VP_REQUEST_NOT_FOUND` when it is not one.
 */
export function deskRequestId(req: Request): string {
  const value = req.params['id'];
  if (typeof value !== 'string' || !REQUEST_ID.test(value)) throw new PassportError('ERR_VP_REQUEST_NOT_FOUND', 'There is no check request at this address.', { field: 'id' });
  return value;
}

// The QR code as inline SVG, sized for a phone camera across a desk, named for screen readers.
async function qrCode(link: string): Promise<SafeHtml> {
  const svg = (await renderQrSvg(link)).replace('<svg ', '<svg width="288" height="288" role="img" aria-label="QR code for the new starter to scan with their wallet" focusable="false" ');
  return rawHtml(svg);
}

function startAgain(profileId: string): SafeHtml {
  return button({ text: 'Start again', href: `/?profile=${encodeURIComponent(profileId)}`, id: 'start-again' });
}

function waitingText(status: Oid4vpRequestStatus): string {
  return status.requestFetched ? 'The new starter has opened the request in their wallet.' : 'The new starter has not opened the request yet.';
}

/**
 * The page of one request (`GET /desk/requests/{id}`): while it waits, the QR code, the
 * same-device link and the state (refreshed by a same-origin script, or by a meta refresh without
 * JavaScript); once answered, a redirect to the report; refused or expired, what happened and
 * "Start again".
 */
export function addRequestPage(router: Router): void {
  router.get('/desk/requests/:id', async (req, res) => {
    // The signed-in checker's organisation: its profiles, requests and results only.
    const { ctx } = deskCallerOf(res);
    const id = deskRequestId(req);
    const status = await getOid4vpRequest(ctx, id);
    if (status.state === 'answered') {
      res.redirect(303, `/desk/requests/${id}/result`);
      return;
    }
    const request = await getPresentationRequest(ctx, id);
    const caption = html`<span class="nhsuk-caption-l">${request.profileTitle}: ${request.moveTitle}</span>`;

    if (status.state === 'refused') {
      const declined = status.walletError?.error === 'access_denied';
      const title = declined ? 'The person chose not to share' : 'The wallet could not answer';
      sendDeskPage(res, {
        title,
        content: html`${caption}
          <h1 class="nhsuk-heading-l" id="request-outcome">${title}</h1>
          <p>${tag(declined ? 'Not shared' : 'Wallet error', 'grey')}</p>
          ${declined
            ? html`<p>Their wallet told us they declined the request. Nothing was shared.</p><p>Talk to the new starter about why, then start again if they are ready to share.</p>`
            : html`<p>Their wallet answered with an error: ${status.walletError?.error ?? 'unknown'}${status.walletError?.description ? html` (${status.walletError.description})` : ''}. Nothing was shared.</p>`}
          ${startAgain(status.profileId)}`,
      });
      return;
    }
    if (status.state === 'expired') {
      sendDeskPage(res, {
        title: 'This request has expired',
        content: html`${caption}
          <h1 class="nhsuk-heading-l" id="request-outcome">This request has expired</h1>
          <p>${tag('Expired', 'grey')}</p>
          <p>The new starter did not share before ${formatMoment(status.expiresAt)}. Nothing was shared.</p>
          ${startAgain(status.profileId)}`,
      });
      return;
    }

    const profile = await findProfile(ctx.stores.profiles, status.profileId);
    const autoRefresh = req.query['refresh'] !== 'off';
    const here = `/desk/requests/${id}`;
    sendDeskPage(res, {
      title: 'Ask the new starter to scan this code',
      // Without JavaScript the page reloads itself while it waits (the script polls instead);
      // a link turns this off for anyone who needs the page to hold still (WCAG 2.2.1).
      ...(autoRefresh ? { head: html`<noscript><meta http-equiv="refresh" content="${REFRESH_SECONDS}"></noscript>` } : {}),
      scripts: [`${DESK_ASSETS_PATH}/desk-request.js`],
      content: html`<div class="nhsuk-grid-row"><div class="nhsuk-grid-column-two-thirds">
        ${caption}
        <h1 class="nhsuk-heading-l">Ask the new starter to scan this code</h1>
        <p>They scan it with their wallet app. The wallet shows them what is asked for and they choose what to share.</p>
        <div class="desk-qr" id="request-qr">${await qrCode(status.link)}</div>

        <h2 class="nhsuk-heading-m">Status</h2>
        <div id="request-status" aria-live="polite" data-poll-url="/oid4vp/requests/${id}" data-page-url="${here}">
          <p><span id="request-state-tag">${tag('Waiting for the wallet', 'blue')}</span></p>
          <p id="request-status-text">${waitingText(status)}</p>
        </div>
        <p>This page moves on to the report by itself when the new starter has shared. The request expires at ${formatMoment(status.expiresAt)}.</p>
        <noscript>${autoRefresh
          ? html`<p>Without JavaScript this page checks for an answer every ${REFRESH_SECONDS} seconds. <a href="${here}?refresh=off" id="stop-refresh">Stop checking automatically</a></p>`
          : html`<p>${button({ text: 'Check for an answer', href: `${here}?refresh=off`, variant: 'secondary', id: 'check-answer' })}</p>`}</noscript>

        <h2 class="nhsuk-heading-m">If the new starter is using this device</h2>
        <p><a href="${status.link}" id="wallet-link" class="nhsuk-link">Open your wallet on this phone</a></p>
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="wallet-link-text">Or copy this link into the wallet</label>
          <input class="nhsuk-input" id="wallet-link-text" type="text" value="${status.link}" readonly spellcheck="false" autocomplete="off">
        </div>

        <h2 class="nhsuk-heading-m">What the new starter is asked for</h2>
        ${insetText(html`<p>Their wallet shows them why: ${request.purpose}</p>`)}
        <ul class="nhsuk-list nhsuk-list--bullet" id="requirements-asked">
          ${profile.requirements.map((r) => html`<li>${r.title}${r.required ? '' : ' (optional)'}</li>`)}
        </ul>
        <p>Checked for a start on ${formatDay(status.startDate)} (${request.moveTitle}).</p>
        <p><a href="/" class="nhsuk-link">Check a different new starter</a></p>
      </div></div>`,
    });
  });
}
