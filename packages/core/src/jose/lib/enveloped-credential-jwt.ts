import { isObject } from '../../lib/is-object.js';
import { extractEnvelopedJwt } from '../extract-enveloped.js';
import { parseEnvelope } from '../parse-envelope.js';

/**
 * The VC-JOSE JWT of a presentation's `verifiableCredential` entry: an
 * `EnvelopedVerifiableCredential` whose wrapper is checked (see `parseEnvelope`), or a compact JWT
 * (or `data:application/vc+jwt,` URL) as a string; undefined when it is neither.
 *
 * @throws PassportError `ERR_VC_ENVELOPE_INVALID` when an envelope's wrapper is not as the data model says.
 */
export function envelopedCredentialJwt(entry: unknown): string | undefined {
  if (isObject(entry) && entry['proof'] === undefined && entry['type'] !== undefined && entry['id'] !== undefined) {
    return parseEnvelope(entry, 'credential', ['application/vc+jwt']).text;
  }
  return extractEnvelopedJwt(entry, 'application/vc+jwt');
}
