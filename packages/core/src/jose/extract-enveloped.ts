import { isObject } from '../lib/is-object.js';

/**
 * The JWT inside an enveloped credential or presentation (`data:<mediaType>,<jwt>`), or the JWT
 * itself when given as a string; undefined when it is neither.
 *
 * @example
 * extractEnvelopedJwt({ type: 'EnvelopedVerifiableCredential', id: 'data:application/vc+jwt,eyJ...' }, 'application/vc+jwt')
 */
export function extractEnvelopedJwt(value: unknown, mediaType: 'application/vc+jwt' | 'application/vp+jwt'): string | undefined {
  const prefix = `data:${mediaType},`;
  if (typeof value === 'string') {
    if (value.startsWith(prefix)) return value.slice(prefix.length);
    return value.startsWith('data:') ? undefined : value;
  }
  if (!isObject(value) || typeof value['id'] !== 'string') return undefined;
  return value['id'].startsWith(prefix) ? value['id'].slice(prefix.length) : undefined;
}
