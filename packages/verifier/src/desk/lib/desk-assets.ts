// The desk's own stylesheet and script, served from the verifier's origin (the page CSP allows
// scripts and styles only from 'self'). Kept as text here so the package needs no asset copying.

/** The desk's stylesheet: only what the NHS.UK frontend has no class for. */
export const DESK_CSS = `.desk-qr{margin-bottom:24px}
.desk-qr svg{display:block;max-width:100%;height:auto;border:1px solid #d8dde0}
.desk-did{word-break:break-all}
.desk-buttons .nhsuk-button{margin-right:16px}
.desk-person{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start;margin-bottom:24px}
.desk-portrait{border:1px solid #d8dde0;max-width:160px;height:auto}
`;

/**
 * The request page's script: polls `GET /oid4vp/requests/{id}` every 2 seconds (backing off when
 * the verifier is unreachable), says in the live region when the wallet opens the request, and
 * when the request is answered, refused or expired loads the page that shows it.
 */
export const DESK_REQUEST_SCRIPT = `const status = document.getElementById('request-status');
const text = document.getElementById('request-status-text');
if (status && text) {
  const pollUrl = status.getAttribute('data-poll-url');
  const pageUrl = status.getAttribute('data-page-url');
  let opened = false;
  let failures = 0;
  const next = () => setTimeout(tick, Math.min(2000 * 2 ** failures, 30000));
  const tick = async () => {
    try {
      const res = await fetch(pollUrl, { headers: { accept: 'application/json' }, cache: 'no-store' });
      if (res.status === 404) {
        window.location.assign(pageUrl);
        return;
      }
      if (!res.ok) throw new Error('poll failed: ' + res.status);
      failures = 0;
      const body = await res.json();
      if (body.state === 'answered') {
        text.textContent = 'The new starter has shared. Opening the report.';
        window.location.assign(pageUrl + '/result');
        return;
      }
      if (body.state !== 'pending') {
        text.textContent = body.state === 'expired' ? 'This request has expired.' : 'The new starter did not share.';
        window.location.assign(pageUrl);
        return;
      }
      if (body.requestFetched && !opened) {
        opened = true;
        text.textContent = 'The new starter has opened the request in their wallet.';
      }
    } catch {
      failures = Math.min(failures + 1, 4);
    }
    next();
  };
  next();
}
`;
