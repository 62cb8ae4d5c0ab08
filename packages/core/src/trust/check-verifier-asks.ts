import { describeUnregisteredAsk as describe } from './lib/describe-unregistered-ask.js';
import { findUnregisteredAsks } from './find-unregistered-asks.js';
import { isEntryActiveAt } from './lib/registry-dates.js';
import { toTrustedOrganisation } from './lib/to-trusted-organisation.js';
import type { TrustRegistry, TrustedOrganisation, UnregisteredAsk, VerifierCredentialAsk } from './trust-registry-model.js';

/** Options for {@link checkVerifierAsks}. */
export interface CheckVerifierAsksOptions {
  /** The DID the request is made (and signed) as. */
  verifierDid: string;
  /**
   * The purpose the request is made for (a kind of move, `new_employer`...); when absent, what is
   * registered for any purpose counts (a wallet given a request that names none).
   */
  purpose?: string;
  /** What the request asks for: credential types and their claims (dotted paths under credentialSubject). */
  asks: readonly VerifierCredentialAsk[];
  /** The instant the entry must be in force at (now when absent). */
  at?: Date;
}

/** How a verifier's request stands against its trust registry entry. */
export type VerifierAsksCheck =
  | { registered: true; allowed: true; organisation: TrustedOrganisation; purposes: string[] }
  | {
      /** Whether the DID has an entry with asks in force (its organisation is then known). */
      registered: boolean;
      allowed: false;
      organisation?: TrustedOrganisation;
      /** The purposes the entry registers (empty when not registered). */
      purposes: string[];
      code: 'ERR_VERIFIER_NOT_REGISTERED' | 'ERR_ASK_NOT_REGISTERED';
      message: string;
      /** Each purpose, type or claim asked that the entry does not register. */
      notRegistered: UnregisteredAsk[];
    };

/**
 * Checks what a verifier asks for against its trust registry entry in force: the credential
 * types and claims registered for the purpose (a kind of move). The entry is looked up by the DID
 * the request is made as; a DID without an entry with `asks` is not registered to ask for
 * anything. Never throws for a request beyond the entry: it returns each purpose, type and claim
 * not registered (`ERR_VERIFIER_NOT_REGISTERED`, `ERR_ASK_NOT_REGISTERED`).
 *
 * @example
 * const r = checkVerifierAsks(registry, { verifierDid, purpose: 'new_employer', asks: [{ type: 'DbsCheck', claims: ['dbs.level'] }] });
 * if (!r.allowed) throw new PassportError(r.code, r.message, { issues: toUnregisteredAskIssues(r.notRegistered) });
 */
export function checkVerifierAsks(registry: TrustRegistry, options: CheckVerifierAsksOptions): VerifierAsksCheck {
  const at = options.at ?? new Date();
  const entry = registry.entries.find((e) => e.did === options.verifierDid && isEntryActiveAt(e, at) && e.asks !== undefined);
  const purpose = options.purpose ?? 'any purpose';
  if (!entry) {
    const listed = registry.entries.find((e) => e.did === options.verifierDid && isEntryActiveAt(e, at));
    return {
      registered: false,
      allowed: false,
      ...(listed ? { organisation: toTrustedOrganisation(listed) } : {}),
      purposes: [],
      code: 'ERR_VERIFIER_NOT_REGISTERED',
      message: `${options.verifierDid} is not registered in the trust registry to ask for credentials`,
      notRegistered: options.asks.map((a) => ({ purpose, type: a.type })),
    };
  }
  const organisation = toTrustedOrganisation(entry);
  const asks = entry.asks!;
  const purposes = [...new Set(asks.flatMap((a) => a.purposes))];
  const applying = options.purpose === undefined ? asks : asks.filter((a) => a.purposes.includes(options.purpose!));
  const notRegistered = findUnregisteredAsks(applying, options.asks, purpose);
  if (notRegistered.length === 0) return { registered: true, allowed: true, organisation, purposes };
  return {
    registered: true,
    allowed: false,
    organisation,
    purposes,
    code: 'ERR_ASK_NOT_REGISTERED',
    message: `${organisation.name} (${options.verifierDid}) is not registered to ask for ${notRegistered.map(describe).join('; ')}`,
    notRegistered,
  };
}
