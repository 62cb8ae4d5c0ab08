import { jsonSchema as s, type JsonSchema } from '@staff-passport/web-kit';
import { checkProfileSchema } from '../profiles/index.js';

const str = s.string;
const check = s.object({ check: str(), outcome: s.enum(['passed', 'failed', 'skipped']), code: str(), message: str(), credentialIndex: s.integer() }, ['check', 'outcome'], { open: true });

// The profile schema's own $schema and $id would make it a separate resource inside the document.
const { $schema: _schema, $id: _id, ...profileSchema } = checkProfileSchema as Record<string, unknown>;

/** The shared schemas of the verifier's OpenAPI document (`#/components/schemas/...`). */
export const VERIFIER_SCHEMAS: Record<string, JsonSchema> = {
  Check: check,
  VerificationReport: s.object(
    {
      verified: s.boolean(),
      checks: s.array(s.ref('Check')),
      errors: s.array(s.object({ code: str(), check: str(), message: str(), credentialIndex: s.integer() }, ['code', 'check'], { open: true })),
      warnings: s.array(str()),
      holder: str({ description: "the holder's DID (presentations)" }),
      credentials: s.array(s.object({ index: s.integer(), verified: s.boolean(), issuer: str(), types: s.array(str()), id: str() }, ['index', 'verified', 'types'], { open: true })),
    },
    ['verified', 'checks', 'errors', 'credentials'],
    { open: true },
  ),
  CheckProfile: profileSchema,
  PresentationRequest: s.object(
    {
      id: str(),
      profileId: str(),
      profileTitle: str(),
      startDate: str({ format: 'date' }),
      purpose: str(),
      nonce: str(),
      audience: str(),
      state: s.enum(['pending', 'answered']),
      resultId: s.nullable(str()),
      createdAt: str(),
      expiresAt: str(),
    },
    ['id', 'profileId', 'startDate', 'nonce', 'audience', 'state', 'expiresAt'],
    { open: true, description: 'a presentation request: the Presentation Exchange definition to answer, its nonce (challenge) and audience (domain)' },
  ),
  CheckResult: s.object(
    {
      id: str(),
      requestId: str(),
      profileId: str(),
      decision: s.enum(['ready_to_start', 'needs_action']),
      report: s.anyObject('the profile report: each requirement, its evidence and reasons'),
      attributes: s.anyObject('the verified attributes, ready for a workforce system'),
      checks: s.array(s.ref('Check')),
      credentialHashes: s.array(str()),
      createdAt: str(),
      expiresAt: str({ description: 'when the result is deleted' }),
    },
    ['id', 'requestId', 'profileId', 'decision', 'report', 'attributes', 'createdAt', 'expiresAt'],
    { open: true },
  ),
  Oid4vpRequestStatus: s.object(
    {
      id: str(),
      state: s.enum(['pending', 'answered', 'refused', 'expired']),
      clientId: str(),
      link: str(),
      query: s.enum(['dcql', 'pe']),
      profileId: str(),
      startDate: str(),
      requestFetched: s.boolean(),
      expiresAt: str(),
      answeredAt: str(),
      resultId: str(),
      result: s.anyObject('a summary of the stored result: decision, verified, failed checks and findings'),
      walletError: s.object({ error: str(), description: str() }, ['error']),
    },
    ['id', 'state', 'clientId', 'link', 'query', 'profileId', 'expiresAt'],
    { open: true },
  ),
};
