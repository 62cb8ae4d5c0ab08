import { PassportError, renderQrPng, renderQrSvg } from '@staff-passport/core';
import type { Request, Router } from 'express';
import type { Authenticator } from '../../auth/create-authenticator.js';
import type { IssuerContext } from '../../issuer-context.js';
import { completeOffer, createOffer, getOffer, getOfferLink, listOffers, parseCreateOfferInput, withdrawOffer } from '../../oid4vci/index.js';
import { requireRole } from '../require-role.js';
import { callerOf, queryParam } from '../request-helpers.js';

const OFFER_ID = /^off_[0-9a-f]{32}$/;

function offerIdOf(req: Request): string {
  const id = req.params['offerId'];
  if (typeof id !== 'string' || !OFFER_ID.test(id)) throw new PassportError('ERR_OFFER_NOT_FOUND', 'no credential offer with that id', { field: 'offerId' });
  return id;
}

/**
 * HR's OpenID4VCI offers: create (claims validated now, a transaction code shown once, a link and
 * QR codes for the wallet), list, read with what the wallet did, QR codes, complete a deferred
 * offer, and withdraw an unused one. Same sign-in, roles and tenant checks as issuing.
 */
export function addOfferRoutes(router: Router, ctx: IssuerContext, authenticate: Authenticator): void {
  const issuers = requireRole(ctx, authenticate, ['issuer', 'org-admin']);
  const readers = requireRole(ctx, authenticate, ['issuer', 'org-admin', 'auditor']);

  router.post('/orgs/:orgId/offers', issuers, async (req, res) => {
    const { org, principal } = callerOf(res);
    const offer = await createOffer(ctx, org, parseCreateOfferInput(org, req.body, ctx.now()), principal);
    res.location(`/orgs/${org.id}/offers/${offer.id}`);
    res.setHeader('cache-control', 'no-store');
    res.status(201).json(offer);
  });

  router.get('/orgs/:orgId/offers', readers, async (req, res) => {
    const limit = queryParam(req, 'limit');
    if (limit !== undefined && !(/^\d{1,3}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 500)) {
      throw new PassportError('ERR_REQUEST_INVALID', 'limit must be 1 to 500', { field: 'limit' });
    }
    res.json({ offers: await listOffers(ctx, callerOf(res).org.id, limit === undefined ? {} : { limit: Number(limit) }) });
  });

  router.get('/orgs/:orgId/offers/:offerId', readers, async (req, res) => {
    res.json(await getOffer(ctx, callerOf(res).org.id, offerIdOf(req)));
  });

  router.get('/orgs/:orgId/offers/:offerId/qr.png', issuers, async (req, res) => {
    const link = await getOfferLink(ctx, callerOf(res).org.id, offerIdOf(req));
    res.setHeader('cache-control', 'no-store');
    res.type('image/png').send(await renderQrPng(link));
  });

  router.get('/orgs/:orgId/offers/:offerId/qr.svg', issuers, async (req, res) => {
    const link = await getOfferLink(ctx, callerOf(res).org.id, offerIdOf(req));
    res.setHeader('cache-control', 'no-store');
    res.type('image/svg+xml').send(await renderQrSvg(link));
  });

  router.post('/orgs/:orgId/offers/:offerId/complete', issuers, async (req, res) => {
    const { org, principal } = callerOf(res);
    res.json(await completeOffer(ctx, org, offerIdOf(req), req.body, principal));
  });

  router.delete('/orgs/:orgId/offers/:offerId', issuers, async (req, res) => {
    const { org, principal } = callerOf(res);
    await withdrawOffer(ctx, org, offerIdOf(req), principal);
    res.status(204).end();
  });
}
