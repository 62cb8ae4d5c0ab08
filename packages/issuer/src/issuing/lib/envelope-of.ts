import { VC_CONTEXT_V2 } from '@staff-passport/schemas';

/**
 * The `EnvelopedVerifiableCredential` the VC API answers a JWT-secured credential with (VC Data
 * Model 2.0, 4.13.1): its `@context` an ordered set (an array, as 4.3 asks of every `@context`
 * and as the W3C test suites check), its `id` a `data:` URL of the media type.
 */
export function envelopeOf(mediaType: string, secured: string): Record<string, unknown> {
  return { '@context': [VC_CONTEXT_V2], type: 'EnvelopedVerifiableCredential', id: `data:${mediaType},${secured}` };
}
