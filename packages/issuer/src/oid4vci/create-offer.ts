import { randomBytes, randomInt } from 'node:crypto';
import { PassportError, isObject, type FieldIssue } from '@staff-passport/core';
import type { CredentialTypeDefinition } from '@staff-passport/schemas';
import type { Principal } from '../api-keys/authenticate-api-key.js';
import type { IssuerContext } from '../issuer-context.js';
import { prepareCredential } from '../issuing/issue-credential.js';
import { createOfferStore } from '../store/offer-store.js';
import { foldPersonReference, parsePersonReference } from '../lib/person-reference.js';
import type { Organisation } from '../organisations/organisation.js';
import type { TypeValidatorCache } from '../types/type-validator-cache.js';
import { hashSecret, randomSecret, sealOfferJson, withAudit, type OfferedCredential } from './lib/offer-store.js';
import {
  OFFER_FORMATS,
  OID4VCI_LIMITS,
  PRE_AUTHORIZED_CODE_GRANT,
  configurationIdFor,
  credentialIssuerIdFor,
  offerableTypes,
  oid4vciEndpointFor,
  type OfferFormat,
} from './oid4vci-settings.js';

/** What HR asks for (`POST /orgs/{orgId}/offers`). */
export interface CreateOfferInput {
  /** One to ten credentials, each of a different catalogue type. */
  credentials: OfferedCredential[];
  /** The formats the wallet may choose from (default all three). */
  formats?: OfferFormat[];
  /** Protect the offer with a six-digit transaction code (default true). */
  txCode?: boolean;
  /** Put a `credential_offer_uri` in the link rather than the offer itself (default true). */
  byReference?: boolean;
  /** Deferred issuance: a check is still pending, claims may follow with `completeOffer`. */
  pending?: boolean;
  /** Default seven days, at most thirty. */
  expiresInSeconds?: number;
  /**
   * HR's own label for whom the offer is for ("Amara Okafor, ESR 12345678"), to find the person's
   * credentials later: 1 to 200 characters, trimmed, no control characters. Kept at the issuer
   * only (never in the credential or the offer the wallet sees); erased if the offer is withdrawn.
   */
  personReference?: string;
}

/** A created offer as HR sees it once: the transaction code is never shown again. */
export interface CreatedOffer {
  id: string;
  status: 'offered';
  credentialOfferUri?: string;
  credentialOffer?: Record<string, unknown>;
  /** `openid-credential-offer://?credential_offer_uri=...` or `?credential_offer=...`. */
  link: string;
  /** The PIN to give the holder by another channel; null when the offer has none. */
  txCode: string | null;
  qr: { png: string; svg: string };
  expiresAt: string;
  /** The person reference, as stored (trimmed), when one was given. */
  personReference?: string;
}

const FIELDS = ['credentials', 'formats', 'txCode', 'byReference', 'pending', 'expiresInSeconds', 'personReference'];
// Any syntactically valid DID: the holder's comes from the wallet's proof at issuance.
const PLACEHOLDER_HOLDER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

/** The types an offer may name beyond the catalogue (`listOfferableTypes`) and where their validators are. */
export interface OfferRegistry {
  types: readonly CredentialTypeDefinition[];
  validators: TypeValidatorCache;
}

function invalid(field: string, message: string): PassportError {
  return new PassportError('ERR_REQUEST_INVALID', message, { field });
}

function optionalBoolean(body: Record<string, unknown>, field: string): boolean | undefined {
  const value = body[field];
  if (value !== undefined && typeof value !== 'boolean') throw invalid(field, `${field} must be true or false`);
  return value;
}

/**
 * Validates claims for an offer the way issuing does (schema, then the type's rules), with the
 * holder left out: the subject id comes from the wallet's key proof. Field paths name the
 * offer's own fields (`credentials[0].credentialSubject.training.level`).
 *
 * @throws PassportError `ERR_REQUEST_INVALID`, `ERR_TYPE_UNKNOWN`, `ERR_SCHEMA_INVALID`.
 */
