import { VC_CONTEXT_V2 } from '@staff-passport/schemas';
import { PassportError } from '../errors/passport-error.js';
import { isObject } from '../lib/is-object.js';

/** What an envelope wraps: a credential or a presentation. */
export type EnvelopeKind = 'credential' | 'presentation';

/** The secured value inside an envelope, and the media type its `data:` URL declares. */
export interface Envelope {
  mediaType: string;
  text: string;
}

const TYPE: Record<EnvelopeKind, string> = { credential: 'EnvelopedVerifiableCredential', presentation: 'EnvelopedVerifiablePresentation' };
// The `typ` a JWS may carry under each JOSE media type (VC-JOSE-COSE 1.0, sections 3.1.1 and 3.1.2;
// RFC 7519 for application/jwt, which says nothing of what the JWT holds).
const JWS_TYP: Record<string, readonly string[] | undefined> = {
  'application/vc+jwt': ['vc+jwt'],
  'application/vp+jwt': ['vp+jwt'],
  'application/jwt': undefined,
};
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function refuse(kind: EnvelopeKind, field: string, message: string): PassportError {
  return new PassportError(kind === 'credential' ? 'ERR_VC_ENVELOPE_INVALID' : 'ERR_VP_ENVELOPE_INVALID', message, { field });
}

function typOf(jws: string): unknown {
  try {
    const header = JSON.parse(Buffer.from(jws.slice(0, jws.indexOf('.')), 'base64url').toString('utf8')) as unknown;
    return isObject(header) ? header['typ'] : null;
  } catch {
    return null;
  }
}

/**
 * Checks the wrapper of an `EnvelopedVerifiableCredential` or `EnvelopedVerifiablePresentation`
 * (VC Data Model 2.0, sections 4.13.1 and 4.13.2) and returns what it carries: `@context` present
 * and including the base context (which defines `id`, `type` and the envelope types), `type`
 * exactly the envelope type, and `id` a `data:` URL (RFC 2397) of one of the media types the
 * caller reads, whose content is of that type (a compact JWS whose `typ`, if any, fits the media
 * type; an SD-JWT with its `~`). Only the JWT inside is signed, so without these checks a changed
 * wrapper would go unnoticed.
 *
 * @example
 * const { mediaType, text } = parseEnvelope(body.verifiableCredential, 'credential', ['application/vc+jwt', 'application/jwt']);
 * @throws PassportError `ERR_VC_ENVELOPE_INVALID` (credential) or `ERR_VP_ENVELOPE_INVALID`
 *   (presentation), naming the field at fault (`@context`, `type`, `id`).
 */
export function parseEnvelope(value: unknown, kind: EnvelopeKind, mediaTypes: readonly string[]): Envelope {
  if (!isObject(value)) throw refuse(kind, 'body', `an ${TYPE[kind]} is a JSON object`);
  const context = value['@context'];
  const contexts = Array.isArray(context) ? context : [context];
  if (!contexts.includes(VC_CONTEXT_V2)) throw refuse(kind, '@context', `@context must include ${VC_CONTEXT_V2}`);
  const type = Array.isArray(value['type']) && value['type'].length === 1 ? value['type'][0] : value['type'];
  if (type !== TYPE[kind]) throw refuse(kind, 'type', `type must be ${TYPE[kind]}`);
  const id = value['id'];
  const match = typeof id === 'string' ? /^data:([^,;]+)((?:;[^,;]*)*),(.*)$/s.exec(id) : null;
  if (!match) throw refuse(kind, 'id', 'id must be a data: URL (RFC 2397)');
  const mediaType = match[1]!.toLowerCase();
  const text = match[3]!;
  if (!mediaTypes.includes(mediaType)) throw refuse(kind, 'id', `the data: URL's media type ${mediaType} is not one of ${mediaTypes.join(', ')}`);
  if (match[2]!.split(';').includes('base64')) throw refuse(kind, 'id', 'a JOSE or SD-JWT envelope is not base64-encoded again');
  if (mediaType in JWS_TYP) {
    const typs = JWS_TYP[mediaType];
    if (!COMPACT_JWS.test(text)) throw refuse(kind, 'id', `the data: URL does not hold a compact JWS (${mediaType})`);
    const typ = typOf(text);
    if (typ === null || (typs && typ !== undefined && !typs.includes(String(typ)))) throw refuse(kind, 'id', `the JWS typ ${String(typ)} is not ${mediaType}`);
  } else if (mediaType.endsWith('sd-jwt') && !text.includes('~')) {
    throw refuse(kind, 'id', `the data: URL does not hold an SD-JWT (${mediaType})`);
  }
  return { mediaType, text };
}
