import { isObject, parseEnvelope, type EnvelopeKind } from '@staff-passport/core';

/** The media types we read, by the format they carry. */
export const MEDIA_TYPES: Record<string, 'vc+jwt' | 'jwt_vc_json' | 'dc+sd-jwt' | 'vp+jwt'> = {
  'application/vc+jwt': 'vc+jwt',
  'application/vp+jwt': 'vp+jwt',
  'application/dc+sd-jwt': 'dc+sd-jwt',
  'application/vc+sd-jwt': 'dc+sd-jwt',
  'application/jwt': 'jwt_vc_json',
};

// The media types an envelope may declare, per what it wraps (VC-JOSE-COSE 1.0, SD-JWT VC).
const ENVELOPE_MEDIA_TYPES: Record<EnvelopeKind, readonly string[]> = {
  credential: Object.keys(MEDIA_TYPES).filter((t) => t !== 'application/vp+jwt'),
  // application/jwt: a VC Data Model 1.1 `vp` JWT, as the W3C vc-data-model-2.0 suite envelopes one.
  presentation: ['application/vp+jwt', 'application/jwt', 'application/dc+sd-jwt', 'application/vc+sd-jwt'],
};

/** A compact JWS's header `typ`, if it has one. */
export function headerTyp(jwt: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(jwt.slice(0, jwt.indexOf('.')), 'base64url').toString('utf8')) as unknown;
    return isObject(header) && typeof header['typ'] === 'string' ? header['typ'] : undefined;
  } catch {
    return undefined;
  }
}

/** The compact string inside an Enveloped credential or presentation (`data:<media type>,<value>`), with its media type. */
function fromDataUrl(url: string): { mediaType?: string; text: string } | undefined {
  const match = /^data:([^,;]+)(?:;[^,]*)?,(.*)$/s.exec(url);
  return match ? { mediaType: match[1]!, text: match[2]! } : undefined;
}

/** What an enveloped or compact credential or presentation carries, with its declared media type. */
export function unwrap(value: unknown, kind: EnvelopeKind): { mediaType?: string; text: string } | undefined {
  if (typeof value === 'string') return value.startsWith('data:') ? fromDataUrl(value) : { text: value.trim() };
  // An Enveloped object: its wrapper is checked (context, type, data: URL of the declared media
  // type), since only what it carries is signed (ERR_VC_ENVELOPE_INVALID, ERR_VP_ENVELOPE_INVALID).
  // An object is taken for an envelope when it says so (an Enveloped... type, or a data: URL id);
  // anything else without a proof is no credential we read (ERR_REQUEST_INVALID, as before).
  if (isObject(value) && value['proof'] === undefined && (/Enveloped/.test(JSON.stringify(value['type'] ?? '')) || (typeof value['id'] === 'string' && value['id'].startsWith('data:')))) {
    return parseEnvelope(value, kind, ENVELOPE_MEDIA_TYPES[kind]);
  }
  return undefined;
}
