import { PassportError } from '../errors/passport-error.js';

/** The status purposes the staff passport publishes lists for (Bitstring Status List v1.0, section 2.2). */
export type StatusPurpose = 'revocation' | 'suspension';

/** An unsigned `BitstringStatusListCredential` (Bitstring Status List v1.0, section 2.2). */
export type BitstringStatusListCredential = {
  '@context': string[];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string;
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: StatusPurpose;
    encodedList: string;
    ttl?: number;
  };
};

/** Options for {@link buildStatusListCredential}. */
export interface BuildStatusListCredentialOptions {
  /** The list's URL: where it is published, and what entries name as `statusListCredential`. */
  id: string;
  /** The issuer DID; the same DID that issues the credentials the list covers. */
  issuer: string;
  statusPurpose: StatusPurpose;
  /** From {@link encodeBitstringList}. */
  encodedList: string;
  validFrom: Date | string;
  validUntil?: Date | string;
  /** How long verifiers may cache the list, in milliseconds (section 2.2, `ttl`). */
  ttl?: number;
}

const PURPOSES: readonly string[] = ['revocation', 'suspension'];

function dateTime(value: Date | string, field: string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new PassportError('ERR_STATUS_LIST_INVALID', `${field} is not a date-time`, { field });
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Builds the unsigned VC Data Model 2.0 `BitstringStatusListCredential` for a list (Bitstring
 * Status List v1.0, sections 2.2 and 3.1). Securing it is the caller's: sign it with
 * `signVcJose` and the same issuer key as the credentials (section 3.6), and publish the JWT at `id`.
 *
 * @throws PassportError `ERR_STATUS_LIST_INVALID` for an unknown purpose, an `encodedList` that is not
 *   multibase base64url, a bad date or a `ttl` that is not a positive whole number.
 * @example
 * const credential = buildStatusListCredential({ id: listUrl, issuer: orgDid, statusPurpose: 'revocation',
 *   encodedList: encodeBitstringList(list), validFrom: new Date(), ttl: 300_000 });
 * const jwt = await signVcJose({ credential, signer });
 */
export function buildStatusListCredential(options: BuildStatusListCredentialOptions): BitstringStatusListCredential {
  if (!PURPOSES.includes(options.statusPurpose)) {
    throw new PassportError('ERR_STATUS_LIST_INVALID', `statusPurpose must be revocation or suspension`, { field: 'statusPurpose' });
  }
  if (!/^u[A-Za-z0-9_-]+$/.test(options.encodedList)) {
    throw new PassportError('ERR_STATUS_LIST_INVALID', 'encodedList must be multibase base64url (prefix "u")', { field: 'encodedList' });
  }
  if (options.ttl !== undefined && (!Number.isSafeInteger(options.ttl) || options.ttl <= 0)) {
    throw new PassportError('ERR_STATUS_LIST_INVALID', 'ttl must be a positive number of milliseconds', { field: 'ttl' });
  }
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: options.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: options.issuer,
    validFrom: dateTime(options.validFrom, 'validFrom'),
    ...(options.validUntil === undefined ? {} : { validUntil: dateTime(options.validUntil, 'validUntil') }),
    credentialSubject: {
      id: `${options.id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: options.statusPurpose,
      encodedList: options.encodedList,
      ...(options.ttl === undefined ? {} : { ttl: options.ttl }),
    },
  };
}
