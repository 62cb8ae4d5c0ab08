import { isObject } from '../../lib/is-object.js';
import { PassportError } from '../../errors/passport-error.js';
import { readEncodedList } from './read-encoded-list.js';
import { issuerIdOf } from '../../lib/issuer-id.js';

/** The parts of a verified `BitstringStatusListCredential` a status check needs. */
export interface ParsedStatusListCredential {
  issuer: string | undefined;
  id: string | undefined;
  purposes: string[];
  /** The bitstring, GZIP-compressed (`encodedList` multibase-decoded). */
  compressed: Uint8Array;
  /** `credentialSubject.ttl`, milliseconds. */
  ttlMs: number | undefined;
  validFromMs: number | undefined;
  validUntilMs: number | undefined;
}


function time(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new PassportError('ERR_STATUS_LIST_INVALID', `${field} is not a date-time`);
  return ms;
}

/** Checks the shape of a `BitstringStatusListCredential` (Bitstring Status List v1.0, section 2.2) and decodes its list's multibase (decompressing it is the caller's). */
export function parseStatusListCredential(credential: Record<string, unknown>): ParsedStatusListCredential {
  const types = Array.isArray(credential['type']) ? credential['type'] : [credential['type']];
  if (!types.includes('BitstringStatusListCredential')) {
    throw new PassportError('ERR_STATUS_LIST_INVALID', 'the status list credential is not a BitstringStatusListCredential');
  }
  const subject = credential['credentialSubject'];
  if (!isObject(subject) || subject['type'] !== 'BitstringStatusList') {
    throw new PassportError('ERR_STATUS_LIST_INVALID', 'credentialSubject must be a BitstringStatusList');
  }
  const purpose = subject['statusPurpose'];
  const purposes = (Array.isArray(purpose) ? purpose : [purpose]).filter((p): p is string => typeof p === 'string');
  if (purposes.length === 0) throw new PassportError('ERR_STATUS_LIST_INVALID', 'the status list names no statusPurpose');
  const ttl = subject['ttl'];
  if (ttl !== undefined && (typeof ttl !== 'number' || !(ttl > 0))) throw new PassportError('ERR_STATUS_LIST_INVALID', 'ttl must be a positive number');
  const id = credential['id'];
  return {
    issuer: issuerIdOf(credential['issuer']),
    id: typeof id === 'string' ? id : undefined,
    purposes,
    compressed: readEncodedList(subject['encodedList']),
    ttlMs: ttl,
    validFromMs: time(credential['validFrom'], 'validFrom'),
    validUntilMs: time(credential['validUntil'], 'validUntil'),
  };
}
