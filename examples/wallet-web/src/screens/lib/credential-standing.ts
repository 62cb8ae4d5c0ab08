// Where a credential stands, as words with a tag: its expiry and (when checked) its status. The
// meaning is in the text; the tag's colour only repeats it.
import { html, tag, type SafeHtml } from '@staff-passport/web-kit/browser';
import type { CredentialDescription, CredentialStatusCheck } from '@staff-passport/wallet-sdk/browser';
import { formatDate, formatDateTime } from '../../lib/format-value.js';
import { uncheckedOrganisationText } from '../../lib/organisation-text.js';

/** "Expires 3 March 2027", "Expired 2 June 2026" (with an "Expired" tag), "Does not expire"... */
export function expiryText(description: CredentialDescription): { text: string; tag?: SafeHtml } {
  const { state, validFrom, validUntil } = description.expiry;
  if (state === 'not-yet-valid' && validFrom) return { text: `Valid from ${formatDate(validFrom)}`, tag: tag('Not valid yet', 'yellow') };
  if (state === 'expired') return { text: validUntil ? `Expired ${formatDate(validUntil)}` : 'Expired', tag: tag('Expired', 'red') };
  if (!validUntil) return { text: 'Does not expire' };
  if (state === 'expiring') return { text: `Expires ${formatDate(validUntil)}`, tag: tag('Expires soon', 'orange') };
  return { text: `Expires ${formatDate(validUntil)}` };
}

/** The expiry as markup: the tag (if any) then the text. */
export function expiryMarkup(description: CredentialDescription): SafeHtml {
  const { text, tag: t } = expiryText(description);
  return html`${t ? html`${t} ` : ''}${text}`;
}

const STATUS: Record<CredentialStatusCheck['status'], { text: string; colour: 'green' | 'red' | 'orange' | 'grey' }> = {
  valid: { text: 'Valid', colour: 'green' },
  revoked: { text: 'Revoked', colour: 'red' },
  suspended: { text: 'Suspended', colour: 'orange' },
  unknown: { text: 'Status unknown', colour: 'grey' },
};

/** The status of a check the holder ran: a tag and when it was checked. */
export function statusMarkup(check: CredentialStatusCheck | undefined): SafeHtml {
  if (!check) return html`Not checked`;
  const s = STATUS[check.status];
  return html`${tag(s.text, s.colour)} checked ${formatDateTime(check.checkedAt)}`;
}

/** Who issued it: the trust registry's name (and ODS code), else the web address its DID names (never the DID). */
export function issuerText(description: CredentialDescription): string {
  if (description.issuer.name) return description.issuer.odsCode ? `${description.issuer.name} (${description.issuer.odsCode})` : description.issuer.name;
  return uncheckedOrganisationText(description.issuer.did);
}
