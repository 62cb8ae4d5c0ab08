import { PassportError, isObject, parseEnvelope, type EnvelopeKind } from '@staff-passport/core';

/** The credential formats the verifier accepts (OpenID4VCI format identifiers where they exist). */
export type CredentialFormat = 'vc+jwt' | 'jwt_vc_json' | 'dc+sd-jwt' | 'ldp_vc';

/** A credential as received, with its format worked out. */
export type CredentialInput = { format: 'vc+jwt' | 'jwt_vc_json' | 'dc+sd-jwt'; value: string } | { format: 'ldp_vc'; value: Record<string, unknown> };

/** A presentation as received. */
export type PresentationInput =
  | { format: 'vp+jwt'; value: string }
  | { format: 'dc+sd-jwt'; value: string }
  | { format: 'ldp_vp'; value: Record<string, unknown> };

const MEDIA_TYPES: Record<string, 'vc+jwt' | 'jwt_vc_json' | 'dc+sd-jwt' | 'vp+jwt'> = {
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

function headerTyp(jwt: string): string | undefined {
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

function unwrap(value: unknown, kind: EnvelopeKind): { mediaType?: string; text: string } | undefined {
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
