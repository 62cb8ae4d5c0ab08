import { PassportError } from '@staff-passport/core/browser';
import { describeCredential, type CredentialDescription } from './credentials/describe-credential.js';
import { storeCredential, type StoreCredentialOptions } from './credentials/store-credential.js';
import { exportWallet, type ExportWalletOptions } from './export/export-wallet.js';
import { importWallet, type ImportWalletResult } from './export/import-wallet.js';
import type { WalletExportFile } from './export/wallet-export-format.js';
import type { CreateKeyOptions, HolderKey } from './keys/key-store.js';
import { exportSharingLog, type SharingLogExport } from './log/export-sharing-log.js';
import type { SharingLogEntry, SharingLogFilter } from './log/sharing-log.js';
import { createVpJwt, type EnvelopedPresentation, type PresentationRequestAnswer } from './presentations/create-vp-jwt.js';
import { checkCredentialStatus, type CredentialStatusCheck } from './status/check-credential-status.js';
import type { CredentialFilter, StoredCredential } from './stores/credential-store.js';
import { acceptCredentialOffer, type AcceptCredentialOfferOptions } from './offers/accept-credential-offer.js';
import type { AcceptOfferResult, OfferPreview, PendingCredential } from './offers/offer-preview.js';
import { pollDeferred } from './offers/poll-deferred.js';
import { readCredentialOffer } from './offers/read-credential-offer.js';
import { rejectCredentialOffer } from './offers/reject-credential-offer.js';
import type { CollectionRequest, CollectionResult, FinishCredentialCollectionOptions, StartCredentialCollectionOptions } from './offers/collection-request.js';
import { finishCredentialCollection } from './offers/finish-credential-collection.js';
import { startCredentialCollection } from './offers/start-credential-collection.js';
import { readPresentationRequest, type ReadPresentationRequestOptions } from './sharing/read-presentation-request.js';
import { refusePresentationRequest } from './sharing/refuse-presentation-request.js';
import { previewDisclosures, type DisclosurePreview } from './sharing/preview-disclosures.js';
import { sharePresentation, type SharePresentationOptions, type ShareResult } from './sharing/share-presentation.js';
import type { SharePreview } from './sharing/share-preview.js';
import type { WalletParts } from './wallet-parts.js';

/** What {@link Wallet} is built from: the three stores, and optionally the network, clock and registry. */
export type WalletOptions = Partial<WalletParts> & Pick<WalletParts, 'keys' | 'credentials' | 'log'>;

/**
 * A staff member's wallet: holder keys, the credentials they hold, the sharing log, and their
 * control over all of it (export, import, delete); receiving by OpenID4VCI and sharing by OpenID4VP.
 * Storage is injected, so the same wallet runs on SQLite in Node (`openNodeWallet`) and IndexedDB
 * in browsers (`openBrowserWallet`). Each method is the like-named function with {@link Wallet.parts}.
 *
 * @example
 * const wallet = new Wallet({ keys: new MemoryKeyStore(), credentials: new MemoryCredentialStore(), log: new MemorySharingLog() });
 * const holder = await wallet.createHolder();
 */
export class Wallet {
  /** The stores, network and clock every wallet operation takes. */
  readonly parts: WalletParts;

  constructor(options: WalletOptions) {
    this.parts = {
      ...options,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      now: options.now ?? (() => new Date()),
    };
  }

  /**
   * Creates a holder key and returns its DID (default Ed25519 did:key).
   *
   * @example
   * const holder = await wallet.createHolder(); // 'did:key:z6Mk...'
   */
  async createHolder(options?: CreateKeyOptions): Promise<string> {
    return (await this.parts.keys.createKey(options)).did;
  }

  /** Creates a holder key and returns it whole (DID, kid, public JWK). */
  createKey(options?: CreateKeyOptions): Promise<HolderKey> {
    return this.parts.keys.createKey(options);
  }

  /** The holder DIDs this wallet controls, oldest first. */
  async listHolders(): Promise<string[]> {
    return (await this.parts.keys.listKeys()).map((k) => k.did);
  }

  listKeys(): Promise<HolderKey[]> {
    return this.parts.keys.listKeys();
  }

  /**
   * Stores a credential issued to one of this wallet's holders (any format: see `storeCredential`).
   *
   * @throws PassportError `ERR_VC_MALFORMED`, `ERR_VP_HOLDER_MISMATCH`.
   */
  storeCredential(credential: unknown, options?: StoreCredentialOptions): Promise<StoredCredential> {
    return storeCredential(this.parts, credential, options);
  }

