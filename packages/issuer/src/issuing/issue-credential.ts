import { hash } from 'node:crypto';
import { PassportError, isObject, type FieldIssue } from '@staff-passport/core';
import { NAMESPACE, validateCredential, type CredentialTypeDefinition, type SchemaIssue } from '@staff-passport/schemas';
import type { Principal } from '../api-keys/authenticate-api-key.js';
import type { IssuerContext } from '../issuer-context.js';
import type { Organisation } from '../organisations/organisation.js';
import { statusEntriesFor } from '../status/status-urls.js';
import type { AuditEventInput } from '../audit/append-audit-event.js';
import type { StatusSlot } from '../store/status-list-store.js';
import type { CommitOutcome, IssuedRecord } from './issue-commit-queue.js';
import type { TypeValidatorCache } from '../types/type-validator-cache.js';
import { checkDataModel } from './check-data-model.js';
import { catalogueIssueType, findIssueType, type IssueType } from './find-issue-type.js';
import { checkJsonLd } from './lib/check-json-ld.js';
import { defaultContextOf } from './lib/default-context.js';
import { timeOrderedUuid } from './lib/time-ordered-uuid.js';
import { upgradeVcDm11 } from './lib/upgrade-vc-dm11.js';
import { CREDENTIAL_FORMATS, secureCredential, type CredentialFormat, type OrgSignerSource, type SecuredCredential } from './secure-credential.js';

/** A W3C VC API issue request (`POST /credentials/issue`), with our options. */
export interface IssueRequest {
  credential: Record<string, unknown>;
  options?: {
    /** `vc+jwt` (default), `dc+sd-jwt`, `jwt_vc_json` (VC Data Model 1.1) or `ldp_vc` (Data Integrity). */
    format?: CredentialFormat;
    /** The signing algorithm for JOSE formats: `EdDSA` (default) or `ES256`. */
    alg?: 'EdDSA' | 'ES256';
    /** The holder's public key for SD-JWT VC `cnf` (default: the key of `credentialSubject.id`). */
    holderJwk?: Record<string, unknown>;
  };
}

/** Where an issue request came from, beyond who made it: a bulk job's row key makes it idempotent. */
export interface IssueOrigin {
  /** A key unique per organisation: the same key is never issued twice. */
  requestKey?: string;
  jobId?: string;
  /** Where the JWS signer comes from (default: the organisation's agent-held key); bulk jobs sign on worker threads with it. */
  signerFor?: OrgSignerSource;
}

const ALLOWED_OPTIONS = new Set(['format', 'alg', 'holderJwk']);

function invalid(field: string, message: string): PassportError {
  return new PassportError('ERR_REQUEST_INVALID', message, { field });
}

/**
 * Checks the request envelope; throws naming the first field at fault. The credential's own
 * properties are checked when it is prepared (the VC Data Model, then its type).
 *
 * @throws PassportError `ERR_REQUEST_INVALID`, `ERR_FORMAT_UNSUPPORTED`.
 */
export function parseIssueRequest(body: unknown): IssueRequest {
  if (!isObject(body)) throw invalid('body', 'the body must be a JSON object {credential, options}');
  for (const key of Object.keys(body)) if (key !== 'credential' && key !== 'options') throw invalid(key, `${key} is not a field of an issue request`);
  if (!isObject(body['credential'])) throw invalid('credential', 'credential must be an object');
  const options = body['options'];
  if (options !== undefined) {
    if (!isObject(options)) throw invalid('options', 'options must be an object');
    for (const key of Object.keys(options)) if (!ALLOWED_OPTIONS.has(key)) throw invalid(`options.${key}`, `options.${key} is not an option of issuing`);
    if (options['format'] !== undefined && !CREDENTIAL_FORMATS.includes(options['format'] as CredentialFormat)) {
      throw new PassportError('ERR_FORMAT_UNSUPPORTED', `options.format must be one of ${CREDENTIAL_FORMATS.join(', ')}`, { field: 'options.format' });
    }
    if (options['alg'] !== undefined && options['alg'] !== 'EdDSA' && options['alg'] !== 'ES256') {
      throw new PassportError('ERR_FORMAT_UNSUPPORTED', 'options.alg must be EdDSA or ES256', { field: 'options.alg' });
    }
    if (options['holderJwk'] !== undefined && !isObject(options['holderJwk'])) throw invalid('options.holderJwk', 'options.holderJwk must be a public JWK');
  }
  return body as unknown as IssueRequest;
}

