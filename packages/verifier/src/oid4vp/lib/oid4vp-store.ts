import type { Oid4vpRequestRow } from '../../store/request-store.js';
import type { VerifierContext } from '../../verifier-context.js';

/** How the wallet has answered an OpenID4VP request, as stored. */
export type Oid4vpStatus = 'pending' | 'answered' | 'refused';

/** The query language a request asks in: DCQL (OpenID4VP 1.0 section 6) or Presentation Exchange 2.0. */
export type QueryLanguage = 'dcql' | 'pe';

/**
 * A finding about an answer that is not a failure: a claim disclosed that was not asked for, or
 * something asked for that the person did not share (a partial answer: the report is on the part
 * shared).
 */
export type Oid4vpFinding =
  | {
      kind: 'extra_disclosure';
      /** The credential query (DCQL) or input descriptor (PE) id the presentation answered. */
      queryId: string;
      /** The claims path pointer (OpenID4VP 1.0 section 7) of the disclosed claim. */
      path: (string | number | null)[];
    }
  | {
      kind: 'not_shared';
      /** The credential queries (DCQL) or the submission requirement (PE) nothing was presented for. */
      queryId: string;
    };

/** One row of `sp_oid4vp_requests`. */
export type Oid4vpRow = Oid4vpRequestRow;

/** The OpenID4VP row of a request, if it has one. */
export async function findOid4vpRow(ctx: VerifierContext, id: string): Promise<Oid4vpRow | undefined> {
  return ctx.stores.requests.findOid4vp(id);
}

/** The URLs of a request, all under the verifier's public URL. */
export function requestUrls(publicUrl: string, id: string): { requestUri: string; responseUri: string; pollUrl: string; qrPng: string; qrSvg: string } {
  const base = `${publicUrl.replace(/\/+$/, '')}/oid4vp/requests/${id}`;
  return { requestUri: `${base}/request-object`, responseUri: `${base}/response`, pollUrl: base, qrPng: `${base}/qr.png`, qrSvg: `${base}/qr.svg` };
}

/**
 * The same-device link and QR content (OpenID4VP 1.0 sections 5.7 and 13.1): only `client_id` and
 * `request_uri`, so the QR code stays small and the request itself is signed.
 */
export function walletLink(clientId: string, requestUri: string): string {
  return `openid4vp://?${new URLSearchParams({ client_id: clientId, request_uri: requestUri }).toString()}`;
}
