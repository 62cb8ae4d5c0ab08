// How a status list is fetched: a type of its own, so the browser-safe status check needs no HTTP client.

/** What a status list fetch sends: the list URL and the media types accepted, nothing else. */
export interface StatusListRequest {
  accept: string;
}

/** What a status list fetch answers. */
export interface StatusListResponse {
  /** The body as text: a compact JWT, or JSON carrying one. */
  body: string;
  /** The HTTP `Cache-Control` header, when there was one. */
  cacheControl?: string;
}

/**
 * Fetches a status list. Injected so tests and offline verifiers can supply lists; it receives
 * only the list URL and an `Accept` value, so nothing about the credential or its holder can be
 * sent to the issuer (Bitstring Status List v1.0, section 6; draft-ietf-oauth-status-list, section 12.2).
 */
export type StatusListFetcher = (url: string, request: StatusListRequest) => Promise<StatusListResponse>;
