import {
  PassportError,
  decodeCompactJws,
  envelopePresentation,
  extractEnvelopedJwt,
  isObject,
  sha256Hex,
  signVpJose,
} from '@staff-passport/core';
import { findCatalogueTypes } from '@staff-passport/schemas';
import type { CredentialStore, StoredCredential } from './stores/credential-store.js';
import type { HolderKeys } from './stores/holder-keys.js';

/** A request to present: the verifier's nonce and audience, and which credentials to share. */
export interface PresentationRequestAnswer {
  /** Ids of stored credentials to present. */
  credentialIds: string[];
  /** The verifier's nonce (VC API `challenge`). */
  challenge: string;
  /** The verifier's audience (VC API `domain`). */
  domain: string;
  now?: Date;
}

/**
 * A staff member's wallet: holder keys, the credentials they hold, and presentations.
 * Storage is injected, so the same wallet runs on SQLite in Node and IndexedDB in browsers.
 */
export class Wallet {
  constructor(
    private readonly keys: HolderKeys,
    private readonly credentials: CredentialStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Creates a holder DID (did:key, Ed25519) to receive credentials with.
   *
   * @example
   * const holder = await wallet.createHolder(); // 'did:key:z6Mk...'
   */
  createHolder(): Promise<string> {
    return this.keys.createHolder();
  }

  listHolders(): Promise<string[]> {
    return this.keys.listHolders();
  }

  /**
   * Stores a VC-JOSE credential issued to one of this wallet's holders.
   *
   * @throws PassportError `ERR_VC_MALFORMED` when it is not a VC-JOSE credential, `ERR_VP_HOLDER_MISMATCH` when it was issued to someone else.
   */
  async storeCredential(credential: unknown): Promise<StoredCredential> {
    const jwt = extractEnvelopedJwt(credential, 'application/vc+jwt');
    if (jwt === undefined) throw new PassportError('ERR_VC_MALFORMED', 'not an enveloped VC-JOSE credential', { field: 'verifiableCredential' });
    const { payload } = decodeCompactJws(jwt, 'ERR_VC_MALFORMED');
    const subject = isObject(payload['credentialSubject']) ? payload['credentialSubject']['id'] : undefined;
    const holders = await this.keys.listHolders();
    if (typeof subject !== 'string' || !holders.includes(subject)) {
      throw new PassportError('ERR_VP_HOLDER_MISMATCH', 'the credential was not issued to a holder of this wallet', { field: 'credentialSubject.id' });
    }
    const issuer = isObject(payload['issuer']) ? payload['issuer']['id'] : payload['issuer'];
    const stored: StoredCredential = {
      id: typeof payload['id'] === 'string' ? payload['id'] : `urn:sha256:${sha256Hex(jwt)}`,
      jwt,
      format: 'vc+jwt',
      types: findCatalogueTypes(payload['type']).map((d) => d.type),
      issuer: typeof issuer === 'string' ? issuer : '',
      subject,
      ...(typeof payload['validUntil'] === 'string' ? { validUntil: payload['validUntil'] } : {}),
      storedAt: this.now().toISOString(),
    };
    await this.credentials.put(stored);
    return stored;
  }

  listCredentials(filter?: { type?: string }): Promise<StoredCredential[]> {
    return this.credentials.list(filter);
  }

  deleteCredential(id: string): Promise<boolean> {
    return this.credentials.delete(id);
  }

  /**
   * Answers a presentation request: a VP JWT of the chosen credentials, signed by the holder they
   * were issued to, bound to the verifier's nonce and audience.
   *
   * @example
   * const vp = await wallet.createPresentation({ credentialIds: [id], challenge, domain });
   * // POST { verifiablePresentation: vp, options: { challenge, domain } } to /presentations/verify
   * @throws PassportError `ERR_REQUEST_INVALID` for an unknown credential id, or credentials of different holders.
   */
  async createPresentation(answer: PresentationRequestAnswer): Promise<ReturnType<typeof envelopePresentation>> {
    if (answer.credentialIds.length === 0) throw new PassportError('ERR_REQUEST_INVALID', 'choose at least one credential', { field: 'credentialIds' });
    const chosen: StoredCredential[] = [];
    for (const id of answer.credentialIds) {
      const c = await this.credentials.get(id);
      if (!c) throw new PassportError('ERR_REQUEST_INVALID', `this wallet holds no credential ${id}`, { field: 'credentialIds' });
      chosen.push(c);
    }
    const holder = chosen[0]!.subject;
    if (chosen.some((c) => c.subject !== holder)) {
      throw new PassportError('ERR_REQUEST_INVALID', 'the credentials were issued to different holders; present them separately', { field: 'credentialIds' });
    }
    const jwt = await signVpJose({
      holder,
      signer: await this.keys.signerFor(holder),
      credentials: chosen.map((c) => c.jwt),
      nonce: answer.challenge,
      audience: answer.domain,
      now: answer.now ?? this.now(),
    });
    return envelopePresentation(jwt);
  }
}
