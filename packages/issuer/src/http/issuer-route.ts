import { jsonSchema as s, type ApiParameter, type ApiRoute, type OpenApiDocument } from '@staff-passport/web-kit';
import type { Role } from '../api-keys/create-api-key.js';
import type { Authenticator } from '../auth/create-authenticator.js';
import type { SignInLimiter } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';

/** What the issuer's route handlers get. */
export interface IssuerRouteDeps {
  ctx: IssuerContext;
  authenticate: Authenticator;
  allowHttpLoopback: boolean;
  /** Limits failed OpenID4VCI token requests per client address (absent: off). */
  tokenLimiter: SignInLimiter | undefined;
  /** Wallets on OpenID4VCI drafts: metadata also at the pre-1.0 locations, a single `proof` accepted. */
  oid4vciDraftCompatibility: boolean;
  /** The OpenAPI document generated from the table, served at `/openapi.json`. */
  openapi: OpenApiDocument;
}

/** One entry of the issuer's route table. */
export type IssuerRoute = ApiRoute<IssuerRouteDeps, Role>;

/** Every organisation role, for routes any member may read. */
export const ALL_ROLES = ['org-admin', 'issuer', 'auditor'] as const satisfies readonly Role[];
/** Roles that issue and change status. */
export const ISSUING_ROLES = ['issuer', 'org-admin'] as const satisfies readonly Role[];

/** Examples used across the table (the shapes real ids have). */
export const EXAMPLE = {
  orgId: 'org_3f9a0c1d2e4b5a6c',
  did: 'did:web:issuer.example.nhs.uk:orgs:org_3f9a0c1d2e4b5a6c',
  credentialId: 'urn:uuid:6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  keyId: 'key_0a1b2c3d4e5f',
  listId: 'sl_0a1b2c3d4e5f6a7b',
  jobId: 'job_0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d',
  offerId: 'off_0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d',
  holder: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
  time: '2026-03-01T09:30:00.000Z',
} as const;

/** Path parameters, with the shape each id has and the code a malformed one answers. */
export const PARAM = {
  orgId: { name: 'orgId', description: 'the organisation', schema: s.string({ pattern: '^org_[0-9a-f]{16}$' }), example: EXAMPLE.orgId, notFound: 'ERR_ORG_NOT_FOUND' },
  credentialId: { name: 'credentialId', description: 'an issued credential (urn:uuid:...)', schema: s.string({ pattern: '^urn:uuid:[0-9a-f-]{36}$' }), example: EXAMPLE.credentialId, notFound: 'ERR_CREDENTIAL_NOT_FOUND' },
  keyId: { name: 'keyId', description: 'an API key', schema: s.string({ pattern: '^key_[0-9a-f]{12}$' }), example: EXAMPLE.keyId, notFound: 'ERR_NOT_FOUND' },
  jobId: { name: 'jobId', description: 'a bulk issuing job', schema: s.string({ pattern: '^job_[0-9a-f]{32}$' }), example: EXAMPLE.jobId, notFound: 'ERR_JOB_NOT_FOUND' },
  offerId: { name: 'offerId', description: 'a credential offer', schema: s.string({ pattern: '^off_[0-9a-f]{32}$' }), example: EXAMPLE.offerId, notFound: 'ERR_OFFER_NOT_FOUND' },
} satisfies Record<string, ApiParameter>;

/** A query parameter (checked by the handler; documented here). */
export function queryParameter(name: string, description: string, schema = s.string(), example?: string): ApiParameter {
  return { name, description, schema, ...(example === undefined ? {} : { example }) };
}
