import { PassportError, isObject } from '@staff-passport/core';
import { MEDIA_TYPES, unwrap } from './lib/unwrap-input.js';
import type { PresentationInput } from './verification-input.js';

/**
 * Works out a presentation's format: a VP JWT (enveloped or compact), an SD-JWT VC with key
 * binding, or a JSON presentation with a Data Integrity proof.
 *
 * @throws PassportError `ERR_REQUEST_INVALID` (naming the field) when it is none of these.
 */
export function classifyPresentation(value: unknown, field: string): PresentationInput {
  if (isObject(value) && 'proof' in value) return { format: 'ldp_vp', value };
  const unwrapped = unwrap(value, 'presentation');
  if (unwrapped && unwrapped.text.length > 0 && unwrapped.text.length < 4_000_000) {
    const byType = unwrapped.mediaType ? MEDIA_TYPES[unwrapped.mediaType] : undefined;
    if (byType === 'vp+jwt' || unwrapped.mediaType === 'application/jwt' || (!unwrapped.mediaType && !unwrapped.text.includes('~'))) return { format: 'vp+jwt', value: unwrapped.text };
    if (byType === 'dc+sd-jwt' || (!unwrapped.mediaType && unwrapped.text.includes('~'))) return { format: 'dc+sd-jwt', value: unwrapped.text };
  }
  throw new PassportError('ERR_REQUEST_INVALID', 'not a presentation we read: a VP JWT, an SD-JWT VC with key binding, or a Data Integrity presentation', { field });
}
