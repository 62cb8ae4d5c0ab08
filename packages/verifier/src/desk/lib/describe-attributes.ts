import { html, summaryList, table, type SafeHtml } from '@staff-passport/web-kit';
import type { ExportedAttributes } from '../../report/export-verified-attributes.js';
import { formatDay, formatMoment } from './send-desk-page.js';

// Words a plain camelCase split would get wrong.
const KEY_NAMES: Record<string, string> = {
  odsCode: 'ODS code',
  esrPersonNumber: 'ESR person number',
  eppClearance: 'EPP clearance',
  updateServiceSubscribed: 'Subscribed to the DBS Update Service',
  updateServiceLastCheckOn: 'Last Update Service check',
  reverifyBy: 'Verify again by',
  number: 'Registration number',
};

function keyName(key: string): string {
  const known = KEY_NAMES[key];
  if (known) return known;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function valueText(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return JSON.stringify(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return formatMoment(value);
  return value.replace(/_/g, ' ');
}

function section(heading: string, id: string, item: object | undefined): SafeHtml {
  if (!item) return html``;
  const rows = Object.entries(item)
    .filter(([key, value]) => key !== 'credentialIndex' && value !== undefined)
    .map(([key, value]) => ({ key: keyName(key), value: valueText(value) }));
  if (rows.length === 0) return html``;
  return html`<h3 class="nhsuk-heading-s" id="${id}">${heading}</h3>${summaryList(rows)}`;
}

/**
 * The verified attributes of a check, as the report page shows them: a summary list per kind of
 * credential, tables for training and employment. Only what was disclosed and verified is there.
 */
export function describeAttributes(attributes: ExportedAttributes): SafeHtml {
  const parts: SafeHtml[] = [
    section('Identity', 'attributes-identity', attributes.identity),
    section('Right to work', 'attributes-right-to-work', attributes.rightToWork),
    ...attributes.registrations.map((r, i) => section(attributes.registrations.length > 1 ? `Professional registration ${i + 1}` : 'Professional registration', `attributes-registration-${i + 1}`, r)),
    section('DBS check', 'attributes-dbs', attributes.dbs),
    section('Occupational health', 'attributes-occupational-health', attributes.occupationalHealth),
    section('Previous assignment', 'attributes-assignment', attributes.assignment),
    section('Training placement', 'attributes-placement', attributes.placement),
    section('Role competence', 'attributes-role-competence', attributes.roleCompetence),
  ];
  if (attributes.training.length > 0) {
    parts.push(
      table({
        caption: 'Statutory and mandatory training',
        head: ['Subject', 'Level', 'Completed', 'Expires'],
        rows: attributes.training.map((t) => [t.title, t.level, formatDay(t.completedOn), formatDay(t.expiresOn)]),
      }),
    );
  }
  if (attributes.employment.length > 0) {
    parts.push(
      table({
        caption: 'Employment',
        head: ['Employer', 'Job title', 'From', 'To'],
        rows: attributes.employment.map((e) => [e.employer ?? '', e.jobTitle ?? '', e.startOn ? formatDay(e.startOn) : '', e.endOn ? formatDay(e.endOn) : 'Now']),
      }),
    );
  }
  const shown = parts.filter((p) => p.value.trim() !== '');
  return shown.length === 0 ? html`<p id="attributes-none">No verified details: nothing shared passed its checks.</p>` : html`${shown}`;
}
