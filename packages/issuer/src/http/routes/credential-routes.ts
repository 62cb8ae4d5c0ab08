import { PassportError, isObject } from '@staff-passport/core';
import type { Router } from 'express';
import { getIssuedCredential, listIssuedCredentials } from '../../credentials/list-issued-credentials.js';
import type { IssuerContext } from '../../issuer-context.js';
import { issueCredential, parseIssueRequest } from '../../issuing/issue-credential.js';
import { STATUS_REASONS, changeCredentialStatus, type StatusAction, type StatusReason } from '../../status/change-credential-status.js';
import type { Authenticator } from '../../auth/create-authenticator.js';
import { requireRole } from '../require-role.js';
import { callerOf, objectBody, optionalStringField, pathParam, queryParam } from '../request-helpers.js';

const CREDENTIAL_ID = /^urn:uuid:[0-9a-f-]{36}$/;
const MAX_STATUS_CHANGES = 10_000;

function reasonOf(body: Record<string, unknown>): StatusReason {
  const reason = body['reason'];
  if (typeof reason !== 'string' || !(STATUS_REASONS as readonly string[]).includes(reason)) {
    throw new PassportError('ERR_REQUEST_INVALID', `reason must be one of ${STATUS_REASONS.join(', ')}`, { field: 'reason' });
  }
  return reason as StatusReason;
}

function credentialIdsOf(body: Record<string, unknown>): string[] {
  const ids = body['credentialIds'];
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_STATUS_CHANGES) {
    throw new PassportError('ERR_REQUEST_INVALID', `credentialIds must list 1 to ${MAX_STATUS_CHANGES} credential ids`, { field: 'credentialIds' });
  }
  ids.forEach((id, i) => {
    if (typeof id !== 'string' || !CREDENTIAL_ID.test(id)) throw new PassportError('ERR_REQUEST_INVALID', 'not a credential id (urn:uuid:...)', { field: `credentialIds[${i}]` });
  });
  return ids as string[];
}

/** Issuing (W3C VC API), finding issued credentials, and changing their status. */
export function addCredentialRoutes(router: Router, ctx: IssuerContext, authenticate: Authenticator): void {
  const issuers = requireRole(ctx, authenticate, ['issuer', 'org-admin']);
  const readers = requireRole(ctx, authenticate, ['issuer', 'org-admin', 'auditor']);

  router.post('/orgs/:orgId/credentials/issue', issuers, async (req, res) => {
    const { org, principal } = callerOf(res);
    const issued = await issueCredential(ctx, org, parseIssueRequest(req.body), principal);
    // The VC API answer is {verifiableCredential}; where the issuer's record is goes in Location.
    res.location(`/orgs/${org.id}/credentials/${issued.id}`);
    res.status(201).json({ verifiableCredential: issued.verifiableCredential });
  });

  router.get('/orgs/:orgId/credentials', readers, async (req, res) => {
    const limit = queryParam(req, 'limit');
    const status = queryParam(req, 'status');
    const subject = queryParam(req, 'subject');
    const type = queryParam(req, 'type');
    const jobId = queryParam(req, 'jobId');
    const before = queryParam(req, 'before');
    const credentials = await listIssuedCredentials(ctx, callerOf(res).org.id, {
      ...(limit === undefined ? {} : { limit: /^\d{1,4}$/.test(limit) ? Number(limit) : -1 }),
      ...(status === undefined ? {} : { status: status as 'active' }),
      ...(subject === undefined ? {} : { subject }),
      ...(type === undefined ? {} : { type }),
      ...(jobId === undefined ? {} : { jobId }),
      ...(before === undefined ? {} : { before }),
    });
    res.json({ credentials });
  });

  router.get('/orgs/:orgId/credentials/:credentialId', readers, async (req, res) => {
    res.json(await getIssuedCredential(ctx, callerOf(res).org.id, pathParam(req, 'credentialId', CREDENTIAL_ID, 'ERR_CREDENTIAL_NOT_FOUND')));
  });

  for (const action of ['revoke', 'suspend', 'reinstate'] as const satisfies readonly StatusAction[]) {
    router.post(`/orgs/:orgId/credentials/:credentialId/${action}`, issuers, async (req, res) => {
      const body = objectBody(req.body, ['reason', 'note']);
      const { org, principal } = callerOf(res);
      const id = pathParam(req, 'credentialId', CREDENTIAL_ID, 'ERR_CREDENTIAL_NOT_FOUND');
      const note = optionalStringField(body, 'note', 500);
      const [change] = await changeCredentialStatus(ctx, org, { credentialIds: [id], action, reason: reasonOf(body), ...(note ? { note } : {}) }, principal.keyId);
      res.json(change);
    });
  }

  // Many at once (up to 10,000 in one transaction), for example everyone on a closed course.
  router.post('/orgs/:orgId/credentials/status-changes', issuers, async (req, res) => {
    const body = objectBody(req.body, ['action', 'credentialIds', 'reason', 'note']);
    const action = body['action'];
    if (action !== 'revoke' && action !== 'suspend' && action !== 'reinstate') {
      throw new PassportError('ERR_REQUEST_INVALID', 'action must be revoke, suspend or reinstate', { field: 'action' });
    }
    const { org, principal } = callerOf(res);
    const note = optionalStringField(body, 'note', 500);
    const changes = await changeCredentialStatus(ctx, org, { credentialIds: credentialIdsOf(body), action, reason: reasonOf(body), ...(note ? { note } : {}) }, principal.keyId);
    res.json({ changes });
  });

  // W3C VC API "Update Status": {credentialId, credentialStatus: [{type, statusPurpose, status}]}.
  router.post('/orgs/:orgId/credentials/status', issuers, async (req, res) => {
    const body = objectBody(req.body, ['credentialId', 'credentialStatus', 'reason']);
    const credentialId = body['credentialId'];
    if (typeof credentialId !== 'string' || !CREDENTIAL_ID.test(credentialId)) {
      throw new PassportError('ERR_REQUEST_INVALID', 'credentialId must be a credential id (urn:uuid:...)', { field: 'credentialId' });
    }
    const updates = body['credentialStatus'];
    if (!Array.isArray(updates) || updates.length !== 1 || !isObject(updates[0])) {
      throw new PassportError('ERR_REQUEST_INVALID', 'credentialStatus must be [{type: "BitstringStatusListEntry", statusPurpose, status}]', { field: 'credentialStatus' });
    }
    const update = updates[0];
    if (update['type'] !== 'BitstringStatusListEntry') {
      throw new PassportError('ERR_REQUEST_INVALID', 'credentialStatus[0].type must be BitstringStatusListEntry', { field: 'credentialStatus[0].type' });
    }
    if (typeof update['status'] !== 'boolean') throw new PassportError('ERR_REQUEST_INVALID', 'credentialStatus[0].status must be true or false', { field: 'credentialStatus[0].status' });
    const purpose = update['statusPurpose'];
    let action: StatusAction;
    if (purpose === 'revocation' && update['status']) action = 'revoke';
    else if (purpose === 'suspension') action = update['status'] ? 'suspend' : 'reinstate';
    else throw new PassportError('ERR_STATUS_TRANSITION_INVALID', 'a revocation cannot be undone', { field: 'credentialStatus[0].status' });
    const { org, principal } = callerOf(res);
    const reason = body['reason'] === undefined ? 'other' : reasonOf(body);
    const [change] = await changeCredentialStatus(ctx, org, { credentialIds: [credentialId], action, reason }, principal.keyId);
    res.json(change);
  });
}
