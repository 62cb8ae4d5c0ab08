import { hash } from 'node:crypto';
import { PassportError, isObject, type FieldIssue } from '@staff-passport/core';
import { STAFF_PASSPORT_CONTEXT_V1, VC_CONTEXT_V2, findCatalogueTypes, validateCredential, type CredentialTypeDefinition } from '@staff-passport/schemas';
import type { Principal } from '../api-keys/authenticate-api-key.js';
import type { IssuerContext } from '../issuer-context.js';
import type { Organisation } from '../organisations/organisation.js';
import { statusEntriesFor } from '../status/status-urls.js';
import type { AuditEventInput } from '../audit/append-audit-event.js';
import type { StatusSlot } from '../store/status-list-store.js';
import type { CommitOutcome, IssuedRecord } from './issue-commit-queue.js';
import { timeOrderedUuid } from './lib/time-ordered-uuid.js';
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

// What a caller may put in a credential; the issuer sets id, issuer, credentialSchema, status and the dates' rules.
const ALLOWED_CREDENTIAL_FIELDS = new Set(['@context', 'type', 'issuer', 'credentialSubject', 'validFrom', 'name', 'description']);
const ALLOWED_OPTIONS = new Set(['format', 'alg', 'holderJwk']);

function invalid(field: string, message: string): PassportError {
  return new PassportError('ERR_REQUEST_INVALID', message, { field });
}

/**
 * Checks the request envelope; throws naming the first field at fault.
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
  for (const key of Object.keys(body['credential'])) {
    if (!ALLOWED_CREDENTIAL_FIELDS.has(key)) throw invalid(`credential.${key}`, `credential.${key} is set by the issuer or not a field we issue`);
  }
  return body as unknown as IssueRequest;
}

/** A credential checked and completed from the request, before status and signature. */
export interface PreparedCredential {
  definition: CredentialTypeDefinition;
  credential: Record<string, unknown>;
}

/**
 * Validates the claims of a request against its catalogue type (schema, then rules) and builds
 * the VC Data Model 2.0 credential: id, issuer, `credentialSchema`, `validFrom`, and what the type's
 * rules derive (for example `validUntil` from a training refresher period). Pure apart from the
 * clock and a random id; bulk jobs call it for every row before issuing any.
 *
 * @throws PassportError `ERR_TYPE_UNKNOWN`, `ERR_ISSUER_MISMATCH`, `ERR_REQUEST_INVALID`, `ERR_SCHEMA_INVALID` (with every issue).
 */
export function prepareCredential(org: Organisation, input: Record<string, unknown>, now: Date): PreparedCredential {
  const definitions = findCatalogueTypes(input['type']);
  if (definitions.length !== 1 || !Array.isArray(input['type'])) {
    throw new PassportError('ERR_TYPE_UNKNOWN', 'credential.type must be ["VerifiableCredential", <one catalogue type>]', { field: 'credential.type' });
  }
  const definition = definitions[0]!;
  const claimedIssuer = isObject(input['issuer']) ? input['issuer']['id'] : input['issuer'];
  if (claimedIssuer !== undefined && claimedIssuer !== org.did) {
    throw new PassportError('ERR_ISSUER_MISMATCH', `credential.issuer must be ${org.did} or left out`, { field: 'credential.issuer' });
  }
  const validFrom = input['validFrom'] ?? now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (typeof validFrom !== 'string' || Number.isNaN(Date.parse(validFrom)) || !/^\d{4}-\d{2}-\d{2}T/.test(validFrom)) {
    throw invalid('credential.validFrom', 'credential.validFrom must be a date-time such as 2026-05-01T09:00:00Z');
  }
  const draft: Record<string, unknown> = {
    '@context': input['@context'] ?? [VC_CONTEXT_V2, STAFF_PASSPORT_CONTEXT_V1],
    id: `urn:uuid:${timeOrderedUuid(now)}`,
    type: input['type'],
    issuer: { id: org.did, name: org.name },
    ...(input['name'] === undefined ? {} : { name: input['name'] }),
    ...(input['description'] === undefined ? {} : { description: input['description'] }),
    validFrom,
    credentialSchema: { id: definition.schemaId, type: 'JsonSchema' },
    credentialSubject: input['credentialSubject'],
  };
  const validation = validateCredential(draft, definition);
  if (!validation.valid) {
    const issues: FieldIssue[] = validation.issues.map((i) => ({ ...i, path: `credential.${i.path}` }));
    throw new PassportError('ERR_SCHEMA_INVALID', `the claims are not a valid ${definition.type}: ${issues[0]!.path} ${issues[0]!.message}`, {
      field: issues[0]!.path,
      issues,
    });
  }
  const derived = definition.derive?.(draft['credentialSubject'] as Record<string, unknown>);
  const credential = derived ? { ...draft, credentialSubject: derived.credentialSubject, ...(derived.validUntil ? { validUntil: derived.validUntil } : {}) } : draft;
  return { definition, credential };
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
  /** The answer without its outcome; left out when only the outcome is asked for. */
  answer?: Omit<IssuedCredential, 'outcome'>;
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
  const now = ctx.now();
  const { definition, credential } = prepareCredential(org, request.credential, now);
  const format = request.options?.format ?? 'vc+jwt';
  const slot = await ctx.statusLists.reserve(org.id);
  try {
    // prepareCredential's credential is ours: the status goes last, as a copy with it would put it.
    credential['credentialStatus'] = statusEntriesFor(ctx.publicUrl, org.id, slot);
    // Signing here, on the main thread: a few issues a turn of the event loop, so the group
    // commit's statements are answered between them (bulk jobs sign on worker threads).
    if (!origin.signerFor) await ctx.issueQueue.signingTurns.take();
    const secured = await secureCredential(ctx, org, {
      credential,
      definition,
      format,
      alg: request.options?.alg ?? 'EdDSA',
      slot,
      ...(request.options?.holderJwk ? { holderJwk: request.options.holderJwk } : {}),
      ...(origin.signerFor ? { signerFor: origin.signerFor } : {}),
    });
    const id = credential['id'] as string;
    const subjectId = (credential['credentialSubject'] as { id?: string }).id ?? '';
    return {
      record: {
        id,
        orgId: org.id,
        type: definition.type,
        schemaId: definition.schemaId,
        subjectHash: hash('sha256', subjectId, 'hex'),
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
      audit: { orgId: org.id, actor: principal.keyId, action: 'credential.issue', subject: id, detail: { type: definition.type, format }, at: now },
      ...(withAnswer ? { answer: { ...secured, id, type: definition.type, format, statusListId: slot.listId, statusIndex: slot.index } } : {}),
      slot,
    };
  } catch (err: unknown) {
    ctx.statusLists.release(slot);
    throw err;
  }
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
