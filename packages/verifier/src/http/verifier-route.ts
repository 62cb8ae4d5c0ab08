import { jsonSchema as s, type ApiParameter, type ApiRoute, type OpenApiDocument } from '@staff-passport/web-kit';
import type { VerifierRole } from '../auth/verifier-roles.js';
import type { VerifierContext } from '../verifier-context.js';

/** What the verifier's route handlers get. */
export interface VerifierRouteDeps {
  /** The verifier's context (its default organisation's); a route with roles works with `callerOf(res).ctx`, its caller's organisation's. */
  ctx: VerifierContext;
  /** The OpenAPI document generated from the table, served at `/openapi.json`. */
  openapi: OpenApiDocument;
}

/**
 * One entry of the verifier's route table: `public` (what a person's wallet calls, did:web
 * documents, the VC API), `platform`, or the roles of an organisation's people that may call it
 * (`access: ['checker']`), applied by the app's guard.
 */
export type VerifierRoute = ApiRoute<VerifierRouteDeps, VerifierRole>;

/** Examples used across the table (the shapes real ids have). */
export const EXAMPLE = {
  requestId: 'req_0a1b2c3d4e5f6a7b8c9d',
  resultId: 'res_0a1b2c3d4e5f6a7b8c9d',
  profileId: 'registered-nurse',
  holder: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
  issuer: 'did:web:issuer.example.nhs.uk:orgs:org_3f9a0c1d2e4b5a6c',
  verifier: 'did:web:verifier.example.nhs.uk',
  orgId: 'org_3f9a0c1d2e4b5a6c',
  time: '2026-03-01T09:30:00.000Z',
  nonce: 'n-0S6_WzA2Mj0a1b2c3d',
} as const;

const REQUEST_ID = '^req_[0-9a-f]{20}$';

/** Path parameters, with the shape each id has and the code a malformed one answers. */
export const PARAM = {
  profileId: { name: 'profileId', description: 'a check profile', schema: s.string({ pattern: '^[a-z0-9-]{1,100}$' }), example: EXAMPLE.profileId, notFound: 'ERR_PROFILE_NOT_FOUND' },
  requestId: { name: 'requestId', description: 'a presentation request', schema: s.string({ pattern: REQUEST_ID }), example: EXAMPLE.requestId, notFound: 'ERR_NOT_FOUND' },
  resultId: { name: 'resultId', description: 'a check result (kept for its retention period)', schema: s.string({ pattern: '^res_[0-9a-f]{20}$' }), example: EXAMPLE.resultId, notFound: 'ERR_RESULT_NOT_FOUND' },
  oid4vpId: { name: 'id', description: 'an OpenID4VP request', schema: s.string({ pattern: REQUEST_ID }), example: EXAMPLE.requestId, notFound: 'ERR_VP_REQUEST_NOT_FOUND' },
} satisfies Record<string, ApiParameter>;