export function validateOfferedCredentials(org: Organisation, value: unknown, now: Date, options: { subjectRequired: boolean; field?: string; registry?: OfferRegistry }): OfferedCredential[] {
  const field = options.field ?? 'credentials';
  if (!Array.isArray(value) || value.length === 0 || value.length > OID4VCI_LIMITS.batchSize) {
    throw invalid(field, `${field} must list 1 to ${OID4VCI_LIMITS.batchSize} credentials`);
  }
  const seen = new Set<string>();
  return value.map((item, i): OfferedCredential => {
    const at = `${field}[${i}]`;
    if (!isObject(item)) throw invalid(at, `${at} must be {type, credentialSubject}`);
    for (const key of Object.keys(item)) if (key !== 'type' && key !== 'credentialSubject') throw invalid(`${at}.${key}`, `${key} is not a field of an offered credential`);
    const type = item['type'];
    const definition = typeof type === 'string' ? (options.registry?.types ?? offerableTypes()).find((d) => d.type === type) : undefined;
    if (typeof type !== 'string' || !definition) {
      throw new PassportError('ERR_TYPE_UNKNOWN', `${at}.type must be a catalogue or registered type, such as TrainingRecord`, { field: `${at}.type` });
    }
    if (seen.has(type)) throw invalid(`${at}.type`, `${type} is offered twice: each type once`);
    seen.add(type);
    const subject = item['credentialSubject'];
    if (subject === undefined && !options.subjectRequired) return { type };
    if (!isObject(subject)) throw invalid(`${at}.credentialSubject`, `${at}.credentialSubject must be an object with the claims`);
    if (subject['id'] !== undefined) throw invalid(`${at}.credentialSubject.id`, "leave credentialSubject.id out: the holder's DID comes from the wallet's key proof");
    try {
      const issueType = { kind: 'catalogue', definition } as const;
      prepareCredential(org, { type: ['VerifiableCredential', type], credentialSubject: { ...subject, id: PLACEHOLDER_HOLDER } }, now, {
        issueType,
        ...(options.registry ? { validators: options.registry.validators } : {}),
      });
    } catch (err: unknown) {
      if (!(err instanceof PassportError)) throw err;
      const rename = (path: string | undefined): string | undefined => path?.replace(/^credential\./, `${at}.`);
      const issues: FieldIssue[] = err.issues.map((issue) => ({ ...issue, path: rename(issue.path) ?? issue.path }));
      const renamed = rename(err.field);
      throw new PassportError(err.code, err.message.replaceAll('credential.', `${at}.`), { ...(renamed ? { field: renamed } : {}), ...(issues.length ? { issues } : {}), cause: err });
    }
    return { type, credentialSubject: subject };
  });
}

/**
 * Reads and checks an offer request (`POST /orgs/{orgId}/offers`), claims included.
 *
 * @throws PassportError `ERR_REQUEST_INVALID`, `ERR_FORMAT_UNSUPPORTED`, `ERR_TYPE_UNKNOWN`, `ERR_SCHEMA_INVALID`.
 */
export function parseCreateOfferInput(org: Organisation, body: unknown, now: Date, registry?: OfferRegistry): CreateOfferInput {
  if (!isObject(body)) throw invalid('body', 'the body must be a JSON object {credentials, formats?, txCode?, byReference?, pending?, expiresInSeconds?, personReference?}');
  for (const key of Object.keys(body)) if (!FIELDS.includes(key)) throw invalid(key, `${key} is not a field of an offer`);
  const pending = optionalBoolean(body, 'pending');
  const txCode = optionalBoolean(body, 'txCode');
  const byReference = optionalBoolean(body, 'byReference');
  const formats = body['formats'];
  if (formats !== undefined) {
    if (!Array.isArray(formats) || formats.length === 0 || formats.length > OFFER_FORMATS.length) throw invalid('formats', `formats must list some of ${OFFER_FORMATS.join(', ')}`);
    formats.forEach((f, i) => {
      if (!(OFFER_FORMATS as readonly unknown[]).includes(f)) throw new PassportError('ERR_FORMAT_UNSUPPORTED', `formats[${i}] must be one of ${OFFER_FORMATS.join(', ')}`, { field: `formats[${i}]` });
    });
    if (new Set(formats).size !== formats.length) throw invalid('formats', 'formats lists a format twice');
  }
  const expires = body['expiresInSeconds'];
  if (expires !== undefined && (typeof expires !== 'number' || !Number.isInteger(expires) || expires < 60 || expires > OID4VCI_LIMITS.maxOfferSeconds)) {
    throw invalid('expiresInSeconds', `expiresInSeconds must be a whole number from 60 to ${OID4VCI_LIMITS.maxOfferSeconds}`);
  }
  const personReference = parsePersonReference(body['personReference']);
  return {
    credentials: validateOfferedCredentials(org, body['credentials'], now, { subjectRequired: pending !== true, ...(registry ? { registry } : {}) }),
    ...(formats === undefined ? {} : { formats: formats as OfferFormat[] }),
    ...(txCode === undefined ? {} : { txCode }),
    ...(byReference === undefined ? {} : { byReference }),
    ...(pending === undefined ? {} : { pending }),
    ...(expires === undefined ? {} : { expiresInSeconds: expires as number }),
    ...(personReference === undefined ? {} : { personReference }),
  };
}

/** The `openid-credential-offer://` link of an offer (OpenID4VCI 1.0, section 4.1). */
export function offerLinkFor(offer: { byReference: boolean; uri: string; json: string }): string {
  return offer.byReference
    ? `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(offer.uri)}`
    : `openid-credential-offer://?credential_offer=${encodeURIComponent(offer.json)}`;
}

