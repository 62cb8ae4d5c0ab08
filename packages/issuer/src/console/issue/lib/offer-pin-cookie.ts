import type { Request, Response } from 'express';
import type { IssuerContext } from '../../../issuer-context.js';
import type { ConsoleCaller } from '../../console-session.js';
import { openSealedJson, sealJson, secureAttribute } from '../../lib/cookies.js';

// The offer's PIN (transaction code) is kept only as a hash: the page that shows it after the
// offer is made reads it from this cookie, sealed under the secret, bound to the offer and to the
// console session, scoped to the offer's pages, and short-lived.
const PIN_COOKIE = 'sp_offer_pin';
const PIN_AAD = 'staff-passport offer pin';

/** How long the offer page can show the PIN after the offer is made. */
export const OFFER_PIN_TTL_MS = 15 * 60_000;

function pathOf(offerId: string): string {
  return `/console/offers/${offerId}`;
}

function flags(ctx: IssuerContext, offerId: string): string {
  return `; Path=${pathOf(offerId)}; HttpOnly; SameSite=Strict${secureAttribute(ctx.publicUrl)}`;
}

/** Keeps an offer's PIN for its page, for {@link OFFER_PIN_TTL_MS}. */
export function setOfferPinCookie(ctx: IssuerContext, res: Response, caller: ConsoleCaller, offerId: string, pin: string): void {
  const sealed = sealJson(ctx.secretBox, { offerId, pin, csrf: caller.session.csrf, expiresAt: ctx.now().getTime() + OFFER_PIN_TTL_MS }, PIN_AAD);
  res.append('set-cookie', `${PIN_COOKIE}=${sealed}; Max-Age=${OFFER_PIN_TTL_MS / 1000}${flags(ctx, offerId)}`);
}

/** Forgets an offer's PIN (the offer was taken up, expired or withdrawn). */
export function clearOfferPinCookie(ctx: IssuerContext, res: Response, offerId: string): void {
  res.append('set-cookie', `${PIN_COOKIE}=; Max-Age=0${flags(ctx, offerId)}`);
}

/** The PIN of an offer kept for this session, if it is still there and in time. */
export function readOfferPin(ctx: IssuerContext, req: Request, caller: ConsoleCaller, offerId: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0 || part.slice(0, eq).trim() !== PIN_COOKIE) continue;
    // Not ours, altered, or sealed under another secret: no PIN to show.
    const kept = openSealedJson(ctx.secretBox, part.slice(eq + 1).trim(), PIN_AAD);
    if (!kept || kept['offerId'] !== offerId || kept['csrf'] !== caller.session.csrf) continue;
    if (typeof kept['expiresAt'] !== 'number' || kept['expiresAt'] <= ctx.now().getTime() || typeof kept['pin'] !== 'string') continue;
    return kept['pin'];
  }
  return undefined;
}
