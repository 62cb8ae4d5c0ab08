import { isEntryActiveAt } from './lib/registry-dates.js';
import type { TrustRegistry, TrustRegistryEntry } from './trust-registry-model.js';

/** Options for {@link checkIssuerTrust}. */
export interface CheckIssuerTrustOptions {
  /** The credential's issuer DID. */
  issuerDid: string;
  /** The catalogue type name of the credential, for example `TrainingRecord`. */
  credentialType: string;
  /**
   * The instant trust is judged at: the credential's issuance (so a credential issued before a
   * trust merged away stays trusted), or now to require current trust. Now when absent.
   */
  at?: Date;
}

/** Whether the registry trusts an issuer for a credential type at an instant. */
export type IssuerTrust =
  | { trusted: true; entry: TrustRegistryEntry }
  | { trusted: false; code: 'ERR_ISSUER_NOT_TRUSTED' | 'ERR_ISSUER_TYPE_NOT_ALLOWED'; message: string };

function allows(entry: TrustRegistryEntry, credentialType: string): boolean {
  return entry.credentialTypes.includes('*') || entry.credentialTypes.includes(credentialType);
}

/** Why a listed DID is not trusted at this instant: not yet, ended, or merged into a successor. */
function outsidePeriods(entries: TrustRegistryEntry[], issuerDid: string, at: Date): string {
  const t = at.getTime();
  const ended = entries.filter((e) => e.validUntil !== undefined && Date.parse(e.validUntil) <= t);
  const last = ended.sort((a, b) => Date.parse(b.validUntil!) - Date.parse(a.validUntil!))[0];
  if (last?.successor) return `${issuerDid} (${last.name}) was trusted until ${last.validUntil!}; its successor is ${last.successor}`;
  if (last) return `${issuerDid} (${last.name}) was trusted until ${last.validUntil!}`;
  const next = entries.map((e) => e.validFrom).sort()[0];
  return `${issuerDid} is trusted only from ${next ?? 'a later date'}`;
}

/**
 * Whether the trust registry lets an issuer DID issue a credential type at an instant. Only the
 * registry maps a DID to an organisation: names and ODS codes inside a credential are never
 * trusted. Not listed, or listed but outside every period: `ERR_ISSUER_NOT_TRUSTED`; listed for
 * the instant but not for the type: `ERR_ISSUER_TYPE_NOT_ALLOWED`. A merged trust's entry ends at
 * the merge and names its successor, which needs its own entry to be trusted afterwards.
 *
 * @example
 * const r = checkIssuerTrust(registry, { issuerDid: 'did:web:rth.example.nhs.uk', credentialType: 'TrainingRecord', at: new Date() });
 * if (!r.trusted) list.fail('trust', r.code, r.message);
 */
export function checkIssuerTrust(registry: TrustRegistry, options: CheckIssuerTrustOptions): IssuerTrust {
  const at = options.at ?? new Date();
  const entries = registry.entries.filter((e) => e.did === options.issuerDid);
  if (entries.length === 0) {
    return { trusted: false, code: 'ERR_ISSUER_NOT_TRUSTED', message: `${options.issuerDid} is not in the trust registry` };
  }
  const active = entries.filter((e) => isEntryActiveAt(e, at));
  if (active.length === 0) {
    return { trusted: false, code: 'ERR_ISSUER_NOT_TRUSTED', message: `${outsidePeriods(entries, options.issuerDid, at)} (checked at ${at.toISOString()})` };
  }
  const entry = active.find((e) => allows(e, options.credentialType));
  if (!entry) {
    const allowed = active.flatMap((e) => e.credentialTypes).join(', ');
    return {
      trusted: false,
      code: 'ERR_ISSUER_TYPE_NOT_ALLOWED',
      message: `${options.issuerDid} (${active[0]!.name}) may issue ${allowed}, not ${options.credentialType}`,
    };
  }
  return { trusted: true, entry };
}
