import { PassportError, extractEnvelopedJwt, isObject, verifyVpJose } from '@staff-passport/core';
import type { VerifierContext } from '../verifier-context.js';
import { buildReport, type VerificationReport } from './verification-report.js';

function invalid(field: string, message: string): PassportError {
  return new PassportError('ERR_REQUEST_INVALID', message, { field });
}

/**
 * Verifies the presentation of a VC API `POST /presentations/verify` body
 * (`{verifiablePresentation, options: {challenge, domain}}`): the holder's proof bound to the
 * challenge and domain, then every credential in it.
 *
 * @throws PassportError `ERR_REQUEST_INVALID` when the body is not such a request.
 */
export async function verifyPresentationRequest(ctx: VerifierContext, body: unknown): Promise<VerificationReport> {
  if (!isObject(body)) throw invalid('body', 'the body must be a JSON object {verifiablePresentation, options}');
  for (const key of Object.keys(body)) if (key !== 'verifiablePresentation' && key !== 'options') throw invalid(key, `${key} is not a field of a verify request`);
  const options = body['options'];
  if (!isObject(options)) throw invalid('options', 'options {challenge, domain} are required: a presentation must be bound to them');
  const { challenge, domain } = options;
  if (typeof challenge !== 'string' || challenge.length < 8 || challenge.length > 512) {
    throw invalid('options.challenge', 'options.challenge must be the nonce you gave the holder (8 to 512 characters)');
  }
  if (typeof domain !== 'string' || domain.length < 1 || domain.length > 2048) throw invalid('options.domain', 'options.domain must be the audience the holder was given');
  const jwt = extractEnvelopedJwt(body['verifiablePresentation'], 'application/vp+jwt');
  if (jwt === undefined) {
    throw invalid('verifiablePresentation', 'verifiablePresentation must be an EnvelopedVerifiablePresentation (data:application/vp+jwt,...) or a VP JWT');
  }
  const result = await verifyVpJose({ jwt, challenge, domain, resolver: ctx.resolver, now: ctx.now(), clockSkewSeconds: ctx.clockSkewSeconds });
  return buildReport(result.checks, result.credentials, result.holder);
}
