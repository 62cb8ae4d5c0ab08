import { PassportError } from '../errors/passport-error.js';
import type { StatusPurpose } from './build-status-list-credential.js';

/** A `BitstringStatusListEntry` for a credential's `credentialStatus` (Bitstring Status List v1.0, section 2.1). */
export type BitstringStatusListEntry = {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  /** The index as a base-10 string, as section 2.1 requires. */
  statusListIndex: string;
  statusListCredential: string;
};

/** Options for {@link credentialStatusEntry}. */
export interface CredentialStatusEntryOptions {
  /** The status list credential's URL. */
  listUrl: string;
  /** The credential's index in that list (allocated at random by the issuer). */
  index: number;
  purpose: StatusPurpose;
}

/**
 * The `credentialStatus` entry pointing a credential at its place in a status list
 * (Bitstring Status List v1.0, section 2.1).
 *
 * @throws PassportError `ERR_STATUS_INDEX_OUT_OF_RANGE` when the index is not a non-negative integer.
 * @example
 * credentialStatusEntry({ listUrl: 'https://hr.example/status/3', index: 94567, purpose: 'revocation' })
 * // { id: 'https://hr.example/status/3#94567', type: 'BitstringStatusListEntry', statusPurpose: 'revocation',
 * //   statusListIndex: '94567', statusListCredential: 'https://hr.example/status/3' }
 */
export function credentialStatusEntry(options: CredentialStatusEntryOptions): BitstringStatusListEntry {
  if (!Number.isSafeInteger(options.index) || options.index < 0) {
    throw new PassportError('ERR_STATUS_INDEX_OUT_OF_RANGE', `index must be a non-negative integer, not ${options.index}`);
  }
  return {
    id: `${options.listUrl}#${options.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: options.purpose,
    statusListIndex: String(options.index),
    statusListCredential: options.listUrl,
  };
}
