import { isObject } from '@staff-passport/core/browser';
import { getClaimValueTitle, getCredentialTitle, getCredentialType, getCredentialTypeByVct, type CredentialTypeDefinition } from '@staff-passport/schemas';
import type { StoredCredential } from '../stores/credential-store.js';
import type { WalletParts } from '../wallet-parts.js';

/** Where a credential stands in time. */
export type ExpiryState = 'valid' | 'expiring' | 'expired' | 'not-yet-valid';

/** A credential as a wallet screen shows it. */
export interface CredentialDescription {
  id: string;
  /**
   * What it is, from the catalogue: named by its claims where they say ("Fire safety, level 1",
   * "NMC registration"), else the type's title ("DBS check"); the type name for a type outside the catalogue.
   */
  title: string;
  description?: string;
  /** The catalogue type, when known. */
  type?: string;
  issuer: {
    did: string;
    /** From the trust registry; undefined when the issuer is not listed (or no lookup was given). */
    name?: string;
    odsCode?: string;
  };
  /**
   * Every claim as a labelled line, in the credential's order; `path` is dotted under the subject;
   * `text` is the reference data's name for a coded value (`fire_safety`: "Fire safety").
   */
  claims: { path: string; label: string; value: unknown; text?: string }[];
  expiry: { state: ExpiryState; text: string; validFrom?: string; validUntil?: string };
}

/** Options for {@link describeCredential}. */
export interface DescribeCredentialOptions {
  /** Default the system clock. */
  now?: Date;
  /** For dates in the text; default `en-GB`. */
  locale?: string;
  /** The trust registry lookup, for the issuer's name. */
  findOrganisation?: WalletParts['findOrganisation'];
}

/** A credential within this many days of its end is `expiring`. */
export const EXPIRING_WITHIN_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * What a wallet screen shows for a stored credential: title and description from the catalogue,
 * the issuer's name from the trust registry, each claim with its label (the catalogue's labels,
 * else the claim's own name), and where it stands in time: `expired` (`expired 3 days ago`),
 * `expiring` within 30 days (`expires in 12 days`), `not-yet-valid` (`valid from 1 May 2026`) or
 * `valid` (`expires on 1 May 2027`, or `does not expire`).
 *
 * @example
 * const view = await describeCredential(stored, { now: new Date(), findOrganisation });
 * view.expiry; // { state: 'expiring', text: 'expires in 30 days', validUntil: '...' }
 */
export async function describeCredential(stored: StoredCredential, options: DescribeCredentialOptions = {}): Promise<CredentialDescription> {
  const now = options.now ?? new Date();
  const locale = options.locale ?? 'en-GB';
  const definition = definitionOf(stored);
  const organisation = stored.issuer && options.findOrganisation ? await options.findOrganisation(stored.issuer) : undefined;
  return {
    id: stored.id,
    title: definition ? getCredentialTitle(definition, stored.claims) : (stored.types[0] ?? stored.vct ?? 'Credential'),
    ...(definition ? { description: definition.description, type: definition.type } : {}),
    issuer: { did: stored.issuer, ...(organisation ? { name: organisation.name, ...(organisation.odsCode ? { odsCode: organisation.odsCode } : {}) } : {}) },
    claims: claimLines(stored.claims, definition),
    expiry: expiryOf(stored, now, locale),
  };
}

function definitionOf(stored: StoredCredential): CredentialTypeDefinition | undefined {
  for (const type of stored.types) {
    const found = getCredentialType(type);
    if (found) return found;
  }
  return stored.vct ? getCredentialTypeByVct(stored.vct) : undefined;
}

function claimLines(claims: Record<string, unknown>, definition: CredentialTypeDefinition | undefined): CredentialDescription['claims'] {
  const labels = definition?.labels ?? {};
  const lines: CredentialDescription['claims'] = [];
  const walk = (value: unknown, path: string): void => {
    // Objects are walked into: each leaf is a line, labelled by its dotted path (`dbs.level`).
    if (isObject(value)) {
      for (const [name, v] of Object.entries(value)) walk(v, path ? `${path}.${name}` : name);
      return;
    }
    const text = definition ? getClaimValueTitle(definition, path, value) : undefined;
    lines.push({ path, label: labels[path] ?? humanise(path.split('.').at(-1) ?? path), value, ...(text === undefined ? {} : { text }) });
  };
  walk(claims, '');
  return lines;
}

/** `lastStatusCheckOn` -> `Last status check on`: the claim's own name, when the catalogue has no label. */
function humanise(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function expiryOf(stored: StoredCredential, now: Date, locale: string): CredentialDescription['expiry'] {
  const dates = { ...(stored.validFrom ? { validFrom: stored.validFrom } : {}), ...(stored.validUntil ? { validUntil: stored.validUntil } : {}) };
  const format = (iso: string): string => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso));
  const from = stored.validFrom ? Date.parse(stored.validFrom) : Number.NaN;
  const until = stored.validUntil ? Date.parse(stored.validUntil) : Number.NaN;
  const nowMs = now.getTime();
  if (!Number.isNaN(from) && from > nowMs) return { state: 'not-yet-valid', text: `valid from ${format(stored.validFrom!)}`, ...dates };
  if (Number.isNaN(until)) return { state: 'valid', text: 'does not expire', ...dates };
  if (until <= nowMs) {
    const days = Math.floor((nowMs - until) / DAY_MS);
    return { state: 'expired', text: days === 0 ? 'expired today' : `expired ${plural(days)} ago`, ...dates };
  }
  const days = Math.ceil((until - nowMs) / DAY_MS);
  if (days <= EXPIRING_WITHIN_DAYS) return { state: 'expiring', text: `expires in ${plural(days)}`, ...dates };
  return { state: 'valid', text: `expires on ${format(stored.validUntil!)}`, ...dates };
}

function plural(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}
