import { PassportError } from '@staff-passport/core';
import { jsonSchema as s } from '@staff-passport/web-kit';
import type { Request } from 'express';
import { getIssuedCredential, listIssuedCredentials } from '../../credentials/list-issued-credentials.js';
import { issueCredential, parseIssueRequest } from '../../issuing/issue-credential.js';
import { CREDENTIAL_FORMATS } from '../../issuing/secure-credential.js';
import { STATUS_REASONS, changeCredentialStatus, type StatusAction, type StatusReason } from '../../status/change-credential-status.js';
import { ALL_ROLES, EXAMPLE, ISSUING_ROLES, PARAM, queryParameter, type IssuerRoute } from '../issuer-route.js';
import { callerOf, optionalStringField, queryParam } from '../request-helpers.js';

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

const reason = s.enum(STATUS_REASONS, { description: 'why (audited)' });
const note = s.string({ minLength: 1, maxLength: 500, description: 'free text kept in the audit log' });
const credentialIdSchema = s.string({ pattern: CREDENTIAL_ID.source });
const statusChange = s.ref('StatusChange');
const changeExample = { credentialId: EXAMPLE.credentialId, status: 'revoked' };
const RECORD_EXAMPLE = {
  id: EXAMPLE.credentialId,
  type: 'TrainingRecord',
  schemaId: 'https://issuer.example.nhs.uk/schemas/training-record/1.0',
  subjectHash: '9f2c...e1',
  format: 'vc+jwt',
  issuedAt: EXAMPLE.time,
  issuedBy: EXAMPLE.keyId,
  validUntil: '2029-03-01T00:00:00.000Z',
  status: 'active',
  statusReason: null,
  statusChangedAt: null,
  statusListId: EXAMPLE.listId,
  statusIndex: 4711,
  credentialHash: '5d41...9b',
  jobId: null,
};

function queryOf(req: Request): Parameters<typeof listIssuedCredentials>[2] {
  const limit = queryParam(req, 'limit');
  const status = queryParam(req, 'status');
  const subject = queryParam(req, 'subject');
  const type = queryParam(req, 'type');
  const jobId = queryParam(req, 'jobId');
  const before = queryParam(req, 'before');
  return {
    ...(limit === undefined ? {} : { limit: /^\d{1,4}$/.test(limit) ? Number(limit) : -1 }),
    ...(status === undefined ? {} : { status: status as 'active' }),
    ...(subject === undefined ? {} : { subject }),
    ...(type === undefined ? {} : { type }),
    ...(jobId === undefined ? {} : { jobId }),
    ...(before === undefined ? {} : { before }),
  };
}

function statusActionRoute(action: StatusAction): IssuerRoute {
  return {
    method: 'post',
    path: `/orgs/:orgId/credentials/:credentialId/${action}`,
    summary: `${action[0]!.toUpperCase()}${action.slice(1)} a credential with a reason code`,
    tag: 'status',
    access: ISSUING_ROLES,
    params: [PARAM.orgId, PARAM.credentialId],
    body: { schema: s.object({ reason, note }, ['reason']), example: { reason: action === 'reinstate' ? 'other' : 'employment_ended', note: 'left the trust on 28 February' } },
    responses: { 200: { description: "the credential's new status", schema: statusChange, example: { ...changeExample, status: { revoke: 'revoked', suspend: 'suspended', reinstate: 'active' }[action] } } },
    errors: [400, 401, 403, 404, 409],
    handler: async ({ ctx }, req, res) => {
      const body = req.body as Record<string, unknown>;
      const { org, principal } = callerOf(res);
      const id = req.params['credentialId'] as string;
      const text = optionalStringField(body, 'note', 500);
      const [change] = await changeCredentialStatus(ctx, org, { credentialIds: [id], action, reason: reasonOf(body), ...(text ? { note: text } : {}) }, principal.keyId);
      res.json(change);
    },
  };
}

