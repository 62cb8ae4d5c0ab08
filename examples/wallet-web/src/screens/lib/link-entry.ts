// "Scan a QR code" or "Paste a link": the first step of adding a credential and of answering a
// request. The camera is an enhancement: the text box always works, with or without one.
import { button, html, insetText, textarea, type SafeHtml } from '@staff-passport/web-kit/browser';
import { startQrScan, type QrScan } from '../../lib/scan-qr-code.js';

/** Which link: a credential offer (OpenID4VCI) or a presentation request (OpenID4VP). */
export type LinkKind = 'offer' | 'request';

const TEXT: Record<LinkKind, { scanHint: string; heading: string; label: string; hint: string; scheme: RegExp }> = {
  offer: {
    scanHint: 'Scan the QR code HR showed you, or that came with your offer.',
    heading: 'Paste an offer link',
    label: 'Offer link',
    hint: 'It starts with openid-credential-offer://',
    scheme: /^(openid-credential-offer:|https?:)/i,
  },
  request: {
    scanHint: 'Scan the QR code the organisation is showing you.',
    heading: 'Paste a request link',
    label: 'Request link',
    hint: 'It starts with openid4vp://',
    scheme: /^(openid4vp:|https?:)/i,
  },
};

/** The id of the link's text box: `offer-link` or `request-link`. */
export function linkFieldId(kind: LinkKind): string {
  return `${kind}-link`;
}

/** The scan and paste sections, with the pasted link and its error when shown again. */
export function linkEntry(kind: LinkKind, options: { value?: string; error?: string } = {}): SafeHtml {
  const text = TEXT[kind];
  const id = linkFieldId(kind);
  return html`<h2 class="nhsuk-heading-m">Scan a QR code</h2>
<p>${text.scanHint}</p>
<div class="app-scanner" id="scanner" hidden>
  <video class="app-scanner__video" id="scan-video" muted playsinline aria-label="Camera view"></video>
  <p class="nhsuk-body" id="scan-status" role="status"></p>
  ${button({ text: 'Stop scanning', variant: 'secondary', type: 'button', id: 'stop-scan' })}
</div>
<div id="scan-problem"></div>
${button({ text: 'Scan a QR code', variant: 'secondary', type: 'button', id: 'start-scan' })}
<h2 class="nhsuk-heading-m">${text.heading}</h2>
<form id="${kind}-form" novalidate>
  ${textarea({ id, label: text.label, hint: text.hint, rows: 4, spellcheck: false, autocapitalize: 'off', autocomplete: 'off', ...(options.value ? { value: options.value } : {}), ...(options.error ? { error: options.error } : {}) })}
  ${button({ text: 'Continue', id: `${kind}-continue` })}
</form>`;
}

/**
 * Wires the scan buttons and the form: `onLink` gets the pasted or scanned link (trimmed, not
 * empty) with the form, and shows the next screen or the form again with its error.
 */
export function bindLinkEntry(main: HTMLElement, kind: LinkKind, onLink: (link: string, form: HTMLFormElement) => Promise<void>, onEmpty: () => void): void {
  const form = main.querySelector<HTMLFormElement>(`#${kind}-form`)!;
  const field = main.querySelector<HTMLTextAreaElement>(`#${linkFieldId(kind)}`)!;
  const scanner = main.querySelector<HTMLElement>('#scanner')!;
  const video = main.querySelector<HTMLVideoElement>('#scan-video')!;
  const status = main.querySelector<HTMLElement>('#scan-status')!;
  const start = main.querySelector<HTMLButtonElement>('#start-scan')!;
  const stopButton = main.querySelector<HTMLButtonElement>('#stop-scan')!;
  const problem = main.querySelector<HTMLElement>('#scan-problem')!;
  let scan: QrScan | undefined;

  const stopScanning = (): void => {
    scan?.stop();
    scan = undefined;
    scanner.hidden = true;
    start.hidden = false;
  };

  start.addEventListener('click', () => {
    problem.innerHTML = '';
    scanner.hidden = false;
    start.hidden = true;
    status.textContent = 'Starting the camera';
    startQrScan(video, {
      accept: (text) => TEXT[kind].scheme.test(text.trim()),
      onFound: (text) => {
        stopScanning();
        field.value = text;
        form.requestSubmit();
      },
    })
      .then((running) => {
        // The holder may have pressed "Stop scanning" while the camera started.
        if (scanner.hidden) running.stop();
        else {
          scan = running;
          status.textContent = 'Looking for a QR code. Hold it inside the camera view';
          stopButton.focus();
        }
      })
      .catch(() => {
        stopScanning();
        problem.innerHTML = insetText(html`<p>Your camera could not be used. Paste the link instead.</p>`).value;
        field.focus();
      });
  });
  stopButton.addEventListener('click', () => {
    stopScanning();
    start.focus();
  });
  // Leaving the screen releases the camera.
  window.addEventListener('hashchange', stopScanning, { once: true });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    stopScanning();
    const link = field.value.trim();
    if (link === '') {
      onEmpty();
      return;
    }
    void onLink(link, form);
  });
}
