import { jsonSchema as s, type JsonSchema } from '@staff-passport/web-kit';
import { ROLES } from '../api-keys/create-api-key.js';
import { CREDENTIAL_FORMATS } from '../issuing/secure-credential.js';
import { JOB_KINDS, JOB_STATES } from '../jobs/job.js';
import { OFFER_FORMATS, OFFER_STATUSES } from '../oid4vci/index.js';

/** HR's own label for the person an offer is for (kept at the issuer only). */
export const PERSON_REFERENCE_SCHEMA: JsonSchema = s.string({
  minLength: 1,
  maxLength: 200,
  description:
    "HR's own label for whom the offer is for, for example 'Amara Okafor, ESR 12345678': trimmed, no control characters. Kept at the issuer only (never in the credential or the offer the wallet sees), erased if the offer is withdrawn; the HR console finds the person's credentials by it",
});

const str = s.string;
const nullableString = s.nullable(str());

/** The shared schemas of the issuer's OpenAPI document (`#/components/schemas/...`). */
export const ISSUER_SCHEMAS: Record<string, JsonSchema> = {
  Organisation: s.object({ id: str(), name: str(), odsCode: str(), did: str(), createdAt: str() }, ['id', 'name', 'odsCode', 'did', 'createdAt']),
  SigningKey: s.object(
    {
      kid: str(),
      verificationMethod: str({ description: 'the DID URL of the key, the JWS kid' }),
      alg: s.enum(['EdDSA', 'ES256']),
      status: s.enum(['active', 'retired']),
      createdAt: str(),
      retiredAt: nullableString,
      publicKeyJwk: s.anyObject('the public key as a JWK'),
    },
    ['kid', 'verificationMethod', 'alg', 'status', 'createdAt', 'retiredAt', 'publicKeyJwk'],
  ),
  ApiKey: s.object(
    { id: str(), orgId: str(), role: s.enum(ROLES), label: nullableString, createdAt: str(), expiresAt: nullableString, revokedAt: nullableString },
    ['id', 'orgId', 'role', 'label', 'createdAt', 'expiresAt', 'revokedAt'],
  ),
  OidcConfig: s.object(
    {
      orgId: str(),
      issuer: str(),
      audience: str(),
      jwksUri: nullableString,
      roleClaim: str(),
      roleMapping: { type: 'object', additionalProperties: s.enum(ROLES) },
      allowedAlgs: s.array(str()),
      clientId: nullableString,
      updatedAt: str(),
    },
    ['orgId', 'issuer', 'audience', 'roleClaim', 'roleMapping', 'allowedAlgs', 'updatedAt'],
    { open: true },
  ),
  StatusChange: s.object({ credentialId: str(), status: s.enum(['active', 'suspended', 'revoked']) }, ['credentialId', 'status'], { open: true }),
  BulkJob: s.object({
    id: str(),
    orgId: str(),
    kind: s.enum(JOB_KINDS),
    format: s.enum(CREDENTIAL_FORMATS),
    options: s.object({ cstfVersion: str(), cstfAligned: s.boolean() }),
    state: s.enum(JOB_STATES),
    total: { type: ['integer', 'null'] },
    validated: s.integer(),
    done: s.integer(),
    issued: s.integer(),
    duplicates: s.integer(),
    skipped: s.integer(),
    errors: s.integer(),
    ratePerSecond: s.number(),
    secondsLeft: { type: ['integer', 'null'] },
    fileSha256: str(),
    fileBytes: s.integer(),
    createdBy: str(),
    createdAt: str(),
    updatedAt: str(),
    completedAt: { type: ['string', 'null'] },
    failure: { type: ['object', 'null'], properties: { code: str(), message: str() } },
  }),
  IssuedCredentialRecord: s.object({
    id: str(),
    type: str(),
    schemaId: str(),
    subjectHash: str({ description: "SHA-256 (hex) of the holder's DID" }),
    format: str(),
    issuedAt: str(),
    issuedBy: str(),
    validUntil: { type: ['string', 'null'] },
    status: s.enum(['active', 'suspended', 'revoked']),
    statusReason: { type: ['string', 'null'] },
    statusChangedAt: { type: ['string', 'null'] },
    statusListId: { type: ['string', 'null'] },
    statusIndex: { type: ['integer', 'null'] },
    credentialHash: str({ description: 'SHA-256 of the credential as issued' }),
    jobId: { type: ['string', 'null'] },
    personReference: { ...PERSON_REFERENCE_SCHEMA, description: "HR's own label for the person, when the credential was delivered for an offer made with one" },
  }),
  CreatedOffer: s.object(
    {
      id: str(),
      status: s.enum(['offered']),
      credentialOfferUri: str({ description: 'when byReference' }),
      credentialOffer: s.anyObject('when not byReference'),
      link: str({ description: 'openid-credential-offer://...' }),
      txCode: { type: ['string', 'null'], description: 'the PIN to give the holder by another channel; shown only here' },
      qr: s.object({ png: str(), svg: str() }),
      expiresAt: str(),
      personReference: PERSON_REFERENCE_SCHEMA,
    },
    ['id', 'status', 'link', 'txCode', 'qr', 'expiresAt'],
  ),
  Offer: s.object(
    {
      id: str(),
      status: s.enum(OFFER_STATUSES.filter((st) => st !== 'withdrawn')),
      types: s.array(str()),
      formats: s.array(s.enum(OFFER_FORMATS)),
      byReference: s.boolean(),
      pending: s.boolean(),
      txCode: s.boolean({ description: 'whether the offer has a transaction code' }),
      link: str({ description: 'the offer link, while the wallet can still fetch the offer' }),
      personReference: PERSON_REFERENCE_SCHEMA,
      createdBy: str(),
      createdAt: str(),
      expiresAt: str(),
      updatedAt: str(),
      deliveries: s.array(
        s.object({ type: str(), configurationId: str(), state: s.enum(['issuing', 'deferred', 'issued']), credentialIds: s.array(str()), updatedAt: str() }),
      ),
      events: s.array(s.object({ event: str(), description: { type: ['string', 'null'] }, type: { type: ['string', 'null'] }, time: str() })),
    },
    ['id', 'status', 'types', 'formats', 'byReference', 'pending', 'txCode', 'createdBy', 'createdAt', 'expiresAt', 'updatedAt', 'deliveries', 'events'],
  ),
};
