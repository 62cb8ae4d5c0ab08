import { PassportError, isObject } from '@staff-passport/core';
import { jsonSchema as s, pageSecurityHeaders } from '@staff-passport/web-kit';
import type { Request } from 'express';
import { finishStaffAuthorization, getStaffCollectionSettings, holdOfferForPerson, setPersonClaim, startStaffAuthorization } from '../../collect/index.js';
import { renderCollectPage } from '../../collect/lib/collect-page.js';
import { listJobDeliveries } from '../../collect/list-job-deliveries.js';
import { openCollectPage } from '../../collect/open-collect-page.js';
import { validateOfferedCredentials } from '../../oid4vci/create-offer.js';
import { OFFER_FORMATS, OID4VCI_LIMITS } from '../../oid4vci/oid4vci-settings.js';
import { getOrganisation } from '../../organisations/get-organisation.js';
import { ALL_ROLES, EXAMPLE, ISSUING_ROLES, PARAM, queryParameter, type IssuerRoute } from '../issuer-route.js';
import { callerOf, orgIdOf } from '../request-helpers.js';

function queryOf(req: Request): Record<string, unknown> {
  return req.query as Record<string, unknown>;
}

function text(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  return typeof value === 'string' ? value : undefined;
}

// A redirect is the answer: express says where in a line of text beside the Location header.
const redirect = {
  303: { description: 'go on to the next step (Location)', contentType: 'text/plain', schema: s.string(), example: 'See Other. Redirecting to https://login.rth.example.nhs.uk/authorize?...', headers: { location: { description: 'where to go', schema: s.string() } } },
};
const settingsSchema = s.object(
  {
    personClaim: s.string({ description: 'e.g. employee_number; never a name' }),
    walletRedirectUris: s.array(s.string({ description: 'https, a wallet app scheme, or http on loopback; compared exactly' }), {
      description: "the only redirect URIs the authorization code flow sends the person back to; absent: the deployment's defaults (its web wallet)",
      maxItems: 20,
    }),
  },
  ['personClaim'],
);
const settingsExample = { personClaim: 'employee_number', walletRedirectUris: ['https://wallet.rth.example.nhs.uk/collect/callback', 'uk.nhs.staffpassport:/callback'] };
const ISSUER_STATE_EXAMPLE = 'q3Xb1S2kQ9mJ0aVZ7cT4wY8nR5eLpF6hUiKoD_-gA1s';
const deliverToSchema = s.object({ personNumber: s.string({ description: 'the person number the ID token claim carries' }), email: s.string() }, ['personNumber']);

/**
 * Staff collecting their own credentials (issue 19): the organisation's setting naming the ID
 * token claim that numbers a person, offers held for a person, and the authorization endpoint of
 * the OpenID4VCI authorization code flow with the provider's return to it. The token and
 * credential endpoints are the OpenID4VCI ones.
 */
