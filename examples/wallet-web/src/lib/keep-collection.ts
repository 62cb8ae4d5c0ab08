// The collection under way while the browser is at the organisation's sign-in: kept in this tab's
// session storage (it holds the PKCE code verifier: never in local storage, never sent anywhere),
// taken once when the browser comes back.
import type { CollectionRequest } from '@staff-passport/wallet-sdk/browser';

const KEY = 'staff-passport.collection';

/** Keeps the request until the browser comes back from the sign-in. */
export function keepCollection(request: CollectionRequest): void {
  sessionStorage.setItem(KEY, JSON.stringify(request));
}

/** Takes the kept request (it is removed: an answer is used once); undefined when there is none. */
export function takeCollection(): CollectionRequest | undefined {
  const text = sessionStorage.getItem(KEY);
  sessionStorage.removeItem(KEY);
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as CollectionRequest;
  } catch {
    return undefined;
  }
}