  /**
   * The credentials the holder has now, oldest first: those replaced by a renewal are left out
   * (`superseded: true` lists only those; `parts.credentials.list()` lists everything).
   */
  listCredentials(filter: CredentialFilter = {}): Promise<StoredCredential[]> {
    return this.parts.credentials.list({ superseded: false, ...filter });
  }

  /** Credentials replaced by a renewal (issue 19 item 3), kept for the history, oldest first. */
  listReplacedCredentials(): Promise<StoredCredential[]> {
    return this.parts.credentials.list({ superseded: true });
  }

  getCredential(id: string): Promise<StoredCredential | undefined> {
    return this.parts.credentials.get(id);
  }

  /** Deletes one credential; false when the wallet did not hold it. */
  deleteCredential(id: string): Promise<boolean> {
    return this.parts.credentials.delete(id);
  }

  /**
   * A stored credential as a screen shows it (see `describeCredential`).
   *
   * @throws PassportError `ERR_WALLET_CREDENTIAL_NOT_FOUND` for an unknown id.
   */
  async describeCredential(idOrCredential: string | StoredCredential, options: { locale?: string } = {}): Promise<CredentialDescription> {
    return describeCredential(await this.resolve(idOrCredential), {
      now: this.parts.now(),
      ...(options.locale ? { locale: options.locale } : {}),
      ...(this.parts.findOrganisation ? { findOrganisation: this.parts.findOrganisation } : {}),
    });
  }

  /**
   * Checks a stored credential's status now (the whole list is fetched; see `checkCredentialStatus`).
   *
   * @throws PassportError `ERR_WALLET_CREDENTIAL_NOT_FOUND` for an unknown id.
   */
  async checkCredentialStatus(idOrCredential: string | StoredCredential): Promise<CredentialStatusCheck> {
    return checkCredentialStatus(await this.resolve(idOrCredential), this.parts);
  }

  /**
   * A VP JWT of VC-JOSE credentials for a VC API verifier (see `createVpJwt`).
   *
   * @throws PassportError `ERR_REQUEST_INVALID`.
   */
  createPresentation(answer: PresentationRequestAnswer): Promise<EnvelopedPresentation> {
    return createVpJwt(this.parts, answer);
  }

  /** The sharing log, oldest first. */
  listSharingLog(filter?: SharingLogFilter): Promise<SharingLogEntry[]> {
    return this.parts.log.list(filter);
  }

  /** The sharing log as a JSON document the holder can keep. */
  exportSharingLog(filter?: SharingLogFilter): Promise<SharingLogExport> {
    return exportSharingLog(this.parts, filter);
  }

  deleteSharingLogEntry(id: string): Promise<boolean> {
    return this.parts.log.delete(id);
  }

  clearSharingLog(): Promise<void> {
    return this.parts.log.clear();
  }

  /**
   * Everything, encrypted with a passphrase (see `exportWallet`).
   *
   * @throws PassportError `ERR_REQUEST_INVALID` for a passphrase under 8 characters.
   */
  exportWallet(options: ExportWalletOptions): Promise<WalletExportFile> {
    return exportWallet(this.parts, options);
  }

  /**
   * Restores an export into this wallet, without duplicates (see `importWallet`).
   *
   * @throws PassportError `ERR_WALLET_EXPORT_INVALID`, `ERR_WALLET_PASSPHRASE_INVALID`.
   */
  importWallet(file: unknown, options: { passphrase: string }): Promise<ImportWalletResult> {
    return importWallet(this.parts, file, options);
  }

  /** Deletes every holder key, credential and log entry: the wallet is as new. */
  async deleteEverything(): Promise<void> {
    for (const key of await this.parts.keys.listKeys()) await this.parts.keys.deleteKey(key.did);
    await this.parts.credentials.clear();
    await this.parts.log.clear();
  }

  /**
   * Reads an OpenID4VCI credential offer (QR text or `openid-credential-offer://` link): who offers
   * what, whether a transaction code is needed. Nothing is accepted yet.
   *
   * @example
   * const offer = await wallet.readCredentialOffer(scannedText);
   * @throws PassportError `ERR_WALLET_OFFER_INVALID`, `ERR_WALLET_ISSUER_ERROR`.
   */
  readCredentialOffer(text: string): Promise<OfferPreview> {
    return readCredentialOffer(this.parts, text);
  }

