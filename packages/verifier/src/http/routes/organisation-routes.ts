import { PassportError } from '@staff-passport/core';
import { jsonSchema as s } from '@staff-passport/web-kit';
import { recordVerifierEvent } from '../../audit/record-verifier-event.js';
import { createVerifierApiKey } from '../../auth/create-verifier-api-key.js';
import { setVerifierOidcConfig } from '../../auth/set-verifier-oidc-config.js';
import { VERIFIER_ROLES } from '../../auth/verifier-roles.js';
import { RETENTION_DAYS, createVerifierOrganisation } from '../../organisations/create-verifier-organisation.js';
import { getVerifierOrganisation, listVerifierOrganisations } from '../../organisations/get-verifier-organisation.js';
import { scopeToOrganisation } from '../../organisations/scope-to-organisation.js';
import { setRetentionDays } from '../../organisations/set-retention-days.js';
import { callerOf, platformAdminOf } from '../verifier-caller.js';
import { EXAMPLE, type VerifierRoute } from '../verifier-route.js';
import { sendDidDocument } from './oid4vp-routes.js';

const ORG_ID = { name: 'orgId', description: 'an organisation of the verifier', schema: s.string({ pattern: '^org_[0-9a-f]{16}$' }), example: EXAMPLE.orgId, notFound: 'ERR_ORG_NOT_FOUND' } as const;
const KEY_ID = { name: 'keyId', description: "one of the organisation's API keys", schema: s.string({ pattern: '^vk_[0-9a-f]{12}$' }), example: 'vk_0a1b2c3d4e5f', notFound: 'ERR_NOT_FOUND' } as const;
const ORGANISATION = s.object(
  {
    id: s.string(),
    name: s.string(),
    odsCode: { type: ['string', 'null'], description: 'NHS ODS code (null for the default organisation until set)' },
    did: s.string({ description: "the organisation's did:web: its request objects are signed as it" }),
    retentionDays: s.integer({ description: 'how long check results are kept' }),
    createdAt: s.string(),
  },
  ['id', 'name', 'odsCode', 'did', 'retentionDays', 'createdAt'],
);
const ORGANISATION_EXAMPLE = { id: EXAMPLE.orgId, name: 'Riverside Hospitals NHS Trust', odsCode: 'RYJ', did: `${EXAMPLE.verifier}:orgs:${EXAMPLE.orgId}`, retentionDays: 30, createdAt: EXAMPLE.time };
const retentionField = s.integer({ minimum: RETENTION_DAYS.min, maximum: RETENTION_DAYS.max, description: `how long check results are kept, days (default ${RETENTION_DAYS.default})` });
const AUDIT_EVENT = s.object(
  { id: s.string(), orgId: s.string(), at: s.string(), actor: s.string(), action: s.string(), subject: s.string(), detail: s.anyObject('what else the event records') },
  ['id', 'at', 'actor', 'action', 'subject'],
);
const AUDIT_EXAMPLE = { id: '0b5c6a9e-3f43-4d0e-9d2a-8c1e7f6a5b4c', orgId: EXAMPLE.orgId, at: EXAMPLE.time, actor: 'key:vk_0a1b2c3d4e5f', action: 'result.delete', subject: EXAMPLE.resultId };
const MAX_AUDIT = 200;

/**
 * Organisations of the verifier: platform administrators create them, set how long they keep
 * results, and give out their API keys; each organisation's did:web document; and, signed in,
 * the caller's own organisation and its audit log.
 */
