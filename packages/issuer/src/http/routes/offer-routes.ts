import { PassportError } from '@staff-passport/core';
import { jsonSchema as s, qrCodeRoutes, type JsonSchema } from '@staff-passport/web-kit';
import type { Request } from 'express';
import { OFFER_FORMATS, completeOffer, createOffer, getOffer, getOfferLink, listOfferableTypes, listOffers, parseCreateOfferInput, withdrawOffer } from '../../oid4vci/index.js';
import { OID4VCI_LIMITS } from '../../oid4vci/oid4vci-settings.js';
import type { Role } from '../../api-keys/create-api-key.js';
import { ALL_ROLES, EXAMPLE, ISSUING_ROLES, PARAM, queryParameter, type IssuerRoute, type IssuerRouteDeps } from '../issuer-route.js';
import { PERSON_REFERENCE_SCHEMA } from '../issuer-schemas.js';
import { callerOf, queryParam } from '../request-helpers.js';

const offerIdOf = (req: Request): string => req.params['offerId'] as string;

const offeredCredential = s.object(
  {
    type: { description: 'catalogue type, for example TrainingRecord (another answers ERR_TYPE_UNKNOWN)' },
    credentialSubject: s.anyObject('the claims, without id (the holder DID comes from the wallet key proof); checked against the type (ERR_SCHEMA_INVALID)'),
  },
  ['type'],
);
const offeredCredentials: JsonSchema = s.array(offeredCredential, { minItems: 1, maxItems: OID4VCI_LIMITS.batchSize });
const CLAIMS_EXAMPLE = { subject: 'fire_safety', level: 1, completedOn: '2026-02-20', provider: 'Royal Thames Hospital NHS Trust' };
const offer = s.ref('Offer');
const OFFER_EXAMPLE = {
  id: EXAMPLE.offerId,
  status: 'offered',
  types: ['TrainingRecord'],
  formats: ['vc+jwt'],
  byReference: true,
  pending: false,
  txCode: true,
  link: `openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.example.nhs.uk%2Forgs%2F${EXAMPLE.orgId}%2Foid4vci%2Foffers%2F${EXAMPLE.offerId}`,
  createdBy: EXAMPLE.keyId,
  createdAt: EXAMPLE.time,
  expiresAt: '2026-03-08T09:30:00.000Z',
  updatedAt: EXAMPLE.time,
  deliveries: [],
  events: [],
};

/**
 * HR's OpenID4VCI offers: create (claims validated now, a transaction code shown once, a link and
 * QR codes for the wallet), list, read with what the wallet did, QR codes, complete a deferred
 * offer, and withdraw an unused one. Same sign-in, roles and tenant checks as issuing.
 */