/** Issuing (W3C VC API), finding issued credentials, and changing their status. */
export const CREDENTIAL_ROUTES: IssuerRoute[] = [
  {
    method: 'post',
    path: '/orgs/:orgId/credentials/issue',
    summary: 'Issue a credential (W3C VC API), in the format asked for',
    tag: 'credentials',
    access: ISSUING_ROLES,
    params: [PARAM.orgId],
    body: {
      schema: s.object(
        {
          credential: s.object(
            {
              '@context': {},
              id: {},
              type: {},
              issuer: {},
              name: {},
              description: {},
              credentialSubject: { description: 'the claims, with the holder DID as id (an object; several subjects as an array for a type not registered)' },
              validFrom: {},
              validUntil: {},
              credentialSchema: {},
              credentialStatus: { description: "kept, before the issuer's own status entries" },
              evidence: {},
              termsOfUse: {},
              refreshService: {},
              relatedResource: {},
            },
            [],
            {
              open: true,
              description:
                'A VC Data Model 2.0 credential (or 1.1, read as 2.0) without a proof, checked against the data model (ERR_VCDM_*, naming the rule and the field). A catalogue or registered type is completed by the issuer (id unless given, issuer, credentialSchema, validFrom, status) and its claims checked against the type (ERR_TYPE_UNKNOWN, ERR_SCHEMA_INVALID); a type not registered is signed as given where the organisation allows it.',
            },
          ),
          options: s.object({
            format: s.string({ description: `one of ${CREDENTIAL_FORMATS.join(', ')} (default vc+jwt; another answers ERR_FORMAT_UNSUPPORTED)` }),
            alg: s.string({ description: 'EdDSA (default) or ES256 (another answers ERR_FORMAT_UNSUPPORTED)' }),
            holderJwk: s.anyObject("the holder's public JWK (SD-JWT VC cnf)"),
          }),
        },
        ['credential'],
      ),
      example: {
        credential: {
          '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/staff-passport/v1'],
          type: ['VerifiableCredential', 'TrainingRecord'],
          credentialSubject: { id: EXAMPLE.holder, subject: 'fire_safety', level: 1, completedOn: '2026-02-20', provider: 'Royal Thames Hospital NHS Trust' },
        },
        options: { format: 'vc+jwt' },
      },
    },
    responses: {
      201: {
        description: 'the credential; the Location header names the issued credential record',
        schema: s.object({ verifiableCredential: { anyOf: [s.string({ description: 'vc+jwt or dc+sd-jwt' }), s.anyObject('a Data Integrity credential')] } }, ['verifiableCredential']),
        example: { verifiableCredential: 'eyJhbGciOiJFZERTQSIsInR5cCI6InZjK2p3dCJ9.eyJ...fQ.c2ln' },
        headers: { location: { description: 'the issued credential record', schema: s.string() } },
      },
    },
    errors: [400, 401, 403, 404, 413, 415],
    handler: async ({ ctx }, req, res) => {
      const { org, principal } = callerOf(res);
      const issued = await issueCredential(ctx, org, parseIssueRequest(req.body), principal);
      // The VC API answer is {verifiableCredential}; where the issuer's record is goes in Location.
      res.location(`/orgs/${org.id}/credentials/${issued.id}`);
      res.status(201).json({ verifiableCredential: issued.verifiableCredential });
    },
  },
  {
    method: 'get',
    path: '/orgs/:orgId/credentials',
    summary: 'Find issued credentials by person (holder DID) and type',
    tag: 'credentials',
    access: ALL_ROLES,
    params: [PARAM.orgId],
    query: [
      queryParameter('subject', 'holder DID (matched by hash)', s.string(), EXAMPLE.holder),
      queryParameter('type', 'catalogue type', s.string(), 'TrainingRecord'),
      queryParameter('status', 'active, suspended or revoked', s.enum(['active', 'suspended', 'revoked'])),
      queryParameter('jobId', 'issued by a bulk job', s.string()),
      queryParameter('limit', '1 to 500', s.string({ pattern: '^[0-9]{1,4}$' }), '100'),
      queryParameter('before', 'paging: records before this credential id', s.string()),
    ],
    responses: { 200: { description: 'the records, newest first', schema: s.object({ credentials: s.array(s.ref('IssuedCredentialRecord')) }, ['credentials']), example: { credentials: [RECORD_EXAMPLE] } } },
    errors: [400, 401, 403, 404],
    handler: async ({ ctx }, req, res) => {
      res.json({ credentials: await listIssuedCredentials(ctx, callerOf(res).org.id, queryOf(req)) });
    },
  },
  {
    method: 'get',
    path: '/orgs/:orgId/credentials/:credentialId',
    summary: 'One issued credential record',
    tag: 'credentials',
    access: ALL_ROLES,
    params: [PARAM.orgId, PARAM.credentialId],
    responses: { 200: { description: 'the record', schema: s.ref('IssuedCredentialRecord'), example: RECORD_EXAMPLE } },
    errors: [401, 403, 404],
    handler: async ({ ctx }, req, res) => {
      res.json(await getIssuedCredential(ctx, callerOf(res).org.id, req.params['credentialId'] as string));
    },
  },
  ...(['revoke', 'suspend', 'reinstate'] as const).map(statusActionRoute),
  {
    // Many at once (up to 10,000 in one transaction), for example everyone on a closed course.
    method: 'post',
    path: '/orgs/:orgId/credentials/status-changes',
    summary: 'Revoke, suspend or reinstate up to 10,000 credentials in one transaction',
    tag: 'status',
    access: ISSUING_ROLES,
    params: [PARAM.orgId],
    body: {
      schema: s.object({ action: s.enum(['revoke', 'suspend', 'reinstate']), credentialIds: s.array(credentialIdSchema, { minItems: 1, maxItems: MAX_STATUS_CHANGES }), reason, note }, ['action', 'credentialIds', 'reason']),
      example: { action: 'suspend', credentialIds: [EXAMPLE.credentialId], reason: 'other', note: 'course withdrawn by the provider' },
    },
    responses: { 200: { description: 'each credential with its new status', schema: s.object({ changes: s.array(statusChange) }, ['changes']), example: { changes: [{ ...changeExample, status: 'suspended' }] } } },
    errors: [400, 401, 403, 404, 409],
    handler: async ({ ctx }, req, res) => {
      const body = req.body as Record<string, unknown>;
      const action = body['action'] as StatusAction;
      const { org, principal } = callerOf(res);
      const text = optionalStringField(body, 'note', 500);
      const changes = await changeCredentialStatus(ctx, org, { credentialIds: credentialIdsOf(body), action, reason: reasonOf(body), ...(text ? { note: text } : {}) }, principal.keyId);
      res.json({ changes });
    },
  },
  {
    // W3C VC API "Update Status": {credentialId, credentialStatus: [{type, statusPurpose, status}]}.
    method: 'post',
    path: '/orgs/:orgId/credentials/status',
    summary: 'Update a credential status (W3C VC API)',
    tag: 'status',
    access: ISSUING_ROLES,
    params: [PARAM.orgId],
    body: {
      schema: s.object(
        {
          credentialId: credentialIdSchema,
          credentialStatus: s.array(s.object({ type: s.enum(['BitstringStatusListEntry']), statusPurpose: s.string({ description: 'revocation or suspension' }), status: s.boolean() }, ['type', 'status'], { open: true }), {
            minItems: 1,
            maxItems: 1,
          }),
          reason,
        },
        ['credentialId', 'credentialStatus'],
      ),
      example: { credentialId: EXAMPLE.credentialId, credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'suspension', status: true }] },
    },
    responses: { 200: { description: "the credential's new status", schema: statusChange, example: { ...changeExample, status: 'suspended' } } },
    errors: [400, 401, 403, 404, 409],
    handler: async ({ ctx }, req, res) => {
      const body = req.body as Record<string, unknown>;
      const credentialId = body['credentialId'] as string;
      const update = (body['credentialStatus'] as Record<string, unknown>[])[0]!;
      const purpose = update['statusPurpose'];
      let action: StatusAction;
      if (purpose === 'revocation' && update['status']) action = 'revoke';
      else if (purpose === 'suspension') action = update['status'] ? 'suspend' : 'reinstate';
      else throw new PassportError('ERR_STATUS_TRANSITION_INVALID', 'a revocation cannot be undone', { field: 'credentialStatus[0].status' });
      const { org, principal } = callerOf(res);
      const why = body['reason'] === undefined ? 'other' : reasonOf(body);
      const [change] = await changeCredentialStatus(ctx, org, { credentialIds: [credentialId], action, reason: why }, principal.keyId);
      res.json(change);
    },
  },
];
