import { CREDENTIAL_FORMATS } from '../issuing/secure-credential.js';
import { JOB_KINDS, JOB_STATES } from '../jobs/job.js';
import { OFFER_FORMATS, OFFER_STATUSES, PRE_AUTHORIZED_CODE_GRANT } from '../oid4vci/index.js';
import { STATUS_REASONS } from '../status/change-credential-status.js';

type Schema = Record<string, unknown>;

/** One route as the OpenAPI document describes it. */
export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Express-style path (`/orgs/:orgId`). */
  path: string;
  summary: string;
  tag: string;
  /** Who may call it: `public`, `platform`, or organisation roles. */
  access: 'public' | 'platform' | readonly ('org-admin' | 'issuer' | 'auditor')[];
  body?: Schema;
  /** Content type of the request body, when not JSON. */
  bodyType?: string;
  query?: readonly { name: string; description: string }[];
  ok: { status: number; description: string; type?: string; schema?: Schema };
  errors?: readonly number[];
}

const str = (description?: string): Schema => ({ type: 'string', ...(description ? { description } : {}) });
const obj = (properties: Record<string, Schema>, required: readonly string[] = []): Schema => ({
  type: 'object',
  additionalProperties: false,
  properties,
  ...(required.length ? { required } : {}),
});
const reason = { type: 'string', enum: STATUS_REASONS };
const record: Schema = { $ref: '#/components/schemas/IssuedCredentialRecord' };
const ORG_ROLES_ALL = ['org-admin', 'issuer', 'auditor'] as const;
const job: Schema = { $ref: '#/components/schemas/BulkJob' };

const personReference: Schema = {
  type: 'string',
  minLength: 1,
  maxLength: 200,
  description:
    "HR's own label for whom the offer is for, for example 'Amara Okafor, ESR 12345678': trimmed, no control characters. Kept at the issuer only (never in the credential or the offer the wallet sees), erased if the offer is withdrawn; the HR console finds the person's credentials by it",
};
const offer: Schema = { $ref: '#/components/schemas/Offer' };

const offerCredential: Schema = obj({ type: str('catalogue type, for example TrainingRecord'), credentialSubject: { type: 'object', description: 'the claims, without id (the holder DID comes from the wallet key proof)' } }, ['type']);

/**
 * HR's credential offers and the wallet-facing OpenID4VCI 1.0 endpoints (these answer errors as
 * OAuth errors `{error, error_description, code}`, not problem details).
 */