export const ORGANISATION_ROUTES: VerifierRoute[] = [
  {
    method: 'post',
    path: '/orgs',
    summary: 'Create an organisation (a receiving employer with its own did:web)',
    tag: 'platform',
    access: 'platform',
    body: {
      schema: s.object({ name: s.string({ minLength: 1, maxLength: 200 }), odsCode: s.string({ minLength: 1, maxLength: 10, description: 'ODS code, for example RYJ' }), retentionDays: retentionField }, ['name', 'odsCode']),
      example: { name: 'Riverside Hospitals NHS Trust', odsCode: 'RYJ', retentionDays: 30 },
    },
    responses: { 201: { description: 'the organisation', schema: ORGANISATION, example: ORGANISATION_EXAMPLE } },
    errors: [400, 401, 403, 409, 413, 415],
    handler: async ({ ctx }, req, res) => {
      const body = req.body as { name: string; odsCode: string; retentionDays?: number };
      res.status(201).json(await createVerifierOrganisation(ctx, body, platformAdminOf(res).actor));
    },
  },
  {
    method: 'get',
    path: '/orgs',
    summary: 'Every organisation of the verifier',
    tag: 'platform',
    access: 'platform',
    responses: { 200: { description: 'the organisations', schema: s.object({ organisations: s.array(ORGANISATION) }, ['organisations']), example: { organisations: [ORGANISATION_EXAMPLE] } } },
    errors: [401, 403],
    handler: async ({ ctx }, _req, res) => {
      res.json({ organisations: await listVerifierOrganisations(ctx) });
    },
  },
  {
    method: 'put',
    path: '/orgs/:orgId/settings',
    summary: 'Set how long the organisation keeps check results (a shorter period applies to those kept already)',
    tag: 'platform',
    access: 'platform',
    params: [ORG_ID],
    body: { schema: s.object({ retentionDays: retentionField }, ['retentionDays']), example: { retentionDays: 14 } },
    responses: { 200: { description: 'the organisation', schema: ORGANISATION, example: { ...ORGANISATION_EXAMPLE, retentionDays: 14 } } },
    errors: [400, 401, 403, 404, 413, 415],
    handler: async ({ ctx }, req, res) => {
      res.json(await setRetentionDays(ctx, req.params['orgId'] as string, (req.body as { retentionDays: number }).retentionDays, platformAdminOf(res).actor));
    },
  },
  {
    method: 'post',
    path: '/orgs/:orgId/api-keys',
    summary: 'Create an API key of the organisation for one role (shown once)',
    tag: 'platform',
    access: 'platform',
    params: [ORG_ID],
    body: { schema: s.object({ role: s.enum(VERIFIER_ROLES), label: s.string({ maxLength: 200 }) }, ['role']), example: { role: 'checker', label: 'HR desk' } },
    responses: {
      201: {
        description: 'the key: `apiKey` is not stored, keep it',
        schema: s.object({ id: s.string(), orgId: s.string(), role: s.enum(VERIFIER_ROLES), label: { type: ['string', 'null'] }, apiKey: s.string() }, ['id', 'orgId', 'role', 'label', 'apiKey']),
        example: { id: 'vk_0a1b2c3d4e5f', orgId: EXAMPLE.orgId, role: 'checker', label: 'HR desk', apiKey: 'spv_...' },
      },
    },
    errors: [400, 401, 403, 404, 413, 415],
    handler: async ({ ctx }, req, res) => {
      const org = await getVerifierOrganisation(ctx, req.params['orgId'] as string);
      const body = req.body as { role: string; label?: string };
      res.status(201).json(await createVerifierApiKey(ctx, { orgId: org.id, role: body.role, ...(body.label === undefined ? {} : { label: body.label }) }, platformAdminOf(res).actor));
    },
  },
  {
    method: 'delete',
    path: '/orgs/:orgId/api-keys/:keyId',
    summary: "Revoke one of the organisation's API keys",
    tag: 'platform',
    access: 'platform',
    params: [ORG_ID, KEY_ID],
    responses: { 204: { description: 'revoked', contentType: 'none' } },
    errors: [401, 403, 404],
    handler: async ({ ctx }, req, res) => {
      const orgCtx = scopeToOrganisation(ctx, await getVerifierOrganisation(ctx, req.params['orgId'] as string));
      const keyId = req.params['keyId'] as string;
      if (!(await ctx.stores.apiKeys.revoke(orgCtx.org.id, keyId, ctx.now().toISOString()))) throw new PassportError('ERR_NOT_FOUND', 'no such key of this organisation', { field: 'keyId' });
      await recordVerifierEvent(orgCtx, platformAdminOf(res).actor, 'api-key.revoke', keyId);
      res.status(204).end();
    },
  },
  {
    method: 'put',
    path: '/orgs/:orgId/oidc',
    summary: "Set the OpenID provider the organisation's people sign in with (access tokens for its audience; the desk's public client with PKCE)",
    tag: 'platform',
    access: 'platform',
    params: [ORG_ID],
    body: {
      schema: s.object(
        {
          issuer: s.string({ description: "the provider's issuer identifier (https)" }),
          audience: s.string({ description: 'the aud of the access tokens it issues for the verifier' }),
          jwksUri: s.string({ description: 'where its keys are (default: discovered)' }),
          roleClaim: s.string({ description: 'the claim with the roles or groups (default roles)' }),
          roleMapping: { type: 'object', description: "provider values to the verifier's roles", additionalProperties: s.enum(VERIFIER_ROLES) },
          allowedAlgs: s.array(s.string()),
          clientId: s.string({ description: "the desk's client id at the provider: without it the desk does not offer this sign-in" }),
        },
        ['issuer', 'audience', 'roleMapping'],
      ),
      example: { issuer: 'https://login.riverside.example', audience: 'https://verifier.example.nhs.uk/orgs/org_3f9a0c1d2e4b5a6c', roleMapping: { 'hr-checkers': 'checker', 'hr-audit': 'auditor' }, clientId: 'staff-passport-desk' },
    },
    responses: { 200: { description: 'the configuration', schema: s.anyObject('the configuration as kept'), example: { issuer: 'https://login.riverside.example', roleClaim: 'roles' } } },
    errors: [400, 401, 403, 404, 413, 415],
    handler: async ({ ctx }, req, res) => {
      res.json(await setVerifierOidcConfig(ctx, req.params['orgId'] as string, req.body, platformAdminOf(res).actor));
    },
  },
  {
    method: 'delete',
    path: '/orgs/:orgId/oidc',
    summary: "Remove the organisation's OpenID provider (its people then sign in with API keys only)",
    tag: 'platform',
    access: 'platform',
    params: [ORG_ID],
    responses: { 204: { description: 'removed', contentType: 'none' } },
    errors: [401, 403, 404],
    handler: async ({ ctx }, req, res) => {
      await setVerifierOidcConfig(ctx, req.params['orgId'] as string, undefined, platformAdminOf(res).actor);
      res.status(204).end();
    },
  },
  {
    method: 'get',
    path: '/orgs/:orgId/did.json',
    summary: "An organisation's did:web document: its request-signing key, its ODS record in alsoKnownAs",
    tag: 'oid4vp',
    access: 'public',
    params: [ORG_ID],
    responses: {
      200: {
        description: 'DID document',
        contentType: 'application/did+json',
        schema: s.object({ '@context': {}, id: s.string(), alsoKnownAs: s.array(s.string()), verificationMethod: s.array(s.anyObject('a verification method with publicKeyJwk')) }, ['id'], { open: true }),
        example: { '@context': ['https://www.w3.org/ns/did/v1'], id: ORGANISATION_EXAMPLE.did, alsoKnownAs: ['https://directory.spineservices.nhs.uk/ORD/2-0-0/organisations/RYJ'], verificationMethod: [] },
      },
    },
    errors: [404],
    handler: async ({ ctx }, req, res) => {
      await sendDidDocument(res, scopeToOrganisation(ctx, await getVerifierOrganisation(ctx, req.params['orgId'] as string)));
    },
  },
  {
    method: 'get',
    path: '/organisation',
    summary: 'The organisation signed in to, and the roles held there',
    tag: 'organisation',
    access: [...VERIFIER_ROLES],
    responses: {
      200: {
        description: 'the organisation and the caller',
        schema: s.object({ organisation: ORGANISATION, roles: s.array(s.enum(VERIFIER_ROLES)), actor: s.string() }, ['organisation', 'roles', 'actor']),
        example: { organisation: ORGANISATION_EXAMPLE, roles: ['checker'], actor: 'key:vk_0a1b2c3d4e5f' },
      },
    },
    handler: async (_deps, _req, res) => {
      const { org, principal } = callerOf(res);
      res.json({ organisation: org, roles: principal.roles, actor: principal.actor });
    },
  },
  {
    method: 'get',
    path: '/audit',
    summary: "The organisation's audit log, newest first: checks asked for, results exported, deleted and expired, profiles added, keys",
    tag: 'organisation',
    access: ['auditor'],
    query: [
      { name: 'limit', description: `at most this many events (1 to ${MAX_AUDIT}, default 50)`, schema: s.integer({ minimum: 1, maximum: MAX_AUDIT }), example: 50 },
      { name: 'before', description: 'events before this time (the `at` of the last event of the previous page)', schema: s.string(), example: EXAMPLE.time },
    ],
    responses: { 200: { description: 'the events', schema: s.object({ events: s.array(AUDIT_EVENT) }, ['events']), example: { events: [AUDIT_EXAMPLE] } } },
    errors: [400],
    handler: async (_deps, req, res) => {
      const { ctx } = callerOf(res);
      const limitText = typeof req.query['limit'] === 'string' ? req.query['limit'] : '50';
      const limit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : NaN;
      if (!(limit >= 1 && limit <= MAX_AUDIT)) throw new PassportError('ERR_REQUEST_INVALID', `limit must be 1 to ${MAX_AUDIT}`, { field: 'limit' });
      const before = req.query['before'];
      if (before !== undefined && (typeof before !== 'string' || Number.isNaN(Date.parse(before)))) throw new PassportError('ERR_REQUEST_INVALID', 'before must be a time', { field: 'before' });
      res.json({ events: await ctx.stores.audit.list(ctx.org.id, { limit, ...(typeof before === 'string' ? { before } : {}) }) });
    },
  },
];
