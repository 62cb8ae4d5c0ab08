import { PassportError } from '@staff-passport/core/browser';
import { signJwt } from '../lib/sign-jwt.js';
import type { StoredCredential } from '../stores/credential-store.js';
import type { WalletParts } from '../wallet-parts.js';

/** A request to present: the verifier's nonce and audience, and which credentials to share. */
export interface PresentationRequestAnswer {
  /** Ids of stored credentials to present (VC-JOSE, `vc+jwt`). */
  credentialIds: string[];
  /** The verifier's nonce (VC API `challenge`). */
  challenge: string;
  /** The verifier's audience (VC API `domain`). */
  domain: string;
  now?: Date;
  /** How long the presentation is good for, seconds; default 300. */
  lifetimeSeconds?: number;
}

/** A VP JWT wrapped as an `EnvelopedVerifiablePresentation` (VC Data Model 2.0, section 4.13.2). */
export interface EnvelopedPresentation {
  '@context': string;
  type: 'EnvelopedVerifiablePresentation';
  id: string;
}

/**
 * Answers a VC API style presentation request: a VC Data Model 2.0 presentation of the chosen
 * VC-JOSE credentials, secured as a VP JWT (`typ: vp+jwt`, VC-JOSE-COSE section 3.2) by the holder
 * they were issued to and bound to the verifier's nonce and audience (`nonce`, `aud`). The same
 * shape as core's `signVpJose`, signed here with the key store's signer so it runs in browsers.
 *
 * @example
 * const vp = await createVpJwt(parts, { credentialIds: [id], challenge, domain });
 * // POST { verifiablePresentation: vp, options: { challenge, domain } } to /presentations/verify
 * @throws PassportError `ERR_REQUEST_INVALID` for no credentials, an unknown id, a credential that
 *   is not VC-JOSE, or credentials of different holders; `ERR_WALLET_KEY_NOT_FOUND` when the holder's key is gone.
 */
export async function createVpJwt(parts: Pick<WalletParts, 'keys' | 'credentials' | 'now'>, answer: PresentationRequestAnswer): Promise<EnvelopedPresentation> {
  if (answer.credentialIds.length === 0) throw new PassportError('ERR_REQUEST_INVALID', 'choose at least one credential', { field: 'credentialIds' });
  const chosen: StoredCredential[] = [];
  for (const id of answer.credentialIds) {
    const c = await parts.credentials.get(id);
    if (!c) throw new PassportError('ERR_REQUEST_INVALID', `this wallet holds no credential ${id}`, { field: 'credentialIds' });
    if (c.format !== 'vc+jwt' || typeof c.raw !== 'string') throw new PassportError('ERR_REQUEST_INVALID', `${id} is a ${c.format} credential; only VC-JOSE credentials go in a VP JWT`, { field: 'credentialIds' });
    chosen.push(c);
  }
  const holder = chosen[0]!.holder;
  if (chosen.some((c) => c.holder !== holder)) {
    throw new PassportError('ERR_REQUEST_INVALID', 'the credentials were issued to different holders; present them separately', { field: 'credentialIds' });
  }
  const iat = Math.floor((answer.now ?? parts.now()).getTime() / 1000);
  const jwt = await signJwt(
    await parts.keys.signerFor(holder),
    { typ: 'vp+jwt', cty: 'vp' },
    {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      holder,
      verifiableCredential: chosen.map((c) => ({ '@context': 'https://www.w3.org/ns/credentials/v2', type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${String(c.raw)}` })),
      iss: holder,
      aud: answer.domain,
      nonce: answer.challenge,
      iat,
      exp: iat + (answer.lifetimeSeconds ?? 300),
    },
  );
  return { '@context': 'https://www.w3.org/ns/credentials/v2', type: 'EnvelopedVerifiablePresentation', id: `data:application/vp+jwt,${jwt}` };
}