/** A credential checked and completed from the request, before status and signature. */
export interface PreparedCredential {
  /** The catalogue or registered type; undefined for a type not registered (where the organisation allows it). */
  definition: CredentialTypeDefinition | undefined;
  credential: Record<string, unknown>;
}

/** How to prepare: the type found for the credential (default: its catalogue type), and where registered types' validators are. */
export interface PrepareOptions {
  issueType?: IssueType;
  validators?: TypeValidatorCache;
}

function dateTimeNow(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function schemaInvalid(definition: CredentialTypeDefinition, found: SchemaIssue[]): PassportError {
  const issues: FieldIssue[] = found.map((i) => ({ ...i, path: `credential.${i.path}` }));
  return new PassportError('ERR_SCHEMA_INVALID', `the claims are not a valid ${definition.type}: ${issues[0]!.path} ${issues[0]!.message}`, { field: issues[0]!.path, issues });
}

function checkIssuerIsOrg(org: Organisation, issuer: unknown): void {
  const claimed = isObject(issuer) ? issuer['id'] : issuer;
  if (claimed !== undefined && claimed !== org.did) throw new PassportError('ERR_ISSUER_MISMATCH', `credential.issuer must be ${org.did} or left out`, { field: 'credential.issuer' });
}

// The properties of a credential the VC Data Model 2.0 defines (sections 4 and 5); `proof` is refused by checkDataModel.
const DATA_MODEL_PROPERTIES: ReadonlySet<string> = new Set([
  '@context',
  'id',
  'type',
  'issuer',
  'name',
  'description',
  'credentialSubject',
  'validFrom',
  'validUntil',
  'credentialStatus',
  'credentialSchema',
  'evidence',
  'termsOfUse',
  'refreshService',
  'relatedResource',
  'renderMethod',
  'confidenceMethod',
  'proof',
]);

/** A catalogue or registered credential carries what the data model defines and what its type's schema names, nothing else (a misspelt property is not signed). */
function checkTypedProperties(input: Record<string, unknown>, definition: CredentialTypeDefinition): void {
  const own = definition.schema['properties'];
  for (const key of Object.keys(input)) {
    if (!DATA_MODEL_PROPERTIES.has(key) && !(isObject(own) && key in own)) {
      throw invalid(`credential.${key}`, `credential.${key} is neither a property of the VC Data Model 2.0 nor of ${definition.type}`);
    }
  }
}

/** A credential of a catalogue or registered type: the issuer completes it, then the type's schema and rules apply on top of the data model. */
function prepareTyped(org: Organisation, input: Record<string, unknown>, now: Date, definition: CredentialTypeDefinition, validators?: TypeValidatorCache): Record<string, unknown> {
  checkTypedProperties(input, definition);
  checkIssuerIsOrg(org, input['issuer']);
  const validFrom = input['validFrom'] ?? dateTimeNow(now);
  if (typeof validFrom !== 'string' || Number.isNaN(Date.parse(validFrom)) || !/^\d{4}-\d{2}-\d{2}T/.test(validFrom)) {
    throw invalid('credential.validFrom', 'credential.validFrom must be a date-time such as 2026-05-01T09:00:00Z');
  }
  const { '@context': context, id, type, issuer, name, description, credentialSchema, credentialSubject, ...rest } = input;
  const schemaEntry = { id: definition.schemaId, type: 'JsonSchema' };
  // The type's own schema entry comes first; other schemas the caller names are kept after it.
  const otherSchemas = (Array.isArray(credentialSchema) ? credentialSchema : credentialSchema === undefined ? [] : [credentialSchema]).filter((s) => !isObject(s) || s['id'] !== definition.schemaId);
  const draft: Record<string, unknown> = {
    '@context': context ?? defaultContextOf(definition),
    id: id ?? `urn:uuid:${timeOrderedUuid(now)}`,
    type,
    issuer: isObject(issuer) ? { id: org.did, name: org.name, ...issuer } : { id: org.did, name: org.name },
    ...(name === undefined ? {} : { name }),
    ...(description === undefined ? {} : { description }),
    ...rest,
    validFrom,
    credentialSchema: otherSchemas.length > 0 ? [schemaEntry, ...otherSchemas] : schemaEntry,
    credentialSubject,
  };
  // The type's schema first: its issues name every field at fault, in its own words.
  const validation = definition.schemaId.startsWith(`${NAMESPACE}/`) || !validators ? validateCredential(draft, definition) : validators.validatorFor(definition).validate(draft, definition);
  if (!validation.valid) throw schemaInvalid(definition, validation.issues);
  checkDataModel(draft);
  const derived = definition.derive?.(draft['credentialSubject'] as Record<string, unknown>);
  if (!derived) return draft;
  // The type's rules fix the end of validity; a caller's earlier end is kept.
  const given = draft['validUntil'];
  const validUntil = derived.validUntil && !(typeof given === 'string' && Date.parse(given) < Date.parse(derived.validUntil)) ? derived.validUntil : given;
  return { ...draft, credentialSubject: derived.credentialSubject, ...(validUntil === undefined ? {} : { validUntil }) };
}

/**
 * Validates the claims of a request and builds the VC Data Model 2.0 credential. A VC Data Model
 * 1.1 request is read as 2.0 first (`issuanceDate` as `validFrom`, `expirationDate` as
 * `validUntil`). A catalogue or registered type is completed by the issuer (id unless given,
 * issuer, `credentialSchema`, `validFrom` unless given, what the type's rules derive such as
 * `validUntil` from a training refresher period), and checked against the data model and then
 * its schema and rules; what else the data model defines (`name`, `description`, `evidence`,
 * `termsOfUse`, `refreshService`, `relatedResource`, the caller's `credentialStatus`...) is kept.
 * A type not registered (where the organisation allows it) is checked against the data model and
 * kept as given, an `id` added when it has none. Pure apart from the clock and a random id; bulk
 * jobs call it for every row before issuing any.
 *
 * @throws PassportError `ERR_TYPE_UNKNOWN`, `ERR_ISSUER_MISMATCH`, `ERR_REQUEST_INVALID`,
 *   `ERR_SCHEMA_INVALID` (with every issue), the `ERR_VCDM_*` codes of {@link checkDataModel}.
 */
export function prepareCredential(org: Organisation, input: Record<string, unknown>, now: Date, options: PrepareOptions = {}): PreparedCredential {
  const upgraded = upgradeVcDm11(input);
  const issueType = options.issueType ?? catalogueIssueType(upgraded['type']);
  if (issueType.kind !== 'unregistered') return { definition: issueType.definition, credential: prepareTyped(org, upgraded, now, issueType.definition, options.validators) };
  const credential: Record<string, unknown> = { '@context': upgraded['@context'], ...(upgraded['id'] === undefined ? { id: `urn:uuid:${timeOrderedUuid(now)}` } : {}), ...upgraded };
  checkDataModel(credential);
  checkIssuerIsOrg(org, credential['issuer']);
  return { definition: undefined, credential };
}

/** What issuing returns: the credential as the VC API answers it, and what was recorded. */
export interface IssuedCredential extends SecuredCredential {
  id: string;
  type: string;
  format: CredentialFormat;
  statusListId: string;
  statusIndex: number;
  /** `duplicate` when a bulk row's request key was issued before: nothing new was issued. */
  outcome: CommitOutcome;
}

/** An issue signed and ready to record: only what the record, its audit event and the answer need. */
interface SecuredIssue {
  record: IssuedRecord;
  audit: AuditEventInput;
  /** The answer without its outcome; undefined when only the outcome is asked for. */
  answer: Omit<IssuedCredential, 'outcome'> | undefined;
  slot: StatusSlot;
}

/** Validates, reserves a status index and secures; the record and audit event to commit, and the answer when asked for. */
async function secureIssue(
  ctx: IssuerContext,
  org: Organisation,
  request: IssueRequest,
  principal: Pick<Principal, 'keyId'>,
  origin: IssueOrigin,
  withAnswer: boolean,
): Promise<SecuredIssue> {
  // A few issues a turn of the event loop, so the group commit's statements are answered between
  // them; while issues wait for a turn, their signatures are made on the signing threads (bulk
  // jobs sign every row there, see createWorkerIssueRow).
  if (!origin.signerFor) await ctx.issueQueue.turns.take();
  const now = ctx.now();
  const issueType = await findIssueType(ctx, org, upgradeVcDm11(request.credential)['type']);
  const { definition, credential } = prepareCredential(org, request.credential, now, { issueType, validators: ctx.typeValidators });
  const format = request.options?.format ?? 'vc+jwt';
  if (!definition && format === 'dc+sd-jwt') {
    throw new PassportError('ERR_FORMAT_UNSUPPORTED', 'an SD-JWT VC names its type (vct): issue a type not registered as vc+jwt, jwt_vc_json or ldp_vc', { field: 'options.format' });
  }
  if (!definition && format !== 'ldp_vc') await checkJsonLd(credential, ctx.documentLoader);
  const recordType = definition?.type ?? firstTypeOf(credential['type']);
  const schemaId = definition?.schemaId ?? firstSchemaIdOf(credential['credentialSchema']);
  const slot = await ctx.statusLists.reserve(org.id);
  try {
    // prepareCredential's credential is ours: the status goes last, as a copy with it would put it;
    // status entries the caller gave stay, before ours.
    const given = credential['credentialStatus'];
    const ours = statusEntriesFor(ctx.publicUrl, org.id, slot);
    credential['credentialStatus'] = given === undefined ? ours : [...(Array.isArray(given) ? given : [given]), ...ours];
    const secured = await secureCredential(ctx, org, {
      credential,
      ...(definition ? { definition } : {}),
      format,
      alg: request.options?.alg ?? 'EdDSA',
      slot,
      ...(request.options?.holderJwk ? { holderJwk: request.options.holderJwk } : {}),
      ...(origin.signerFor ? { signerFor: origin.signerFor } : {}),
    });
    // The record's id is the credential's unless the caller gave the credential one (kept as given).
    const id = request.credential['id'] === undefined ? (credential['id'] as string) : `urn:uuid:${timeOrderedUuid(now)}`;
    const subjects = credential['credentialSubject'];
    const subjectId = ((Array.isArray(subjects) ? subjects[0] : subjects) as { id?: unknown } | undefined)?.id;
    return {
      record: {
        id,
        orgId: org.id,
        type: recordType,
        schemaId,
        subjectHash: hash('sha256', typeof subjectId === 'string' ? subjectId : '', 'hex'),
        format,
        issuedAt: now.toISOString(),
        issuedBy: principal.keyId,
        validUntil: (credential['validUntil'] as string | undefined) ?? null,
        credentialHash: hash('sha256', secured.encoded, 'hex'),
        signingKid: secured.signingKid,
        statusListId: slot.listId,
        statusIndex: slot.index,
        requestKey: origin.requestKey ?? null,
        jobId: origin.jobId ?? null,
        storedCredential: ctx.storeCredentials ? secured.encoded : null,
      },
      audit: { orgId: org.id, actor: principal.keyId, action: 'credential.issue', subject: id, detail: { type: recordType, format }, at: now },
      // Written out, not spread: copying properties this way was a third of this function's own time.
      answer: withAnswer
        ? {
            verifiableCredential: secured.verifiableCredential,
            encoded: secured.encoded,
            signingKid: secured.signingKid,
            id,
            type: recordType,
            format,
            statusListId: slot.listId,
            statusIndex: slot.index,
          }
        : undefined,
      slot,
    };
  } catch (err: unknown) {
    ctx.statusLists.release(slot);
    throw err;
  }
}

/** The type a record of a credential of no known type is listed under: its first type beyond VerifiableCredential. */
function firstTypeOf(type: unknown): string {
  const names = (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
  return names.find((t) => t !== 'VerifiableCredential') ?? 'VerifiableCredential';
}

/** The first schema a credential names ('' when none). */
function firstSchemaIdOf(schema: unknown): string {
  const first: unknown = Array.isArray(schema) ? schema[0] : schema;
  return isObject(first) && typeof first['id'] === 'string' ? first['id'] : '';
}

/** Waits for the group commit of a secured issue; a duplicate (or a failure) gives its status index back. */
async function commitIssue(ctx: IssuerContext, issue: SecuredIssue): Promise<CommitOutcome> {
  let outcome: CommitOutcome;
  try {
    outcome = await ctx.issueQueue.commit(issue.record, issue.audit);
  } catch (err: unknown) {
    ctx.statusLists.release(issue.slot);
    throw err;
  }
  if (outcome === 'duplicate') ctx.statusLists.release(issue.slot);
  return outcome;
}

/**
 * Issues one credential of a catalogue type for an organisation: validates (see
 * {@link prepareCredential}), allocates a random revocation and suspension index, secures it in the
 * format asked for with the organisation's active key, and records metadata (not the credential,
 * unless configured) and an audit event in one transaction, written together with other issues
 * under way (group commit). The answer comes only after the commit.
 *
 * @throws PassportError `ERR_REQUEST_INVALID`, `ERR_TYPE_UNKNOWN`, `ERR_ISSUER_MISMATCH`, `ERR_SCHEMA_INVALID`, `ERR_FORMAT_UNSUPPORTED`.
 */
export function issueCredential(
  ctx: IssuerContext,
  org: Organisation,
  request: IssueRequest,
  principal: Pick<Principal, 'keyId'>,
  origin: IssueOrigin = {},
): Promise<IssuedCredential> {
  // Two steps: an async function keeps every local alive while it waits, and the record waits for
  // the group commit with hundreds of others (in a bulk job, for hundreds of milliseconds). Waiting
  // in a second function, the request and the credential built from it are garbage once signed
  // rather than carried into V8's old space with every row (docs/performance.md, memory).
  return secureIssue(ctx, org, request, principal, origin, true).then(async (issue) => ({ ...issue.answer!, outcome: await commitIssue(ctx, issue) }));
}

/**
 * Issues as {@link issueCredential} does, answering only what became of the request (`inserted`,
 * or `duplicate` for a request key issued before): for bulk rows, whose credentials are handed to
 * nobody, so nothing of the credential waits with the record for the group commit.
 *
 * @throws PassportError as {@link issueCredential}.
 */
export function issueCredentialOutcome(
  ctx: IssuerContext,
  org: Organisation,
  request: IssueRequest,
  principal: Pick<Principal, 'keyId'>,
  origin: IssueOrigin = {},
): Promise<Pick<IssuedCredential, 'outcome'>> {
  return secureIssue(ctx, org, request, principal, origin, false).then(async (issue) => ({ outcome: await commitIssue(ctx, issue) }));
}
