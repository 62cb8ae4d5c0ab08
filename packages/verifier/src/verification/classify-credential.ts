import { PassportError, isObject } from '@staff-passport/core';
import { MEDIA_TYPES, headerTyp, unwrap } from './lib/unwrap-input.js';
import type { CredentialInput } from './verification-input.js';

/**
 * Works out a credential's format from what was sent: an `EnvelopedVerifiableCredential`
 * (`data:application/vc+jwt,...`, `application/dc+sd-jwt`, `application/jwt`), a compact string
 * (by its header `typ` and `~`), or a JSON credential with a Data Integrity proof.
 *
 * @throws PassportError `ERR_REQUEST_INVALID` (naming the field) when it is none of these.
 */
export function classifyCredential(value: unknown, field: string): CredentialInput {
  if (isObject(value) && 'proof' in value) return { format: 'ldp_vc', value };
  const unwrapped = unwrap(value, 'credential');
  if (unwrapped && unwrapped.text.length > 0 && unwrapped.text.length < 1_000_000) {
    const byType = unwrapped.mediaType ? MEDIA_TYPES[unwrapped.mediaType] : undefined;
    if (byType && byType !== 'vp+jwt') return { format: byType, value: unwrapped.text };
    if (!unwrapped.mediaType) {
      if (unwrapped.text.includes('~')) return { format: 'dc+sd-jwt', value: unwrapped.text };
      const typ = headerTyp(unwrapped.text);
      if (typ === 'vc+jwt') return { format: 'vc+jwt', value: unwrapped.text };
      if (typ === 'JWT' || typ === undefined) return { format: 'jwt_vc_json', value: unwrapped.text };
    }
  }
  throw new PassportError('ERR_REQUEST_INVALID', 'not a credential we read: an EnvelopedVerifiableCredential, a VC-JOSE, VC 1.1 JWT or SD-JWT VC string, or a Data Integrity credential', {
    field,
  });
}