/** The URL a wallet fetches an offer by reference from. */
export function offerUriFor(publicUrl: string, orgId: string, offerId: string): string {
  return oid4vciEndpointFor(publicUrl, orgId, `offers/${offerId}`);
}

/** The hash a transaction code is kept as (salted with the offer id). */
export function hashTxCode(offerId: string, txCode: string): string {
  return hashSecret(`${offerId}:${txCode}`);
}

/**
 * Creates a credential offer (OpenID4VCI 1.0, section 4.1.1) with a pre-authorised code and, by
 * default, a six-digit transaction code: the claims were validated by `parseCreateOfferInput`;
 * only hashes of the codes are kept (the offer JSON, code included, stays while the offer can be
 * fetched by reference). The person reference, if any, is stored beside the offer for HR's search
 * and never leaves the issuer; the audit event says only that there is one (the log cannot be
 * erased). Audited as `offer.create`.
 *
 * @example
 * const offer = await createOffer(ctx, org, parseCreateOfferInput(org, req.body, ctx.now()), principal);
 * // show offer.link as a QR code and tell the holder offer.txCode
 * @throws PassportError `ERR_REQUEST_INVALID` (field `personReference`).
 */
export async function createOffer(ctx: IssuerContext, org: Organisation, input: CreateOfferInput, principal: Pick<Principal, 'keyId'>): Promise<CreatedOffer> {
  // Checked again here: callers other than parseCreateOfferInput (the console) pass it in.
  const personReference = parsePersonReference(input.personReference) ?? null;
  const now = ctx.now();
  const id = `off_${randomBytes(16).toString('hex')}`;
  const code = randomSecret();
  const formats = input.formats ?? [...OFFER_FORMATS];
  const byReference = input.byReference ?? true;
  const txCode = input.txCode === false ? null : String(randomInt(0, 10 ** OID4VCI_LIMITS.txCodeLength)).padStart(OID4VCI_LIMITS.txCodeLength, '0');
  const expiresAt = new Date(now.getTime() + (input.expiresInSeconds ?? OID4VCI_LIMITS.defaultOfferSeconds) * 1000).toISOString();
  const credentialOffer = {
    credential_issuer: credentialIssuerIdFor(ctx.publicUrl, org.id),
    credential_configuration_ids: input.credentials.flatMap((c) => formats.map((f) => configurationIdFor(c.type, f))),
    grants: {
      [PRE_AUTHORIZED_CODE_GRANT]: {
        'pre-authorized_code': code,
        ...(txCode === null
          ? {}
          : { tx_code: { input_mode: 'numeric', length: OID4VCI_LIMITS.txCodeLength, description: `Enter the ${OID4VCI_LIMITS.txCodeLength}-digit code ${org.name} HR gave you` } }),
      },
    },
  };
  const json = JSON.stringify(credentialOffer);
  const uri = offerUriFor(ctx.publicUrl, org.id, id);
  const at = now.toISOString();
  await withAudit(
    ctx,
    [
      {
        orgId: org.id,
        actor: principal.keyId,
        action: 'offer.create',
        subject: id,
        detail: {
          types: input.credentials.map((c) => c.type),
          formats,
          byReference,
          txCode: txCode !== null,
          pending: input.pending === true,
          expiresAt,
          ...(personReference === null ? {} : { personReference: true }),
        },
        at: now,
      },
    ],
    async (tx) => {
      await createOfferStore(tx).insert({
        id,
        org_id: org.id,
        status: 'offered',
        credentials: JSON.stringify(input.credentials),
        formats: JSON.stringify(formats),
        by_reference: byReference ? 1 : 0,
        pending: input.pending ? 1 : 0,
        tx_code_hash: txCode === null ? null : hashTxCode(id, txCode),
        tx_code_failures: 0,
        code_hash: hashSecret(code),
        offer_json: sealOfferJson(ctx, id, json),
        person_ref: personReference,
        person_ref_key: personReference === null ? null : foldPersonReference(personReference),
        created_by: principal.keyId,
        created_at: at,
        expires_at: expiresAt,
        updated_at: at,
      });
    },
  );
  const base = `${ctx.publicUrl.replace(/\/+$/, '')}/orgs/${org.id}/offers/${id}`;
  return {
    id,
    status: 'offered',
    ...(byReference ? { credentialOfferUri: uri } : { credentialOffer }),
    link: offerLinkFor({ byReference, uri, json }),
    txCode,
    qr: { png: `${base}/qr.png`, svg: `${base}/qr.svg` },
    expiresAt,
    ...(personReference === null ? {} : { personReference }),
  };
}

