import { PassportError } from '@staff-passport/core';
import type { IssuerContext } from '../../issuer-context.js';
import { createStaffCollectionStore } from '../../store/staff-collection-store.js';

/** How many redirect URIs an organisation may register for its wallets. */
export const MAX_WALLET_REDIRECT_URIS = 20;

function invalid(field: string, message: string): PassportError {
  return new PassportError('ERR_REQUEST_INVALID', message, { field });
}

function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

/**
 * A redirect URI a wallet may be sent back to: absolute, no fragment (RFC 6749, 3.1.2); https, a
 * wallet's own scheme, or http on loopback only where the deployment allows it.
 *
 * @throws PassportError `ERR_REQUEST_INVALID` (field `field`).
 */
export function checkRedirectUriShape(value: string, allowHttpLoopback: boolean, field = 'redirect_uri'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(field, `${field} must be an absolute URI`);
  }
  if (url.hash || value.includes('#')) throw invalid(field, `${field} must not have a fragment`);
  if (url.protocol === 'http:' && !(allowHttpLoopback && isLoopback(url))) throw invalid(field, `${field} must be https (or the wallet app scheme)`);
  if (['javascript:', 'data:', 'file:', 'blob:', 'vbscript:'].includes(url.protocol)) throw invalid(field, `${field} must be https (or the wallet app scheme)`);
  return value;
}

/**
 * Reads the redirect URIs an organisation registers for its wallet clients (`walletRedirectUris`):
 * 1 to 20 exact URIs, each https, a wallet app's own scheme, or http on a loopback address (a
 * wallet on the same machine, RFC 8252 7.3).
 *
 * @throws PassportError `ERR_REQUEST_INVALID` (field `walletRedirectUris[i]`).
 */
export function parseWalletRedirectUris(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_WALLET_REDIRECT_URIS) {
    throw invalid('walletRedirectUris', `walletRedirectUris must be a list of 1 to ${MAX_WALLET_REDIRECT_URIS} redirect URIs`);
  }
  return [
    ...new Set(
      value.map((uri, i) => {
        const field = `walletRedirectUris[${i}]`;
        if (typeof uri !== 'string' || uri.length === 0 || uri.length > 2048) throw invalid(field, `${field} must be a URI of at most 2048 characters`);
        return checkRedirectUriShape(uri, true, field);
      }),
    ),
  ];
}

// A default entry that is an origin alone (`https://wallet.example/`) stands for the deployment's
// own web wallet, whose paths are its own; an organisation's entries are compared exactly.
function matchesDefault(uri: URL, entry: string): boolean {
  if (uri.href === entry) return true;
  const base = new URL(entry);
  // Origins of http(s) URLs only: other schemes' origin is "null", which would match them all.
  return (base.protocol === 'https:' || base.protocol === 'http:') && base.pathname === '/' && !base.search && base.origin === uri.origin;
}

/**
 * Whether the authorization code flow may send the person's browser back to `redirectUri` for this
 * organisation: one of the redirect URIs it registered for its wallet clients, compared exactly
 * (RFC 6749 3.1.2.2 and 10.6; RFC 9700 4.1.1). An organisation that registered none gets the
 * deployment's defaults (`walletRedirectUris` of the context: the demo's web wallet), and, where
 * the deployment allows http on loopback (local demos and tests), any loopback http URI (RFC 8252
 * 7.3). Checked before anything is redirected: an unregistered URI gets an error page, never a
 * redirect (RFC 6749 4.1.2.1).
 *
 * @throws PassportError `ERR_REDIRECT_URI_NOT_REGISTERED` (400, field `redirect_uri`).
 */
export async function requireRegisteredRedirectUri(ctx: Pick<IssuerContext, 'db' | 'walletRedirectUris'>, orgId: string, redirectUri: string, allowHttpLoopback: boolean): Promise<void> {
  const uri = new URL(redirectUri);
  const registered = await createStaffCollectionStore(ctx.db).findWalletRedirectUris(orgId);
  const allowed = registered
    ? registered.includes(redirectUri)
    : (ctx.walletRedirectUris ?? []).some((entry) => matchesDefault(uri, entry)) || (allowHttpLoopback && uri.protocol === 'http:' && isLoopback(uri));
  if (!allowed) {
    throw new PassportError('ERR_REDIRECT_URI_NOT_REGISTERED', "redirect_uri is not one registered for this organisation's wallets: ask the organisation to register it (PUT /orgs/{orgId}/staff-collection)", { field: 'redirect_uri' });
  }
}
