import type { RegisteredAsk } from '@staff-passport/core/browser';
import type { KeyStore } from './keys/key-store.js';
import type { SharingLogStore } from './log/sharing-log.js';
import type { CredentialStore } from './stores/credential-store.js';

/** An organisation as the trust registry lists it, for showing who offers or asks. */
export interface WalletOrganisation {
  name: string;
  odsCode?: string;
  /** Catalogue types the registry allows it to issue (empty for a verifier-only entry). */
  credentialTypes?: string[];
  /** As a verifier: what the registry registers it to ask for, per purpose (absent: nothing). */
  asks?: RegisteredAsk[];
}

/** Finds the organisation behind a DID (or issuer identifier) in the trust registry. */
export type OrganisationLookup = (didOrIdentifier: string) => Promise<WalletOrganisation | undefined>;

/**
 * What every wallet operation works with: the stores, the network and the clock. The protocol
 * functions (offers, sharing) take this bag, so they run the same in Node and browsers.
 */
export interface WalletParts {
  keys: KeyStore;
  credentials: CredentialStore;
  log: SharingLogStore;
  /** The network (default `globalThis.fetch`); injected so tests and apps can route or restrict it. */
  fetch: typeof globalThis.fetch;
  now: () => Date;
  /**
   * Resolve did:web on a loopback host over plain http (tests and local demos only; default off).
   */
  allowHttpLoopback?: boolean;
  /** The trust registry lookup; without one, organisations are shown as not listed. */
  findOrganisation?: OrganisationLookup;
}
