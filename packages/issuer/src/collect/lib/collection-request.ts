import { randomBytes } from 'node:crypto';
import type { OidcSignInState } from '../../console/sign-in/oidc-sign-in.js';
import type { IssuerContext } from '../../issuer-context.js';
import { hashSecret } from '../../oid4vci/lib/offer-store.js';
import type { CollectionRequestRow } from '../../store/staff-collection-store.js';

/** The wallet's authorization request (OpenID4VCI 1.0, section 5.1), as checked. */
export interface WalletRequest {
  clientId: string;
  redirectUri: string;
  /** RFC 7636: the S256 challenge of the wallet's code verifier. */
  codeChallenge: string;
  /** The wallet's `state`, echoed back (RFC 6749, 4.1.2). */
  state?: string;
  /** The credential configurations asked for, by `authorization_details` or `scope`. */
  configurationIds: string[];
  /** Whether they were asked for by `authorization_details` (the token response then names credential identifiers). */
  byAuthorizationDetails: boolean;
  /** The held offer an `issuer_state` named, if any. */
  heldOfferId?: string;
}

/** What a collection request keeps while the person signs in. */
export interface SealedCollectionRequest {
  wallet: WalletRequest;
  signIn: OidcSignInState;
}

/** The id of a collection request: the hash of the state sent to the provider, so the callback finds it. */
export function collectionRequestIdFor(signInState: string): string {
  return `car_${hashSecret(signInState).slice(0, 40)}`;
}

/** Seals what a request keeps (bound to its id). */
export function sealCollectionRequest(ctx: Pick<IssuerContext, 'secretBox'>, id: string, request: SealedCollectionRequest): string {
  return ctx.secretBox.seal(JSON.stringify(request), id);
}

/** Opens what a request keeps. */
export function openCollectionRequest(ctx: Pick<IssuerContext, 'secretBox'>, row: CollectionRequestRow): SealedCollectionRequest {
  return JSON.parse(ctx.secretBox.open(row.sealed, row.id).toString('utf8')) as SealedCollectionRequest;
}

/** A fresh authorization code or access token. */
export function newBearerSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The wallet's redirect URI with the answer's parameters added (RFC 6749, 4.1.2 and 4.1.2.1; RFC 9207 `iss`). */
export function redirectWith(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return url.href;
}
