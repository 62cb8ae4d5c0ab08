import { randomUUID } from 'node:crypto';
import {
  PassportError,
  envelopeCredential,
  isObject,
  sha256Hex,
  signVcJose,
  type EnvelopedCredential,
  type FieldIssue,
} from '@staff-passport/core';
import { STAFF_PASSPORT_CONTEXT_V1, VC_CONTEXT_V2, findCatalogueTypes, validateCredential } from '@staff-passport/schemas';
import type { Principal } from '../api-keys/authenticate-api-key.js';
import { appendAuditEvent } from '../audit/append-audit-event.js';
import type { IssuerContext } from '../issuer-context.js';
import { getOrgSigner } from '../organisations/get-org-signer.js';
import type { Organisation } from '../organisations/organisation.js';

/** A W3C VC API issue request (`POST /credentials/issue`). */
export interface IssueRequest {
  credential: Record<string, unknown>;
  options?: { format?: string };
}

export const FORMATS = ['vc+jwt'] as const;

// What a caller may put in a credential; the issuer sets id, issuer, credentialSchema and the dates' rules.
const ALLOWED_CREDENTIAL_FIELDS = new Set(['@context', 'type', 'issuer', 'credentialSubject', 'validFrom', 'name', 'description']);

function invalid(field: string, message: string): PassportError {
  return new PassportError('ERR_REQUEST_INVALID', message, { field });
}

/** Checks the request envelope; throws naming the first field at fault. */
export function parseIssueRequest(body: unknown): IssueRequest {
  if (!isObject(body)) throw invalid('body', 'the body must be a JSON object {credential, options}');
  for (const key of Object.keys(body)) if (key !== 'credential' && key !== 'options') throw invalid(key, `${key} is not a field of an issue request`);
  if (!isObject(body['credential'])) throw invalid('credential', 'credential must be an object');
  const options = body['options'];
  if (options !== undefined) {
    if (!isObject(options)) throw invalid('options', 'options must be an object');
    for (const key of Object.keys(options)) if (key !== 'format') throw invalid(`options.${key}`, `options.${key} is not an option of issuing`);
    if (options['format'] !== undefined && !FORMATS.includes(options['format'] as (typeof FORMATS)[number])) {
      throw new PassportError('ERR_FORMAT_UNSUPPORTED', `options.format must be one of ${FORMATS.join(', ')}`, { field: 'options.format' });
    }
  }
  for (const key of Object.keys(body['credential'])) {
    if (!ALLOWED_CREDENTIAL_FIELDS.has(key)) throw invalid(`credential.${key}`, `credential.${key} is set by the issuer or not a field we issue`);
  }
  return body as unknown as IssueRequest;
}

/** What issuing returns: the credential as the VC API answers it, and the record kept. */
export interface IssuedCredential {
  id: string;
  type: string;
  verifiableCredential: EnvelopedCredential;
  jwt: string;
}

/**
 * Issues one credential of a catalogue type for an organisation: validates the claims against
 * the type's schema and rules, derives what the rules fix (for example a training expiry), signs
 * it as VC-JOSE with the organisation's key, and records metadata (not the credential) and an
 * audit event in one transaction.
 *
 * @throws PassportError `ERR_REQUEST_INVALID`, `ERR_TYPE_UNKNOWN`, `ERR_ISSUER_MISMATCH`, `ERR_SCHEMA_INVALID` (with every issue).
 */
export async function issueCredential(ctx: IssuerContext, org: Organisation, request: IssueRequest, principal: Principal): Promise<IssuedCredential> {
  const input = request.credential;
  const definitions = findCatalogueTypes(input['type']);
  if (definitions.length !== 1 || !Array.isArray(input['type'])) {
    throw new PassportError('ERR_TYPE_UNKNOWN', 'credential.type must be ["VerifiableCredential", <one catalogue type>]', { field: 'credential.type' });
  }
  const definition = definitions[0]!;
  const claimedIssuer = isObject(input['issuer']) ? input['issuer']['id'] : input['issuer'];
  if (claimedIssuer !== undefined && claimedIssuer !== org.did) {
    throw new PassportError('ERR_ISSUER_MISMATCH', `credential.issuer must be ${org.did} or left out`, { field: 'credential.issuer' });
  }
  const now = ctx.now();
  const validFrom = input['validFrom'] ?? now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (typeof validFrom !== 'string' || Number.isNaN(Date.parse(validFrom)) || !/^\d{4}-\d{2}-\d{2}T/.test(validFrom)) {
    throw invalid('credential.validFrom', 'credential.validFrom must be a date-time such as 2026-05-01T09:00:00Z');
  }

  const draft: Record<string, unknown> = {
    '@context': input['@context'] ?? [VC_CONTEXT_V2, STAFF_PASSPORT_CONTEXT_V1],
    id: `urn:uuid:${randomUUID()}`,
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

  const jwt = await signVcJose({ credential, signer: await getOrgSigner(ctx.agent, org) });
  const id = credential['id'] as string;
  const subjectId = (credential['credentialSubject'] as { id?: string }).id ?? '';
  await ctx.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO sp_issued_credentials (id, org_id, type, schema_id, subject_hash, format, issued_at, issued_by, valid_until, credential_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, org.id, definition.type, definition.schemaId, sha256Hex(subjectId), 'vc+jwt', now.toISOString(), principal.keyId, (credential['validUntil'] as string | undefined) ?? null, sha256Hex(jwt)],
    );
    await appendAuditEvent(tx, { orgId: org.id, actor: principal.keyId, action: 'credential.issue', subject: id, detail: { type: definition.type, format: 'vc+jwt' }, at: now });
  });
  ctx.logger.info({ orgId: org.id, credentialId: id, type: definition.type }, 'credential issued');
  return { id, type: definition.type, verifiableCredential: envelopeCredential(jwt), jwt };
}
