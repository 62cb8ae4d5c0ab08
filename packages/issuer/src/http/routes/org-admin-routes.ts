import { publicJwkOf } from '@staff-passport/core';
import type { Router } from 'express';
import { createApiKey, type Role } from '../../api-keys/create-api-key.js';
import { changeApiKeyRole, listApiKeys, revokeApiKey } from '../../api-keys/manage-api-keys.js';
import type { IssuerContext } from '../../issuer-context.js';
import { listOrgKeys, rotateOrgKeys, type OrgKey } from '../../organisations/org-keys.js';
import type { Authenticator } from '../../auth/create-authenticator.js';
import { requireRole } from '../require-role.js';
import { callerOf, objectBody, optionalStringField, pathParam, stringField } from '../request-helpers.js';

function keyView(k: OrgKey): Record<string, unknown> {
  return { kid: k.kid, verificationMethod: k.verificationMethod, alg: k.alg, status: k.status, createdAt: k.createdAt, retiredAt: k.retiredAt, publicKeyJwk: publicJwkOf(k) };
}

const KEY_ID = /^key_[0-9a-f]{12}$/;

/** An organisation's own administration: its record, signing keys and rotation, API keys and roles. */
export function addOrgAdminRoutes(router: Router, ctx: IssuerContext, authenticate: Authenticator): void {
  router.get('/orgs/:orgId', requireRole(ctx, authenticate, ['org-admin', 'issuer', 'auditor']), (_req, res) => {
    res.json(callerOf(res).org);
  });

  router.get('/orgs/:orgId/keys', requireRole(ctx, authenticate, ['org-admin', 'auditor']), async (_req, res) => {
    res.json({ keys: (await listOrgKeys(ctx, callerOf(res).org)).map(keyView) });
  });

  router.post('/orgs/:orgId/keys/rotate', requireRole(ctx, authenticate, ['org-admin']), async (req, res) => {
    objectBody(req.body ?? {}, []);
    const { org, principal } = callerOf(res);
    const created = await rotateOrgKeys(ctx, org, principal.keyId);
    res.status(201).json({ keys: created.map(keyView) });
  });

  router.get('/orgs/:orgId/api-keys', requireRole(ctx, authenticate, ['org-admin', 'auditor']), async (_req, res) => {
    res.json({ apiKeys: await listApiKeys(ctx, callerOf(res).org.id) });
  });

  router.post('/orgs/:orgId/api-keys', requireRole(ctx, authenticate, ['org-admin']), async (req, res) => {
    const body = objectBody(req.body, ['role', 'label', 'expiresAt']);
    const { org, principal } = callerOf(res);
    const label = optionalStringField(body, 'label');
    const expiresAt = optionalStringField(body, 'expiresAt', 40);
    const created = await createApiKey(
      ctx,
      { orgId: org.id, role: stringField(body, 'role', 20) as Role, ...(label ? { label } : {}), ...(expiresAt ? { expiresAt } : {}) },
      principal.keyId,
    );
    res.status(201).json(created);
  });

  router.post('/orgs/:orgId/api-keys/:keyId/revoke', requireRole(ctx, authenticate, ['org-admin']), async (req, res) => {
    const { org, principal } = callerOf(res);
    res.json(await revokeApiKey(ctx, org.id, pathParam(req, 'keyId', KEY_ID), principal.keyId));
  });

  router.post('/orgs/:orgId/api-keys/:keyId/role', requireRole(ctx, authenticate, ['org-admin']), async (req, res) => {
    const body = objectBody(req.body, ['role']);
    const { org, principal } = callerOf(res);
    const role = stringField(body, 'role', 20);
    res.json(await changeApiKeyRole(ctx, org.id, pathParam(req, 'keyId', KEY_ID), role as Role, principal.keyId));
  });
}
