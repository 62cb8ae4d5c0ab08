import type { SafeHtml } from '@staff-passport/web-kit/browser';
import type { CredentialStatusCheck, OfferPreview, PendingCredential, SharePreview, ShareResult, Wallet } from '@staff-passport/wallet-sdk/browser';
import type { AppConfig } from './load-app-config.js';

/** The header navigation's sections; a screen names the one it belongs to. */
export type ScreenSection = 'credentials' | 'add' | 'share' | 'log' | 'settings';

/** What a screen function returns: its markup, and how to wire it once it is in the page. */
export interface Screen {
  /** The screen's own title; the document title is `"{title} - Staff Passport wallet"`. */
  title: string;
  content: SafeHtml;
  /** The screen shows a form's errors: the document title gets "Error: " (NHS.UK error summary guidance). */
  hasErrors?: boolean;
  section?: ScreenSection;
  /** Adds the event listeners, once the content is in `main`. */
  bind?(main: HTMLElement): void;
}

/** What the screens keep between them, in memory only (nothing here outlives the tab). */
export interface Session {
  /** The offer being looked at, between reading it and accepting or rejecting it. */
  offer?: OfferPreview;
  /** The request being answered. */
  request?: SharePreview;
  /** The last answer sent, for the confirmation. */
  shared?: { preview: SharePreview; result: ShareResult };
  /** Credentials an issuer will deliver later, with the names the offer gave them. */
  pending: { credential: PendingCredential; name: string }[];
  /** Status checks the holder ran, by credential id. */
  statuses: Map<string, CredentialStatusCheck>;
  /** The URL the browser came back to from an organisation's sign-in, until the collection is finished. */
  collectionReturn?: string;
  /** A banner for the next screen shown ("Credential added"). */
  flash?: SafeHtml;
}

/** What every screen works with. */
export interface AppContext {
  wallet: Wallet;
  config: AppConfig;
  session: Session;
  /** Goes to a route (`#/log`), showing it even when it is the current one. */
  navigate(route: string): void;
  /** Shows a screen in place, without changing the route (a form with its errors). */
  show(screen: Screen): void;
}

/** A screen function: the route's parameters (decoded) and its query. */
export type ScreenFunction = (ctx: AppContext, params: Record<string, string>, query: URLSearchParams) => Promise<Screen | undefined>;