const OID4VCI_ROUTES: RouteSpec[] = [
  {
    method: 'post',
    path: '/orgs/:orgId/offers',
    summary: 'Create an OpenID4VCI credential offer (pre-authorised code, transaction code shown once); claims validated now',
    tag: 'offers',
    access: ['issuer', 'org-admin'],
    body: obj(
      {
        credentials: { type: 'array', items: offerCredential, minItems: 1, maxItems: 10 },
        formats: { type: 'array', items: { type: 'string', enum: OFFER_FORMATS } },
        txCode: { type: 'boolean', description: 'default true' },
        byReference: { type: 'boolean', description: 'default true: credential_offer_uri' },
        pending: { type: 'boolean', description: 'deferred issuance: claims follow with /complete' },
        expiresInSeconds: { type: 'integer', minimum: 60, maximum: 2592000 },
        personReference,
      },
      ['credentials'],
    ),
    ok: {
      status: 201,
      description: '{id, status, credentialOfferUri | credentialOffer, link, txCode, qr: {png, svg}, expiresAt, personReference?}; Location names the offer',
      schema: { $ref: '#/components/schemas/CreatedOffer' },
    },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'get',
    path: '/orgs/:orgId/offers',
    summary: "The organisation's credential offers, newest first, with status",
    tag: 'offers',
    access: ORG_ROLES_ALL,
    query: [{ name: 'limit', description: '1 to 500 (default 100)' }],
    ok: { status: 200, description: '{offers}', schema: obj({ offers: { type: 'array', items: offer } }, ['offers']) },
    errors: [400, 401, 403],
  },
  {
    method: 'get',
    path: '/orgs/:orgId/offers/:offerId',
    summary: 'A credential offer: status, deliveries and the notifications the wallet sent',
    tag: 'offers',
    access: ORG_ROLES_ALL,
    ok: { status: 200, description: 'the offer', schema: offer },
    errors: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/orgs/:orgId/offers/:offerId/qr.png',
    summary: "The offer link as a QR code (PNG), while the offer is unused",
    tag: 'offers',
    access: ['issuer', 'org-admin'],
    ok: { status: 200, description: 'PNG', type: 'image/png' },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'get',
    path: '/orgs/:orgId/offers/:offerId/qr.svg',
    summary: 'The offer link as a QR code (SVG), while the offer is unused',
    tag: 'offers',
    access: ['issuer', 'org-admin'],
    ok: { status: 200, description: 'SVG', type: 'image/svg+xml' },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'post',
    path: '/orgs/:orgId/offers/:offerId/complete',
    summary: "Supply the claims of a deferred (pending) offer: the wallet's next deferred request gets the credentials",
    tag: 'offers',
    access: ['issuer', 'org-admin'],
    body: obj({ credentials: { type: 'array', items: offerCredential, minItems: 1, maxItems: 10 } }, ['credentials']),
    ok: { status: 200, description: 'the offer', schema: offer },
    errors: [400, 401, 403, 404, 409],
  },
  { method: 'delete', path: '/orgs/:orgId/offers/:offerId', summary: 'Withdraw an unused credential offer', tag: 'offers', access: ['issuer', 'org-admin'], ok: { status: 204, description: 'withdrawn' }, errors: [401, 403, 404, 409] },
  {
    method: 'get',
    path: '/.well-known/openid-credential-issuer/orgs/:orgId',
    summary: 'OpenID4VCI Credential Issuer Metadata of the organisation (OpenID4VCI 1.0, 12.2)',
    tag: 'oid4vci',
    access: 'public',
    ok: { status: 200, description: 'credential issuer metadata' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/.well-known/oauth-authorization-server/orgs/:orgId',
    summary: 'OAuth 2.0 Authorization Server Metadata of the organisation (RFC 8414)',
    tag: 'oid4vci',
    access: 'public',
    ok: { status: 200, description: 'authorization server metadata' },
    errors: [404],
  },
  { method: 'get', path: '/orgs/:orgId/oid4vci/offers/:offerId', summary: 'A credential offer by reference (credential_offer_uri)', tag: 'oid4vci', access: 'public', ok: { status: 200, description: 'credential offer' }, errors: [400, 404] },
  {
    method: 'post',
    path: '/orgs/:orgId/oid4vci/token',
    summary: 'Token endpoint: pre-authorised code and transaction code for an access token (form-encoded)',
    tag: 'oid4vci',
    access: 'public',
    bodyType: 'application/x-www-form-urlencoded',
    body: obj({ grant_type: str(PRE_AUTHORIZED_CODE_GRANT), 'pre-authorized_code': str(), tx_code: str() }, ['grant_type', 'pre-authorized_code']),
    ok: { status: 200, description: '{access_token, token_type: Bearer, expires_in}' },
    errors: [400],
  },
  { method: 'post', path: '/orgs/:orgId/oid4vci/nonce', summary: 'Nonce endpoint: a fresh c_nonce for key proofs', tag: 'oid4vci', access: 'public', ok: { status: 200, description: '{c_nonce}' } },
  {
    method: 'post',
    path: '/orgs/:orgId/oid4vci/credential',
    summary: 'Credential endpoint (access token): one credential per key proof, or 202 with a transaction_id when deferred',
    tag: 'oid4vci',
    access: 'public',
    body: obj({ credential_configuration_id: str(), proofs: obj({ jwt: { type: 'array', items: str(), maxItems: 10 } }) }, ['credential_configuration_id', 'proofs']),
    ok: { status: 200, description: '{credentials: [{credential}], notification_id}; 202 {transaction_id, interval}' },
    errors: [400, 401],
  },
  {
    method: 'post',
    path: '/orgs/:orgId/oid4vci/deferred-credential',
    summary: 'Deferred credential endpoint (access token): the credentials once HR completes the offer, 202 until then',
    tag: 'oid4vci',
    access: 'public',
    body: obj({ transaction_id: str() }, ['transaction_id']),
    ok: { status: 200, description: '{credentials, notification_id}; 202 {transaction_id, interval}' },
    errors: [400, 401],
  },
  {
    method: 'post',
    path: '/orgs/:orgId/oid4vci/notification',
    summary: 'Notification endpoint (access token): credential_accepted, credential_failure or credential_deleted',
    tag: 'oid4vci',
    access: 'public',
    body: obj({ notification_id: str(), event: { type: 'string', enum: ['credential_accepted', 'credential_failure', 'credential_deleted'] }, event_description: str() }, ['notification_id', 'event']),
    ok: { status: 204, description: 'recorded' },
    errors: [400, 401],
  },
];

/** Every route of the issuer (the test walks the app's router and checks each is here, and only these). */
export const ISSUER_ROUTES: RouteSpec[] = [
  { method: 'get', path: '/healthz', summary: 'Liveness', tag: 'service', access: 'public', ok: { status: 200, description: '{status: "ok"}' } },
  { method: 'get', path: '/openapi.json', summary: 'This document', tag: 'service', access: 'public', ok: { status: 200, description: 'OpenAPI 3.1' } },
  { method: 'get', path: '/docs/api', summary: 'Readable API reference', tag: 'service', access: 'public', ok: { status: 200, description: 'HTML', type: 'text/html' } },
  { method: 'get', path: '/schemas', summary: 'The credential catalogue: types, versions, schema ids, vct', tag: 'catalogue', access: 'public', ok: { status: 200, description: 'list' } },
  {
    method: 'get',
    path: '/schemas/:slug/:version',
    summary: 'A credential type JSON Schema (2020-12), at its $id path',
    tag: 'catalogue',
    access: 'public',
    ok: { status: 200, description: 'JSON Schema', type: 'application/schema+json' },
    errors: [404],
  },
  { method: 'get', path: '/contexts/v1', summary: 'The staff passport JSON-LD context', tag: 'catalogue', access: 'public', ok: { status: 200, description: 'JSON-LD context', type: 'application/ld+json' } },
  {
    method: 'get',
    path: '/orgs/:orgId/did.json',
    summary: "The organisation's did:web DID document (keys, ODS code in alsoKnownAs)",
    tag: 'organisations',
    access: 'public',
    ok: { status: 200, description: 'DID document', type: 'application/did+json' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/orgs/:orgId/status/:listId/:view',
    summary: 'A status list: view revocation or suspension (BitstringStatusListCredential, vc+jwt) or token (IETF Token Status List, statuslist+jwt)',
    tag: 'status',
    access: 'public',
    ok: { status: 200, description: 'signed status list', type: 'application/vc+jwt' },
    errors: [404],
  },
  {
    method: 'post',
    path: '/orgs',
    summary: 'Create an organisation (did:web, Ed25519 and P-256 keys)',
    tag: 'platform',
    access: 'platform',
    body: obj({ name: str('Organisation name'), odsCode: str('ODS code, for example RTH') }, ['name', 'odsCode']),
    ok: { status: 201, description: 'the organisation', schema: { $ref: '#/components/schemas/Organisation' } },
    errors: [400, 401, 409],
  },
  { method: 'get', path: '/orgs', summary: 'List organisations', tag: 'platform', access: 'platform', ok: { status: 200, description: '{organisations}' }, errors: [401] },
  { method: 'get', path: '/orgs/:orgId', summary: 'The organisation', tag: 'organisations', access: ORG_ROLES_ALL, ok: { status: 200, description: 'organisation', schema: { $ref: '#/components/schemas/Organisation' } }, errors: [401, 403, 404] },
  { method: 'get', path: '/orgs/:orgId/keys', summary: 'Signing keys, active and retired', tag: 'keys', access: ['org-admin', 'auditor'], ok: { status: 200, description: '{keys}' }, errors: [401, 403, 404] },
  {
    method: 'post',
    path: '/orgs/:orgId/keys/rotate',
    summary: 'Rotate signing keys: new keys sign from now; old keys stay published while credentials they signed are live',
    tag: 'keys',
    access: ['org-admin'],
    ok: { status: 201, description: '{keys} created' },
    errors: [401, 403, 404],
  },
  { method: 'get', path: '/orgs/:orgId/api-keys', summary: 'API keys (never the secret)', tag: 'access', access: ['org-admin', 'auditor'], ok: { status: 200, description: '{apiKeys}' }, errors: [401, 403] },
  {
    method: 'post',
    path: '/orgs/:orgId/api-keys',
    summary: 'Create an API key for one role; the secret is shown once',
    tag: 'access',
    access: ['org-admin'],
    body: obj({ role: { type: 'string', enum: ['org-admin', 'issuer', 'auditor'] }, label: str(), expiresAt: { type: 'string', format: 'date-time' } }, ['role']),
    ok: { status: 201, description: '{id, orgId, role, apiKey}' },
    errors: [400, 401, 403],
  },
  { method: 'post', path: '/orgs/:orgId/api-keys/:keyId/revoke', summary: 'Revoke an API key', tag: 'access', access: ['org-admin'], ok: { status: 200, description: 'the key' }, errors: [401, 403, 404] },
  {
    method: 'post',
    path: '/orgs/:orgId/api-keys/:keyId/role',
    summary: "Change an API key's role (audited)",
    tag: 'access',
    access: ['org-admin'],
    body: obj({ role: { type: 'string', enum: ['org-admin', 'issuer', 'auditor'] } }, ['role']),
    ok: { status: 200, description: 'the key' },
    errors: [400, 401, 403, 404],
  },
  { method: 'get', path: '/orgs/:orgId/oidc', summary: "The organisation's OpenID provider for sign-in", tag: 'access', access: ['org-admin'], ok: { status: 200, description: '{oidc}' }, errors: [401, 403, 404] },
  {
    method: 'put',
    path: '/orgs/:orgId/oidc',
    summary: 'Set the OpenID provider: issuer, audience, JWKS URI, role claim and role mapping (audited)',
    tag: 'access',
    access: ['org-admin'],
    body: obj(
      {
        issuer: str('the provider issuer URL'),
        audience: str('the audience access tokens are for'),
        jwksUri: str('optional; discovered otherwise'),
        roleClaim: str('default roles'),
        roleMapping: { type: 'object', additionalProperties: { type: 'string', enum: ['org-admin', 'issuer', 'auditor'] } },
        allowedAlgs: { type: 'array', items: str() },
        clientId: str("optional; the HR console's public client id at the provider (code flow with PKCE)"),
      },
      ['issuer', 'audience', 'roleMapping'],
    ),
    ok: { status: 200, description: '{oidc}' },
    errors: [400, 401, 403, 404],
  },
  { method: 'delete', path: '/orgs/:orgId/oidc', summary: 'Stop OIDC sign-in for the organisation', tag: 'access', access: ['org-admin'], ok: { status: 200, description: '{removed}' }, errors: [401, 403, 404] },
  {
    method: 'post',
    path: '/orgs/:orgId/credentials/issue',
    summary: 'Issue a credential (W3C VC API), in the format asked for',
    tag: 'credentials',
    access: ['issuer', 'org-admin'],
    body: obj(
      {
        credential: { type: 'object', description: 'VC Data Model 2.0 credential of a catalogue type, without id, status or schema' },
        options: obj({ format: { type: 'string', enum: CREDENTIAL_FORMATS }, alg: { type: 'string', enum: ['EdDSA', 'ES256'] }, holderJwk: { type: 'object' } }),
      },
      ['credential'],
    ),
    ok: { status: 201, description: '{verifiableCredential}; the Location header names the issued credential record' },
    errors: [400, 401, 403, 404, 413, 415],
  },
  {
    method: 'get',
    path: '/orgs/:orgId/credentials',
    summary: 'Find issued credentials by person (holder DID) and type',
    tag: 'credentials',
    access: ORG_ROLES_ALL,
    query: [
      { name: 'subject', description: "holder DID (matched by hash)" },
      { name: 'type', description: 'catalogue type' },
      { name: 'status', description: 'active, suspended or revoked' },
      { name: 'jobId', description: 'issued by a bulk job' },
      { name: 'limit', description: '1 to 500' },
      { name: 'before', description: 'paging: records before this credential id' },
    ],
    ok: { status: 200, description: '{credentials}', schema: obj({ credentials: { type: 'array', items: record } }) },
    errors: [400, 401, 403],
  },
  { method: 'get', path: '/orgs/:orgId/credentials/:credentialId', summary: 'One issued credential record', tag: 'credentials', access: ORG_ROLES_ALL, ok: { status: 200, description: 'record', schema: record }, errors: [401, 403, 404] },
  ...(['revoke', 'suspend', 'reinstate'] as const).map(
    (action): RouteSpec => ({
      method: 'post',
      path: `/orgs/:orgId/credentials/:credentialId/${action}`,
      summary: `${action[0]!.toUpperCase()}${action.slice(1)} a credential with a reason code`,
      tag: 'status',
      access: ['issuer', 'org-admin'],
      body: obj({ reason, note: str() }, ['reason']),
      ok: { status: 200, description: '{credentialId, status}' },
      errors: [400, 401, 403, 404, 409],
    }),
  ),
  {
    method: 'post',
    path: '/orgs/:orgId/credentials/status-changes',
    summary: 'Revoke, suspend or reinstate up to 10,000 credentials in one transaction',
    tag: 'status',
    access: ['issuer', 'org-admin'],
    body: obj({ action: { type: 'string', enum: ['revoke', 'suspend', 'reinstate'] }, credentialIds: { type: 'array', items: str(), maxItems: 10000 }, reason, note: str() }, [
      'action',
      'credentialIds',
      'reason',
    ]),
    ok: { status: 200, description: '{changes}' },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'post',
    path: '/orgs/:orgId/credentials/status',
    summary: 'Update a credential status (W3C VC API)',
    tag: 'status',
    access: ['issuer', 'org-admin'],
    body: obj({ credentialId: str(), credentialStatus: { type: 'array', items: obj({ type: str(), statusPurpose: { type: 'string', enum: ['revocation', 'suspension'] }, status: { type: 'boolean' } }) }, reason }, [
      'credentialId',
      'credentialStatus',
    ]),
    ok: { status: 200, description: '{credentialId, status}' },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'get',
    path: '/orgs/:orgId/audit',
    summary: "The organisation's hash-chained audit log, oldest first",
    tag: 'audit',
    access: ['auditor', 'org-admin'],
    query: [
      { name: 'after', description: 'entries after this sequence number' },
      { name: 'limit', description: '1 to 1000' },
    ],
    ok: { status: 200, description: '{events, next}' },
    errors: [400, 401, 403],
  },
  { method: 'get', path: '/orgs/:orgId/audit/verify', summary: "Check the organisation's audit chain", tag: 'audit', access: ['auditor', 'org-admin'], ok: { status: 200, description: '{ok, entries, problems}' }, errors: [401, 403] },
  {
    method: 'post',
    path: '/orgs/:orgId/jobs',
    tag: 'jobs',
    access: ['issuer', 'org-admin'],
    summary:
      'Upload an ESR training compliance or assignment export (CSV with a Holder DID column) or JSON lines as a bulk issuing job: every row validated first, then issued; rows already issued are never issued again',
    bodyType: 'text/csv',
    body: { type: 'string', description: 'the file, streamed: text/csv for ESR exports, application/x-ndjson for JSON lines ({credential, options} a line); at most 2 GiB' },
    query: [
      { name: 'kind', description: 'training-compliance, assignment or jsonl (default jsonl for application/x-ndjson)' },
      { name: 'format', description: `${CREDENTIAL_FORMATS.join(', ')} (default vc+jwt; a JSON line may name its own)` },
      { name: 'cstfVersion', description: 'training: the CSTF version met (default 1.2)' },
      { name: 'cstfAligned', description: 'training: true when the organisation has a CSTF Declaration of Alignment (default false)' },
    ],
    ok: { status: 202, description: 'the job (state validating); Location names it', schema: job },
    errors: [400, 401, 403, 404, 413, 415],
  },
  {
    method: 'get',
    path: '/orgs/:orgId/jobs',
    summary: "The organisation's bulk jobs, newest first",
    tag: 'jobs',
    access: ORG_ROLES_ALL,
    query: [{ name: 'limit', description: '1 to 500 (default 50)' }],
    ok: { status: 200, description: '{jobs}', schema: obj({ jobs: { type: 'array', items: job } }) },
    errors: [400, 401, 403],
  },
  { method: 'get', path: '/orgs/:orgId/jobs/:jobId', summary: 'A bulk job and its progress (done, total, rate, time left)', tag: 'jobs', access: ORG_ROLES_ALL, ok: { status: 200, description: 'the job', schema: job }, errors: [401, 403, 404] },
  {
    method: 'get',
    path: '/orgs/:orgId/jobs/:jobId/errors',
    summary: "A bulk job's row errors (row, column, code, message), JSON or CSV",
    tag: 'jobs',
    access: ORG_ROLES_ALL,
    query: [{ name: 'format', description: 'json (default) or csv' }],
    ok: { status: 200, description: '{jobId, count, complete, errors}; text/csv with format=csv' },
    errors: [400, 401, 403, 404],
  },
  { method: 'get', path: '/jobs/:jobId', summary: 'A bulk job by id alone, for a caller of its organisation', tag: 'jobs', access: ORG_ROLES_ALL, ok: { status: 200, description: 'the job', schema: job }, errors: [401, 403, 404] },  ...OID4VCI_ROUTES,
];

/** Express `:param` to OpenAPI `{param}`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

const ERROR_TEXT: Record<number, string> = {
  400: 'Bad request (problem+json with code and field)',
  401: 'Not authenticated',
  403: 'Not allowed for this role or organisation',
  404: 'Not found',
  409: 'Conflict',
  413: 'Body too large',
  415: 'Unsupported media type',
  429: 'Too many attempts',
};

/**
 * The OpenAPI 3.1 document of the issuer: every route with its access, body and answers, errors
 * as RFC 9457 problem details.
 */
export function buildOpenApiDocument(publicUrl: string, routes: readonly RouteSpec[] = ISSUER_ROUTES): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = toOpenApiPath(route.path);
    const params = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = (route.query ?? []).map((q) => ({ name: q.name, in: 'query', required: false, description: q.description, schema: { type: 'string' } }));
    const security = route.access === 'public' ? [] : route.access === 'platform' ? [{ platformKey: [] }] : [{ apiKey: [] }, { oidc: [] }];
    const responses: Record<string, unknown> = {
      [String(route.ok.status)]: {
        description: route.ok.description,
        content: { [route.ok.type ?? 'application/json']: { schema: route.ok.schema ?? {} } },
      },
    };
    for (const status of route.errors ?? []) {
      responses[String(status)] = { description: ERROR_TEXT[status] ?? 'Error', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    }
    (paths[path] ??= {})[route.method] = {
      summary: route.summary,
      tags: [route.tag],
      ...(Array.isArray(route.access) ? { 'x-roles': route.access } : {}),
      security,
      parameters: [...params, ...query],
      ...(route.body ? { requestBody: { required: true, content: { [route.bodyType ?? 'application/json']: { schema: route.body } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Staff Passport issuer API',
      version: '0.1.0',
      description: 'Issue, find, revoke, suspend and reinstate staff credentials; organisations, keys, API keys and the audit log.',
    },
    servers: [{ url: publicUrl }],
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An organisation API key (sp_...)' },
        oidc: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: "An access token from the organisation's OpenID provider" },
        platformKey: { type: 'http', scheme: 'bearer', description: 'A platform administrator key (spa_...)' },
      },
      schemas: {
        Problem: obj({ type: str(), title: str(), status: { type: 'integer' }, detail: str(), code: str('stable error code'), field: str('the field at fault'), instance: str() }),
        BulkJob: obj({
          id: str(),
          orgId: str(),
          kind: { type: 'string', enum: JOB_KINDS },
          format: { type: 'string', enum: CREDENTIAL_FORMATS },
          options: obj({ cstfVersion: str(), cstfAligned: { type: 'boolean' } }),
          state: { type: 'string', enum: JOB_STATES },
          total: { type: ['integer', 'null'] },
          validated: { type: 'integer' },
          done: { type: 'integer' },
          issued: { type: 'integer' },
          duplicates: { type: 'integer' },
          skipped: { type: 'integer' },
          errors: { type: 'integer' },
          ratePerSecond: { type: 'number' },
          secondsLeft: { type: ['integer', 'null'] },
          fileSha256: str(),
          fileBytes: { type: 'integer' },
          createdBy: str(),
          createdAt: str(),
          updatedAt: str(),
          completedAt: { type: ['string', 'null'] },
          failure: { type: ['object', 'null'], properties: { code: str(), message: str() } },
        }),
        Organisation: obj({ id: str(), name: str(), odsCode: str(), did: str(), createdAt: str() }),
        IssuedCredentialRecord: obj({
          id: str(),
          type: str(),
          schemaId: str(),
          subjectHash: str("SHA-256 (hex) of the holder's DID"),
          format: str(),
          issuedAt: str(),
          issuedBy: str(),
          validUntil: { type: ['string', 'null'] },
          status: { type: 'string', enum: ['active', 'suspended', 'revoked'] },
          statusReason: { type: ['string', 'null'] },
          statusChangedAt: { type: ['string', 'null'] },
          statusListId: { type: ['string', 'null'] },
          statusIndex: { type: ['integer', 'null'] },
          credentialHash: str('SHA-256 of the credential as issued'),
          jobId: { type: ['string', 'null'] },
          personReference: { ...personReference, description: "HR's own label for the person, when the credential was delivered for an offer made with one" },
        }),
        CreatedOffer: obj(
          {
            id: str(),
            status: { type: 'string', enum: ['offered'] },
            credentialOfferUri: str('when byReference'),
            credentialOffer: { type: 'object', description: 'when not byReference' },
            link: str('openid-credential-offer://...'),
            txCode: { type: ['string', 'null'], description: 'the PIN to give the holder by another channel; shown only here' },
            qr: obj({ png: str(), svg: str() }),
            expiresAt: str(),
            personReference,
          },
          ['id', 'status', 'link', 'txCode', 'qr', 'expiresAt'],
        ),
        Offer: obj(
          {
            id: str(),
            status: { type: 'string', enum: OFFER_STATUSES.filter((s) => s !== 'withdrawn') },
            types: { type: 'array', items: str() },
            formats: { type: 'array', items: { type: 'string', enum: OFFER_FORMATS } },
            byReference: { type: 'boolean' },
            pending: { type: 'boolean' },
            txCode: { type: 'boolean', description: 'whether the offer has a transaction code' },
            link: str('the offer link, while the wallet can still fetch the offer'),
            personReference,
            createdBy: str(),
            createdAt: str(),
            expiresAt: str(),
            updatedAt: str(),
            deliveries: {
              type: 'array',
              items: obj({ type: str(), configurationId: str(), state: { type: 'string', enum: ['issuing', 'deferred', 'issued'] }, credentialIds: { type: 'array', items: str() }, updatedAt: str() }),
            },
            events: { type: 'array', items: obj({ event: str(), description: { type: ['string', 'null'] }, type: { type: ['string', 'null'] }, time: str() }) },
          },
          ['id', 'status', 'types', 'formats', 'byReference', 'pending', 'txCode', 'createdBy', 'createdAt', 'expiresAt', 'updatedAt', 'deliveries', 'events'],
        ),
      },
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A plain, accessible HTML reference of the OpenAPI document (no scripts, no external assets). */
export function renderApiReference(doc: Record<string, unknown>): string {
  const paths = doc['paths'] as Record<string, Record<string, { summary: string; tags: string[]; 'x-roles'?: string[]; security: unknown[] }>>;
  const rows = Object.entries(paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(
      ([method, op]) =>
        `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(op.summary)}</td><td>${
          op['x-roles'] ? escapeHtml(op['x-roles'].join(', ')) : op.security.length ? 'platform administrator' : 'anyone'
        }</td></tr>`,
    ),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Staff Passport issuer API</title>
<style>body{font-family:Arial,sans-serif;margin:2rem;line-height:1.5}table{border-collapse:collapse}td,th{border-bottom:1px solid #d8dde0;padding:.5rem;text-align:left;vertical-align:top}</style></head>
<body><main><h1>Staff Passport issuer API</h1><p>The machine-readable description is at <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Errors are RFC 9457 problem details with a stable <code>code</code> and the <code>field</code> at fault.</p>
<table><caption>Routes</caption><thead><tr><th scope="col">Method</th><th scope="col">Path</th><th scope="col">What it does</th><th scope="col">Who may call it</th></tr></thead><tbody>${rows.join('')}</tbody></table></main></body></html>`;
}