export const COLLECT_ROUTES: IssuerRoute[] = [
  {
    method: 'get',
    path: '/orgs/:orgId/jobs/:jobId/deliveries',
    summary: "How each row of a bulk job that named its person is reaching them: the held offer's status and the email (sent, retrying, or failed with the server's answer)",
    tag: 'jobs',
    access: ALL_ROLES,
    params: [PARAM.orgId, PARAM.jobId],
    responses: {
      200: {
        description: 'the rows held for a person, by row',
        schema: s.object({ deliveries: s.array(s.anyObject('row, personNumber, offerId, offerStatus, email?: {to, status, attempts, lastError}')) }, ['deliveries']),
        example: { deliveries: [{ row: 2, personNumber: '12345678', offerId: EXAMPLE.offerId, offerStatus: 'offered', email: { to: 'amara.okafor@example.nhs.uk', status: 'failed', attempts: 1, lastError: 'the mail server answered 550 mailbox unavailable' } }] },
      },
    },
    errors: [401, 403, 404],
    handler: async ({ ctx }, req, res) => {
      res.json({ deliveries: await listJobDeliveries(ctx, callerOf(res).org.id, req.params['jobId'] as string) });
    },
  },
  {
    method: 'get',
    path: '/orgs/:orgId/staff-collection',
    summary: "The organisation's staff collection settings: the ID token claim that numbers a person and its wallets' registered redirect URIs",
    tag: 'access',
    access: ALL_ROLES,
    params: [PARAM.orgId],
    responses: { 200: { description: 'the settings', schema: settingsSchema, example: settingsExample } },
    errors: [401, 403, 404],
    handler: async ({ ctx }, _req, res) => {
      const settings = await getStaffCollectionSettings(ctx, callerOf(res).org.id);
      if (!settings) throw new PassportError('ERR_NOT_FOUND', 'this organisation does not let staff collect credentials by signing in (PUT this address to let them)', { field: 'org' });
      res.json(settings);
    },
  },
  {
    method: 'put',
    path: '/orgs/:orgId/staff-collection',
    summary: "Let staff collect credentials held for them by signing in: the ID token claim that numbers a person, and the redirect URIs of the organisation's wallet clients (audited)",
    tag: 'access',
    access: ['org-admin'],
    params: [PARAM.orgId],
    body: { schema: settingsSchema, example: settingsExample, validation: 'handler' },
    responses: { 200: { description: 'the setting saved', schema: settingsSchema, example: settingsExample } },
    errors: [400, 401, 403, 404],
    handler: async ({ ctx }, req, res) => {
      const { org, principal } = callerOf(res);
      res.json(await setPersonClaim(ctx, org.id, req.body, principal.keyId));
    },
  },
  {
    method: 'post',
    path: '/orgs/:orgId/held-offers',
    summary: 'Hold an offer for a named person, collected by signing in (authorization code flow); answers the link with issuer_state',
    tag: 'offers',
    access: ISSUING_ROLES,
    params: [PARAM.orgId],
    body: {
      schema: s.object(
        {
          credentials: s.array(s.object({ type: s.string(), credentialSubject: s.anyObject('the claims') }, ['type', 'credentialSubject']), { maxItems: OID4VCI_LIMITS.batchSize }),
          formats: s.array(s.enum(OFFER_FORMATS)),
          expiresInSeconds: s.integer({ minimum: 60, maximum: OID4VCI_LIMITS.maxOfferSeconds }),
          deliverTo: deliverToSchema,
        },
        ['credentials', 'deliverTo'],
      ),
      example: { credentials: [{ type: 'TrainingRecord', credentialSubject: {} }], formats: ['dc+sd-jwt'], deliverTo: { personNumber: '12345678' } },
      validation: 'handler',
    },
    responses: {
      201: {
        description: 'the held offer and its link (no PIN, no claims)',
        schema: s.object({ offerId: s.string(), link: s.string(), collectUrl: s.string({ description: 'the https page the email links to' }), expiresAt: s.string() }, ['offerId', 'link', 'collectUrl', 'expiresAt']),
        example: { offerId: EXAMPLE.offerId, link: 'openid-credential-offer://?credential_offer=%7B...%7D', collectUrl: `https://issuer.example.nhs.uk/orgs/${EXAMPLE.orgId}/collect/${ISSUER_STATE_EXAMPLE}`, expiresAt: EXAMPLE.time },
      },
    },
    errors: [400, 401, 403, 404],
    handler: async ({ ctx }, req, res) => {
      const { org, principal } = callerOf(res);
      const body: unknown = req.body;
      if (!isObject(body) || !isObject(body['deliverTo'])) throw new PassportError('ERR_REQUEST_INVALID', 'the body must be {credentials, formats?, expiresInSeconds?, deliverTo: {personNumber}}', { field: 'deliverTo' });
      const formats = body['formats'] as (typeof OFFER_FORMATS)[number][] | undefined;
      if (formats !== undefined && (!Array.isArray(formats) || formats.length === 0 || formats.some((f) => !OFFER_FORMATS.includes(f)))) {
        throw new PassportError('ERR_FORMAT_UNSUPPORTED', `formats must list some of ${OFFER_FORMATS.join(', ')}`, { field: 'formats' });
      }
      const credentials = validateOfferedCredentials(org, body['credentials'], ctx.now(), { subjectRequired: true });
      const expires = body['expiresInSeconds'];
      const held = await holdOfferForPerson(
        ctx,
        org,
        { credentials, ...(formats ? { formats } : {}), ...(typeof expires === 'number' ? { expiresInSeconds: expires } : {}) },
        { personNumber: body['deliverTo']['personNumber'] as string, ...(typeof body['deliverTo']['email'] === 'string' ? { email: body['deliverTo']['email'] } : {}) },
        principal,
      );
      res.setHeader('cache-control', 'no-store');
      res.status(201).json(held);
    },
  },
  {
    method: 'get',
    path: '/orgs/:orgId/collect/:issuerState',
    summary: 'The page an emailed offer link opens: open in your wallet (the openid-credential-offer link), its QR code, the web wallet, and the sign-in; no PIN, no claims',
    tag: 'offers',
    access: 'public',
    params: [PARAM.orgId, { name: 'issuerState', description: "the held offer's issuer_state, as its offer link carries it", schema: s.string({ pattern: '^[A-Za-z0-9_-]{43}$' }), example: ISSUER_STATE_EXAMPLE, notFound: 'ERR_OFFER_NOT_FOUND' }],
    responses: {
      200: { description: 'the page (HTML); a browser (Accept: text/html) is answered 404 with a page saying the link no longer works', contentType: 'text/html', schema: s.string(), example: '<!DOCTYPE html>...Collect your credentials...' },
    },
    errors: [404],
    handler: async ({ ctx }, req, res) => {
      const page = await openCollectPage(ctx, orgIdOf(req), req.params['issuerState'] as string);
      if (page.state === 'gone' && !req.accepts('html')) throw new PassportError('ERR_OFFER_NOT_FOUND', 'the offer was collected, replaced by a renewal, or has expired', { field: 'issuerState' });
      pageSecurityHeaders()(req, res, () => undefined);
      res.status(page.state === 'waiting' ? 200 : 404).type('html').send(await renderCollectPage(page, ctx.webWalletUrl));
    },
  },
  {
    method: 'get',
    path: '/orgs/:orgId/oid4vci/authorize',
    summary: "Authorization endpoint (OpenID4VCI 1.0, 5.1): PKCE S256, authorization_details or scope, issuer_state; sends the person to the organisation's provider",
    tag: 'oid4vci',
    access: 'public',
    params: [PARAM.orgId],
    query: [
      queryParameter('response_type', 'code'),
      queryParameter('client_id', "the wallet's client id"),
      queryParameter('redirect_uri', "the wallet's redirect URI"),
      queryParameter('code_challenge', 'RFC 7636 S256 challenge'),
      queryParameter('code_challenge_method', 'S256'),
      queryParameter('authorization_details', 'JSON array of {type: openid_credential, credential_configuration_id}'),
      queryParameter('scope', 'credential configuration ids, space separated'),
      queryParameter('issuer_state', 'from a credential offer'),
      queryParameter('state', "the wallet's state, echoed"),
    ],
    responses: redirect,
    errors: [400, 404],
    handler: async ({ ctx, allowHttpLoopback }, req, res) => {
      const org = await getOrganisation(ctx, orgIdOf(req));
      const { location } = await startStaffAuthorization(ctx, org.id, queryOf(req), { allowHttpLoopback });
      res.setHeader('cache-control', 'no-store');
      res.redirect(303, location);
    },
  },
  {
    method: 'get',
    path: '/orgs/:orgId/oid4vci/authorize/callback',
    summary: "Where the organisation's provider sends the person back: the wallet gets an authorization code, or access_denied",
    tag: 'oid4vci',
    access: 'public',
    params: [PARAM.orgId],
    query: [queryParameter('code', "the provider's code"), queryParameter('state', 'the state sent to the provider'), queryParameter('iss', 'RFC 9207')],
    responses: redirect,
    errors: [401, 404],
    handler: async ({ ctx, allowHttpLoopback }, req, res) => {
      const org = await getOrganisation(ctx, orgIdOf(req));
      const q = queryOf(req);
      const query = Object.fromEntries(
        (['code', 'state', 'error', 'iss'] as const).flatMap((k) => (text(q, k) === undefined ? [] : [[k, text(q, k)!]])).concat(text(q, 'error_description') === undefined ? [] : [['errorDescription', text(q, 'error_description')!]]),
      );
      const { location } = await finishStaffAuthorization(ctx, org.id, query, { allowHttpLoopback });
      res.setHeader('cache-control', 'no-store');
      res.redirect(303, location);
    },
  },
];
