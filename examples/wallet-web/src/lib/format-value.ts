// How the wallet writes dates, claim values and names for people (NHS.UK style: "3 March 2027").
import type { CredentialDescription } from '@staff-passport/wallet-sdk/browser';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// A photo carried as a data URL (the identity credential's portrait).
const IMAGE_DATA_URL = /^data:image\/(jpeg|png);base64,/;

/**
 * A photo in a claim as people read it, not as thousands of base64 characters: `A photo (JPEG, 12 KB)`.
 *
 * @example
 * describeImage('data:image/jpeg;base64,/9j/...'); // 'A photo (JPEG, 1 KB)'
 */
export function describeImage(dataUrl: string): string {
  const [, kind = 'image'] = IMAGE_DATA_URL.exec(dataUrl) ?? [];
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const bytes = Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);
  return `A photo (${kind.toUpperCase()}, ${Math.max(1, Math.round(bytes / 1024))} KB)`;
}
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * A date as people read it: `2027-03-03` -> `3 March 2027` (in UTC, so a date never shifts a day).
 *
 * @example
 * formatDate('2027-03-03T00:00:00Z'); // '3 March 2027'
 */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A moment as people read it, in the device's time zone: `3 March 2027 at 2:05pm`. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
  const time = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true }).format(date).replace(/\s/g, '');
  return `${day} at ${time}`;
}

/**
 * A claim's value as text: dates written out, lists joined, objects as "name: value" pairs.
 *
 * @example
 * formatValue(['a', 'b']); // 'a, b'
 */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'Not given';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string' && IMAGE_DATA_URL.test(value)) return describeImage(value);
  if (typeof value === 'string') return DATE.test(value) || DATE_TIME.test(value) ? formatDate(value) : value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([name, v]) => `${humanise(name)}: ${formatValue(v)}`)
      .join('; ');
  }
  return String(value);
}

/**
 * A claim line's value as text: the reference data's name for a coded value ("Fire safety" for
 * `fire_safety`), else the value written out by {@link formatValue}.
 *
 * @example
 * claimText({ value: 'fire_safety', text: 'Fire safety' }); // 'Fire safety'
 */
export function claimText(claim: { value: unknown; text?: string }): string {
  return claim.text ?? formatValue(claim.value);
}

/**
 * A claim or type name as words: `confidenceLevel` -> `Confidence level`, `IdentityVerification` -> `Identity verification`.
 */
export function humanise(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim()
    .split(/\s+/)
    .map((word) => (ACRONYMS.has(word) ? word.toUpperCase() : word))
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Initialisms in our credential types and claims, written as people write them ("DBS check"). */
const ACRONYMS = new Set(['dbs', 'nhs', 'gpg', 'esr', 'ods', 'afc', 'cstf', 'did', 'id', 'idsp', 'nmc', 'gmc', 'hcpc']);

/**
 * The label of a claim path (`credentialSubject.identity.confidenceLevel`, `identity.confidenceLevel`)
 * from the credential's description (the catalogue's labels), else its last name as words.
 */
export function claimLabel(path: string, description: CredentialDescription | undefined): string {
  const under = path.replace(/^credentialSubject\./, '');
  const found = description?.claims.find((c) => c.path === under)?.label;
  if (found) return found;
  const names = under.split('.').filter((s) => s !== '*' && !/^\d+$/.test(s));
  return humanise(names.at(-1) ?? under);
}

/**
 * A claim value at a path (`credentialSubject.training.subject`) as text: the name the
 * credential's description gives a coded value at that path, else {@link formatValue}.
 *
 * @example
 * claimValueText('credentialSubject.training.subject', 'fire_safety', description); // 'Fire safety'
 */
export function claimValueText(path: string, value: unknown, description: CredentialDescription | undefined): string {
  const under = path.replace(/^credentialSubject\./, '');
  const line = description?.claims.find((c) => c.path === under && c.value === value);
  return line?.text ?? formatValue(value);
}
