import { PassportError, isObject } from '@staff-passport/core';

/**
 * The checks a VC API caller may name in `options.checks`, with the names other implementations
 * use for them. The proof (format, contexts, signature) is always checked: it is what verifying
 * means. The others run only when named, once `options.checks` is given.
 */
const CHECK_NAMES: Readonly<Record<string, RequestedCheck>> = {
  proof: 'proof',
  issuer: 'issuer',
  validity: 'validity',
  expiration: 'validity',
  status: 'status',
  credentialStatus: 'status',
  schema: 'schema',
  credentialSchema: 'schema',
  trust: 'trust',
  'holder-binding': 'holder-binding',
  holderBinding: 'holder-binding',
};

/** A check a caller can ask for (or leave out) with `options.checks`. */
export type RequestedCheck = 'proof' | 'issuer' | 'validity' | 'status' | 'schema' | 'trust' | 'holder-binding';

/** The checks run when a caller names none: all of them, holder binding reported but not required. */
export const DEFAULT_CHECKS: ReadonlySet<RequestedCheck> = new Set<RequestedCheck>(['proof', 'issuer', 'validity', 'status', 'schema', 'trust']);

/** What a VC API verify request's `options` ask for. */
export interface VerifyOptions {
  /** The checks to run; {@link DEFAULT_CHECKS} when the caller named none. */
  checks: ReadonlySet<RequestedCheck>;
  /** Whether the caller named the checks (`options.checks`). */
  named: boolean;
  challenge?: string;
  domain?: string;
}

function invalid(field: string, message: string): PassportError {
  return new PassportError('ERR_REQUEST_INVALID', message, { field });
}

/**
 * Reads the `options` of a VC API `POST /credentials/verify` or `POST /presentations/verify`
 * body: `checks` (an array of check names, see {@link RequestedCheck}), `challenge` and `domain`.
 * Other members are ignored, as the VC API allows.
 *
 * @example
 * readVerifyOptions({ checks: ['proof'] }).checks; // Set {'proof'}
 * @throws PassportError `ERR_REQUEST_INVALID` naming `options`, `options.checks`, `options.challenge` or `options.domain`.
 */
export function readVerifyOptions(options: unknown): VerifyOptions {
  if (options === undefined) return { checks: DEFAULT_CHECKS, named: false };
  if (!isObject(options)) throw invalid('options', 'options must be an object');
  const { checks, challenge, domain } = options;
  if (challenge !== undefined && (typeof challenge !== 'string' || challenge.length < 8 || challenge.length > 512)) {
    throw invalid('options.challenge', 'options.challenge must be the nonce the holder was given (8 to 512 characters)');
  }
  if (domain !== undefined && (typeof domain !== 'string' || domain.length < 1 || domain.length > 2048)) throw invalid('options.domain', 'options.domain must be the audience the holder was given');
  const bound = { ...(challenge === undefined ? {} : { challenge }), ...(domain === undefined ? {} : { domain }) };
  if (checks === undefined) return { checks: DEFAULT_CHECKS, named: false, ...bound };
  if (!Array.isArray(checks) || checks.length > 20) throw invalid('options.checks', 'options.checks must be an array of check names');
  const named = new Set<RequestedCheck>(['proof']);
  for (const name of checks) {
    const check = typeof name === 'string' && Object.hasOwn(CHECK_NAMES, name) ? CHECK_NAMES[name] : undefined;
    if (!check) throw invalid('options.checks', `options.checks names an unknown check ${JSON.stringify(name)}: use ${Object.keys(CHECK_NAMES).join(', ')}`);
    named.add(check);
  }
  return { checks: named, named: true, ...bound };
}
