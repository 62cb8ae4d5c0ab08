import { html, summaryList, type SafeHtml } from '@staff-passport/web-kit/browser';

/**
 * Identifiers a person rarely needs (DIDs, service addresses), folded away in an NHS.UK details
 * component: there for a support call or a technical check, never in the way of reading.
 *
 * @example
 * technicalDetails([{ key: 'Identifier', value: did, id: 'offer-did' }]);
 */
export function technicalDetails(rows: readonly { key: string; value: string; id?: string }[], summary = 'Technical details'): SafeHtml {
  return html`<details class="nhsuk-details app-technical-details">
  <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">${summary}</span></summary>
  <div class="nhsuk-details__text">
    <p>A digital identifier (DID) is the name an organisation or a wallet signs with: it is how credentials and answers are checked to come from them. You may be asked for these if something goes wrong.</p>
    ${summaryList(rows.map((r) => ({ key: r.key, value: html`<span class="app-break"${r.id ? html` id="${r.id}"` : ''}>${r.value}</span>` })))}
  </div>
</details>`;
}
