import { html, summaryList, type SafeHtml } from '@staff-passport/web-kit';
import type { ExportedAttributes } from '../../report/export-verified-attributes.js';
import { formatDay } from './send-desk-page.js';

/**
 * Who the person is, for the likeness check: the portrait beside the verified names and date of
 * birth, and whether the originals must still be seen in person.
 */
export function describePerson(identity: ExportedAttributes['identity'], inPerson: boolean): SafeHtml {
  const name = [identity?.givenName, identity?.familyName].filter(Boolean).join(' ');
  const rows = [
    ...(name ? [{ key: 'Name', value: name }] : []),
    ...(identity?.birthDate ? [{ key: 'Date of birth', value: formatDay(identity.birthDate) }] : []),
    ...(identity?.nationalInsuranceNumber ? [{ key: 'National Insurance number', value: identity.nationalInsuranceNumber }] : []),
  ];
  const portrait = identity?.portrait
    ? html`<img src="${identity.portrait}" alt="Portrait of ${name || 'the new starter'} from their identity credential" width="160" class="desk-portrait" id="person-portrait">`
    : html`<p id="person-no-portrait">No portrait was shared: check the person against their photo ID.</p>`;
  return html`<div class="desk-person" id="person">
    ${portrait}
    <div>
      ${rows.length > 0 ? summaryList(rows) : html`<p>Their names and date of birth were not shared.</p>`}
      <p id="person-likeness">Check that the person in front of you matches this portrait.</p>
      ${inPerson
        ? html`<p id="person-in-person"><strong>You must still see their original identity documents in person</strong> at the start or at induction, even though an identity check was verified.</p>`
        : html`<p id="person-in-person">For this kind of move their employer's identity check may be relied on: no originals need to be seen again.</p>`}
    </div>
  </div>`;
}