  /**
   * Accepts an offer: token with the transaction code, key proofs, credentials stored, issuer notified.
   *
   * @throws PassportError `ERR_WALLET_ISSUER_ERROR` (the issuer's error in `field`).
   */
  acceptCredentialOffer(preview: OfferPreview, options?: AcceptCredentialOfferOptions): Promise<AcceptOfferResult> {
    return acceptCredentialOffer(this.parts, preview, options);
  }

  /** Rejects an offer: nothing is fetched or stored; the refusal is logged. */
  rejectCredentialOffer(preview: OfferPreview): Promise<void> {
    return rejectCredentialOffer(this.parts, preview);
  }

  /**
   * Starts collecting by signing in at the organisation (the authorization code flow): from an
   * offer with the `authorization_code` grant, or from the credential issuer's identifier alone.
   * Open the returned `authorizationUrl` in the browser and keep the request until it comes back.
   *
   * @throws PassportError `ERR_WALLET_OFFER_INVALID`, `ERR_WALLET_ISSUER_ERROR`.
   */
  startCredentialCollection(from: OfferPreview | string, options: StartCredentialCollectionOptions): Promise<CollectionRequest> {
    return startCredentialCollection(this.parts, from, options);
  }

  /**
   * Finishes a collection with the URL the browser came back to: the code exchanged, each waiting
   * credential requested with a key proof and stored; `nothing-waiting` when the organisation had nothing.
   *
   * @throws PassportError `ERR_WALLET_OFFER_INVALID` (state, iss), `ERR_WALLET_ISSUER_ERROR`.
   */
  finishCredentialCollection(request: CollectionRequest, redirectUrl: string, options?: FinishCredentialCollectionOptions): Promise<CollectionResult> {
    return finishCredentialCollection(this.parts, request, redirectUrl, options);
  }

  /** Asks the issuer again for a deferred credential (a check that was still pending). */
  pollDeferred(pending: PendingCredential): Promise<AcceptOfferResult> {
    return pollDeferred(this.parts, pending);
  }

  /**
   * Reads an OpenID4VP request (`openid4vp://` link or QR text): who asks, why, and exactly which
   * claims of which credentials would be shared.
   *
   * @throws PassportError `ERR_WALLET_REQUEST_INVALID`, `ERR_WALLET_REQUEST_SIGNATURE_INVALID`.
   */
  readPresentationRequest(text: string, options?: ReadPresentationRequestOptions): Promise<SharePreview> {
    return readPresentationRequest(this.parts, text, { ...(this.parts.allowHttpLoopback ? { allowHttpLoopback: true } : {}), ...options });
  }

  /**
   * Exactly what {@link Wallet.sharePresentation} would send with these options, credential by
   * credential: every claim that would leave the device, and which were not asked for.
   *
   * @throws PassportError `ERR_WALLET_NO_MATCH`, `ERR_WALLET_REQUEST_INVALID`.
   */
  previewDisclosures(preview: SharePreview, options?: SharePresentationOptions): Promise<DisclosurePreview[]> {
    return previewDisclosures(preview, options);
  }

  /**
   * Shares what the holder chose (optional claims left out; with `partial`, the part of the
   * request the wallet holds), by `direct_post`; the share is logged claim by claim with the
   * credential each came from.
   *
   * @throws PassportError `ERR_WALLET_REQUEST_INVALID` (a required claim left out), `ERR_WALLET_VERIFIER_ERROR`.
   */
  sharePresentation(preview: SharePreview, options?: SharePresentationOptions): Promise<ShareResult> {
    return sharePresentation(this.parts, preview, options);
  }

  /** Refuses a request: the verifier is told `access_denied`; the refusal is logged. */
  refusePresentationRequest(preview: SharePreview): Promise<{ redirectUri?: string }> {
    return refusePresentationRequest(this.parts, preview);
  }

  private async resolve(idOrCredential: string | StoredCredential): Promise<StoredCredential> {
    if (typeof idOrCredential !== 'string') return idOrCredential;
    const found = await this.parts.credentials.get(idOrCredential);
    if (!found) throw new PassportError('ERR_WALLET_CREDENTIAL_NOT_FOUND', `this wallet holds no credential ${idOrCredential}`, { field: 'id' });
    return found;
  }
}
