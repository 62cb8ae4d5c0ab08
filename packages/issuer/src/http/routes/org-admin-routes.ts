import { publicJwkOf } from '@staff-passport/core';
import { jsonSchema as s } from '@staff-passport/web-kit';
import { ROLES, createApiKey, type Role } from '../../api-keys/create-api-key.js';
import { changeApiKeyRole, listApiKeys, revokeApiKey } from '../../api-keys/manage-api-keys.js';
import { listOrgKeys, rotateOrgKeys, type OrgKey } from '../../organisations/org-keys.js';
import { ALL_ROLES, EXAMPLE, PARAM, type IssuerRoute } from '../issuer-route.js';
import { callerOf, optionalStringField, stringField } from '../request-helpers.js';

function keyView(k: OrgKey): Record<string, unknown> {
  return { kid: k.kid, verificationMethod: k.verificationMethod, alg: k.alg, status: k.status, createdAt: k.createdAt, retiredAt: k.retiredAt, publicKeyJwk: publicJwkOf(k) };
}

const SIGNING_KEY_EXAMPLE = {
  kid: 'k-ed25519-1',
  verificationMethod: `${EXAMPLE.did}#k-ed25519-1`,
  alg: 'EdDSA',
  status: 'active',
  createdAt: EXAMPLE.time,
  retiredAt: null,
  publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' },
};
const API_KEY_EXAMPLE = { id: EXAMPLE.keyId, orgId: EXAMPLE.orgId, role: 'issuer', label: 'ESR integration', createdAt: EXAMPLE.time, expiresAt: null, revokedAt: null };
const role = s.enum(ROLES);