export const OFFER_ROUTES: IssuerRoute[] = [
  {
    method: 'post',
    path: '/orgs/:orgId/offers',
    summary: 'Create an OpenID4VCI credential offer (pre-authorised code, transaction code shown once); claims validated now',
    tag: 'offers',
    access: ISSUING_ROLES,
    params: [PARAM.orgId],
    body: {
      schema: s.object(
        {
          credentials: offeredCredentials,
          formats: s.array(s.string({ description: `one of ${OFFER_FORMATS.join(', ')} (another answers ERR_FORMAT_UNSUPPORTED)` }), { minItems: 1, maxItems: OFFER_FORMATS.length }),
          txCode: s.boolean({ description: 'default true' }),
          byReference: s.boolean({ description: 'default true: credential_offer_uri' }),
          pending: s.boolean({ description: 'deferred issuance: claims follow with /complete' }),
          expiresInSeconds: s.integer({ minimum: 60, maximum: OID4VCI_LIMITS.maxOfferSeconds }),
          personReference: PERSON_REFERENCE_SCHEMA,
        },
        ['credentials'],
      ),
      example: { credentials: [{ type: 'TrainingRecord', credentialSubject: CLAIMS_EXAMPLE }], formats: ['vc+jwt', 'dc+sd-jwt'], personReference: 'Amara Okafor, ESR 12345678' },
    },
    responses: {
      201: {
        description: 'the offer, with its link, QR codes and the transaction code (shown only here); Location names the offer',
        schema: s.ref('CreatedOffer'),
        example: { id: EXAMPLE.offerId, status: 'offered', credentialOfferUri: `https://issuer.example.nhs.uk/orgs/${EXAMPLE.orgId}/oid4vci/offers/${EXAMPLE.offerId}`, link: OFFER_EXAMPLE.link, txCode: '493817', qr: { png: `/orgs/${EXAMPLE.orgId}/offers/${EXAMPLE.offerId}/qr.png`, svg: `/orgs/${EXAMPLE.orgId}/offers/${EXAMPLE.offerId}/qr.svg` }, expiresAt: OFFER_EXAMPLE.expiresAt },
        headers: { location: { description: 'the offer', schema: s.string() } },
      },
    },
    errors: [400, 401, 403, 404],
    handler: async ({ ctx }, req, res) => {
      const { org, principal } = callerOf(res);
      const created = await createOffer(ctx, org, parseCreateOfferInput(org, req.body, ctx.now(), { types: await listOfferableTypes(ctx), validators: ctx.typeValidators }), principal);
      res.location(`/orgs/${org.id}/offers/${created.id}`);
      res.setHeader('cache-control', 'no-store');
      res.status(201).json(created);
    },
  },
  {
    method: 'get',
    path: '/orgs/:orgId/offers',
    summary: "The organisation's credential offers, newest first, with status",
    tag: 'offers',
    access: ALL_ROLES,
    params: [PARAM.orgId],
    query: [queryParameter('limit', '1 to 500 (default 100)', s.string({ pattern: '^[0-9]{1,3}$' }), '100')],
    responses: { 200: { description: 'the offers', schema: s.object({ offers: s.array(offer) }, ['offers']), example: { offers: [OFFER_EXAMPLE] } } },
    errors: [400, 401, 403, 404],
    handler: async ({ ctx }, req, res) => {
      const limit = queryParam(req, 'limit');
      if (limit !== undefined && !(/^\d{1,3}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 500)) {
        throw new PassportError('ERR_REQUEST_INVALID', 'limit must be 1 to 500', { field: 'limit' });
      }
      res.json({ offers: await listOffers(ctx, callerOf(res).org.id, limit === undefined ? {} : { limit: Number(limit) }) });
    },
  },
  {
    method: 'get',
    path: '/orgs/:orgId/offers/:offerId',
    summary: 'A credential offer: status, deliveries and the notifications the wallet sent',
    tag: 'offers',
    access: ALL_ROLES,
    params: [PARAM.orgId, PARAM.offerId],
    responses: { 200: { description: 'the offer', schema: offer, example: OFFER_EXAMPLE } },
    errors: [401, 403, 404],
    handler: async ({ ctx }, req, res) => {
      res.json(await getOffer(ctx, callerOf(res).org.id, offerIdOf(req)));
    },
  },
  ...qrCodeRoutes<IssuerRouteDeps, Role>(
    { path: '/orgs/:orgId/offers/:offerId/qr', what: 'the offer link, while the offer is unused,', tag: 'offers', access: ISSUING_ROLES, params: [PARAM.orgId, PARAM.offerId], errors: [400, 401, 403, 404] },
    ({ ctx }, req, res) => getOfferLink(ctx, callerOf(res).org.id, offerIdOf(req)),
  ),
  {
    method: 'post',
    path: '/orgs/:orgId/offers/:offerId/complete',
    summary: "Supply the claims of a deferred (pending) offer: the wallet's next deferred request gets the credentials",
    tag: 'offers',
    access: ISSUING_ROLES,
    params: [PARAM.orgId, PARAM.offerId],
    body: { schema: s.object({ credentials: offeredCredentials }, ['credentials']), example: { credentials: [{ type: 'TrainingRecord', credentialSubject: CLAIMS_EXAMPLE }] } },
    responses: { 200: { description: 'the offer', schema: offer, example: { ...OFFER_EXAMPLE, pending: true } } },
    errors: [400, 401, 403, 404, 409],
    handler: async ({ ctx }, req, res) => {
      const { org, principal } = callerOf(res);
      res.json(await completeOffer(ctx, org, offerIdOf(req), req.body, principal));
    },
  },
  {
    method: 'delete',
    path: '/orgs/:orgId/offers/:offerId',
    summary: 'Withdraw an unused credential offer',
    tag: 'offers',
    access: ISSUING_ROLES,
    params: [PARAM.orgId, PARAM.offerId],
    responses: { 204: { description: 'withdrawn', contentType: 'none' } },
    errors: [401, 403, 404, 409],
    handler: async ({ ctx }, req, res) => {
      const { org, principal } = callerOf(res);
      await withdrawOffer(ctx, org, offerIdOf(req), principal);
      res.status(204).end();
    },
  },
];