/** An organisation's own administration: its record, signing keys and rotation, API keys and roles. */
export const ORG_ADMIN_ROUTES: IssuerRoute[] = [
  {
    method: 'get',
    path: '/orgs/:orgId',
    summary: 'The organisation',
    tag: 'organisations',
    access: ALL_ROLES,
    params: [PARAM.orgId],
    responses: { 200: { description: 'the organisation', schema: s.ref('Organisation'), example: { id: EXAMPLE.orgId, name: 'Royal Thames Hospital NHS Trust', odsCode: 'RTH', did: EXAMPLE.did, createdAt: EXAMPLE.time } } },
    errors: [401, 403, 404],
    handler: (_deps, _req, res) => {
      res.json(callerOf(res).org);
    },
  },
  {
    method: 'get',
    path: '/orgs/:orgId/keys',
    summary: 'Signing keys, active and retired',
    tag: 'keys',
    access: ['org-admin', 'auditor'],
    params: [PARAM.orgId],
    responses: { 200: { description: 'the signing keys', schema: s.object({ keys: s.array(s.ref('SigningKey')) }, ['keys']), example: { keys: [SIGNING_KEY_EXAMPLE] } } },
    errors: [401, 403, 404],
    handler: async ({ ctx }, _req, res) => {
      res.json({ keys: (await listOrgKeys(ctx, callerOf(res).org)).map(keyView) });
    },
  },
  {
    method: 'post',
    path: '/orgs/:orgId/keys/rotate',
    summary: 'Rotate signing keys: new keys sign from now; old keys stay published while credentials they signed are live',
    tag: 'keys',
    access: ['org-admin'],
    params: [PARAM.orgId],
    body: { schema: s.object({}, [], { description: 'nothing (an empty object, or no body)' }), required: false, example: {} },
    responses: { 201: { description: 'the keys created', schema: s.object({ keys: s.array(s.ref('SigningKey')) }, ['keys']), example: { keys: [{ ...SIGNING_KEY_EXAMPLE, kid: 'k-ed25519-2' }] } } },
    errors: [400, 401, 403, 404],
    handler: async ({ ctx }, _req, res) => {
      const { org, principal } = callerOf(res);
      const created = await rotateOrgKeys(ctx, org, principal.keyId);
      res.status(201).json({ keys: created.map(keyView) });
    },
  },
  {
    method: 'get',
    path: '/orgs/:orgId/api-keys',
    summary: 'API keys (never the secret)',
    tag: 'access',
    access: ['org-admin', 'auditor'],
    params: [PARAM.orgId],
    responses: { 200: { description: 'the API keys', schema: s.object({ apiKeys: s.array(s.ref('ApiKey')) }, ['apiKeys']), example: { apiKeys: [API_KEY_EXAMPLE] } } },
    errors: [401, 403, 404],
    handler: async ({ ctx }, _req, res) => {
      res.json({ apiKeys: await listApiKeys(ctx, callerOf(res).org.id) });
    },
  },
  {
    method: 'post',
    path: '/orgs/:orgId/api-keys',
    summary: 'Create an API key for one role; the secret is shown once',
    tag: 'access',
    access: ['org-admin'],
    params: [PARAM.orgId],
    body: {
      schema: s.object({ role, label: s.string({ minLength: 1, maxLength: 200 }), expiresAt: s.string({ minLength: 1, maxLength: 40, format: 'date-time' }) }, ['role']),
      example: { role: 'issuer', label: 'ESR integration', expiresAt: '2027-03-01T00:00:00Z' },
    },
    responses: {
      201: {
        description: 'the key, with its secret (shown only here)',
        schema: s.object({ id: s.string(), orgId: s.string(), role, label: s.nullable(s.string()), apiKey: s.string({ description: 'the secret: sp_...' }) }, ['id', 'orgId', 'role', 'apiKey'], { open: true }),
        example: { id: EXAMPLE.keyId, orgId: EXAMPLE.orgId, role: 'issuer', label: 'ESR integration', apiKey: 'sp_key_0a1b2c3d4e5f_...' },
      },
    },
    errors: [400, 401, 403, 404],
    handler: async ({ ctx }, req, res) => {
      const body = req.body as Record<string, unknown>;
      const { org, principal } = callerOf(res);
      const label = optionalStringField(body, 'label');
      const expiresAt = optionalStringField(body, 'expiresAt', 40);
      const created = await createApiKey(
        ctx,
        { orgId: org.id, role: stringField(body, 'role', 20) as Role, ...(label ? { label } : {}), ...(expiresAt ? { expiresAt } : {}) },
        principal.keyId,
      );
      res.status(201).json(created);
    },
  },
  {
    method: 'post',
    path: '/orgs/:orgId/api-keys/:keyId/revoke',
    summary: 'Revoke an API key',
    tag: 'access',
    access: ['org-admin'],
    params: [PARAM.orgId, PARAM.keyId],
    responses: { 200: { description: 'the key, revoked', schema: s.ref('ApiKey'), example: { ...API_KEY_EXAMPLE, revokedAt: EXAMPLE.time } } },
    errors: [401, 403, 404],
    handler: async ({ ctx }, req, res) => {
      const { org, principal } = callerOf(res);
      res.json(await revokeApiKey(ctx, org.id, req.params['keyId'] as string, principal.keyId));
    },
  },
  {
    method: 'post',
    path: '/orgs/:orgId/api-keys/:keyId/role',
    summary: "Change an API key's role (audited)",
    tag: 'access',
    access: ['org-admin'],
    params: [PARAM.orgId, PARAM.keyId],
    body: { schema: s.object({ role }, ['role']), example: { role: 'auditor' } },
    responses: { 200: { description: 'the key', schema: s.ref('ApiKey'), example: { ...API_KEY_EXAMPLE, role: 'auditor' } } },
    errors: [400, 401, 403, 404],
    handler: async ({ ctx }, req, res) => {
      const { org, principal } = callerOf(res);
      const newRole = stringField(req.body as Record<string, unknown>, 'role', 20);
      res.json(await changeApiKeyRole(ctx, org.id, req.params['keyId'] as string, newRole as Role, principal.keyId));
    },
  },
];
