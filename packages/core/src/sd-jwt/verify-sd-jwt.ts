import { isSupportedAlg, type SupportedAlg } from '../jose/jws-signer.js';
import type { ErrorCode } from '../errors/error-codes.js';
import { CheckList, type VerificationCheck } from '../verification/verification-result.js';
import { decodeBase64url } from './lib/base64url.js';
import { checkKeyBinding, KEY_BINDING_CHECKS } from './lib/check-key-binding.js';
import { assertSha256, digestsOf, parseDisclosure, type DisclosureContents } from './lib/disclosures.js';
import { processDisclosures, type DisclosureProblem as Problem } from './lib/process-disclosures.js';
import { decodeJwt, splitSdJwt, type SdJwtParts } from './lib/split-sd-jwt.js';
import { webCryptoSha256, webCryptoVerifySignature } from './web-crypto.js';
import type { DecodedJwt, Hasher, IssuerKeyResolver, KeyBindingPolicy, SignatureVerifier } from './types.js';
import { codeOf, messageOf } from '../errors/read-error.js';

/** Options for {@link verifySdJwt}. */
export interface VerifySdJwtOptions {
  /** The SD-JWT or SD-JWT+KB, compact. */
  compact: string;
  /** Finds the key that must have signed the Issuer-signed JWT (RFC 9901, section 7.1, step 2.3). */
  resolveIssuerKey: IssuerKeyResolver;
  /** The header `typ` values accepted; any by default. */
  typ?: readonly string[];
  /** Top-level claims that must be in the signed payload itself, never in a Disclosure. */
  undisclosableClaims?: readonly string[];
  /** What Key Binding must show; without it a KB-JWT is not required, and one that is there is checked but for nonce and audience. */
  kb?: KeyBindingPolicy;
  /** The clock, injectable so tests freeze time. */
  now?: Date;
  /** Allowed clock difference, seconds (60 by default). */
  clockSkewSeconds?: number;
  /** SHA-256; WebCrypto by default, `nodeSha256` from `default-crypto.ts` on a server. */
  hasher?: Hasher;
  /** Signature verification; WebCrypto by default, `nodeVerifySignature` from `default-crypto.ts` on a server. */
  verifySignature?: SignatureVerifier;
  /** Index in a presentation, stamped on every check. */
  credentialIndex?: number;
}

/** The outcome of verifying an SD-JWT: every check, and what could be read. */
export interface SdJwtVerification {
  verified: boolean;
  checks: VerificationCheck[];
  /** The Issuer-signed JWT header. */
  header?: Record<string, unknown>;
  /** The Issuer-signed JWT payload as signed (digests, not claims). */
  payload?: Record<string, unknown>;
  /** The processed payload: Disclosures applied, digests and `_sd_alg` removed (RFC 9901, section 7.1, step 3). */
  claims?: Record<string, unknown>;
  /** Dotted paths of the claims that came from Disclosures (array elements by their index in the signed array). */
  disclosedPaths: string[];
  /** The KB-JWT header and payload, when there is one. */
  kb?: { header: Record<string, unknown>; payload: Record<string, unknown> };
}

/** Every check an SD-JWT verification reports, in order. */
export const SD_JWT_CHECKS = ['format', 'signature', 'disclosures', 'validity', ...KEY_BINDING_CHECKS] as const;

/**
 * Verifies an SD-JWT or SD-JWT+KB as RFC 9901, sections 7.1 and 7.3 say: format, the issuer's
 * signature, the Disclosures, the validity claims (`nbf`, `iat`, `exp` of the processed payload)
 * and Key Binding. Every check is reported; a bad SD-JWT never throws.
 *
 * @example
 * const r = await verifySdJwt({ compact, resolveIssuerKey: async () => issuerJwk, kb: { aud, nonce } });
 * if (r.verified) r.claims
 */
export async function verifySdJwt(options: VerifySdJwtOptions): Promise<SdJwtVerification> {
  const list = new CheckList();
  const at: Partial<VerificationCheck> = options.credentialIndex === undefined ? {} : { credentialIndex: options.credentialIndex };
  const hasher = options.hasher ?? webCryptoSha256;
  const verifySignature = options.verifySignature ?? webCryptoVerifySignature;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const skewSeconds = options.clockSkewSeconds ?? 60;

  // 1. Format (RFC 9901, section 4 and 7.1 step 1; step 2.1 and 2.4 for alg and _sd_alg).
  let parts: SdJwtParts;
  let jwt: DecodedJwt;
  try {
    parts = splitSdJwt(options.compact);
    jwt = decodeJwt(parts.issuerJwt, 'ERR_SDJWT_MALFORMED');
  } catch (err: unknown) {
    list.fail('format', codeOf(err, 'ERR_SDJWT_MALFORMED'), messageOf(err), at);
    for (const check of SD_JWT_CHECKS.slice(1)) list.skip(check, 'the SD-JWT could not be decoded', at);
    return { verified: false, checks: list.checks, disclosedPaths: [] };
  }
  const { header, payload } = jwt;
  const alg = header['alg'];
  const formatProblem = checkFormat(header, payload, options.typ);
  if (formatProblem) list.fail('format', formatProblem.code, formatProblem.message, at);
  else list.pass('format', at);

  // Hash every Disclosure while the issuer key is looked up and the signature checked.
  const contents: (DisclosureContents | undefined)[] = [];
  const problems: Problem[] = [];
  for (const [i, d] of parts.disclosures.entries()) {
    try {
      contents.push(parseDisclosure(d));
    } catch (err: unknown) {
      contents.push(undefined);
      problems.push({ code: 'ERR_SDJWT_DISCLOSURE_INVALID', message: `Disclosure ${i}: ${messageOf(err)}` });
    }
  }
  const digests = digestsOf(parts.disclosures, hasher);

  // 2. Signature with the issuer's key (step 2.2, 2.3).
  if (isSupportedAlg(alg)) {
    const outcome = await checkSignature(options.resolveIssuerKey, verifySignature, alg, jwt);
    if (outcome) list.fail('signature', outcome.code, outcome.message, at);
    else list.pass('signature', at);
  } else {
    list.skip('signature', 'the algorithm is not accepted', at);
  }

  // 3. Disclosures (steps 3 to 5).
  let claims: Record<string, unknown> | undefined;
  const disclosedPaths: string[] = [];
  try {
    const digestList = Array.isArray(digests) ? digests : await digests;
    const processed = processDisclosures(
      payload,
      digestList.map((digest, i) => ({ digest, contents: contents[i] })),
    );
    claims = processed.claims;
    problems.push(...processed.problems);
    for (const [i, segments] of processed.paths.entries()) {
      if (!segments) continue;
      if (segments.length === 1 && options.undisclosableClaims?.includes(segments[0]!)) {
        problems.push({ code: 'ERR_SDJWT_DISCLOSURE_INVALID', message: `Disclosure ${i} discloses ${segments[0]!}, which may not be selectively disclosable` });
      }
      disclosedPaths.push(segments.join('.'));
    }
  } catch (err: unknown) {
    // Only a pathological payload (nesting deep enough to exhaust the stack) gets here.
    problems.push({ code: 'ERR_SDJWT_MALFORMED', message: `the payload could not be processed (${messageOf(err)})` });
  }
  if (problems.length === 0) list.pass('disclosures', at);
  for (const [code, messages] of groupByCode(problems)) list.fail('disclosures', code, messages.join('; '), at);

  // 4. Validity of the processed payload (step 6).
  const validity = checkValidity(claims ?? payload, nowSeconds, skewSeconds);
  if (validity) list.fail('validity', validity.code, validity.message, at);
  else list.pass('validity', at);

  // 5. Key Binding (RFC 9901, section 7.3).
  const kb = await checkKeyBinding(
    { kbJwt: parts.kbJwt, sdJwt: parts.sdJwt, claims, policy: options.kb, nowSeconds, skewSeconds, hasher, verifySignature, at },
    list,
  );

  return {
    verified: list.ok,
    checks: list.checks,
    header,
    payload,
    ...(claims ? { claims } : {}),
    disclosedPaths,
    ...(kb ? { kb } : {}),
  };
}

function checkFormat(header: Record<string, unknown>, payload: Record<string, unknown>, typ: readonly string[] | undefined): Problem | undefined {
  const alg = header['alg'];
  // RFC 9901, section 7.1, step 2.1: none is never accepted; we accept what we sign with.
  if (!isSupportedAlg(alg)) return { code: 'ERR_VC_ALG_UNSUPPORTED', message: `alg ${String(alg)} is not accepted (EdDSA, ES256)` };
  if (typ && !typ.includes(header['typ'] as string)) return { code: 'ERR_SDJWT_MALFORMED', message: `typ ${String(header['typ'])} is not ${typ.join(' or ')}` };
  if (header['crit'] !== undefined) return { code: 'ERR_SDJWT_MALFORMED', message: 'no critical header parameters are understood' };
  try {
    assertSha256(payload);
  } catch (err: unknown) {
    return { code: codeOf(err, 'ERR_VC_ALG_UNSUPPORTED'), message: messageOf(err) };
  }
  return undefined;
}

async function checkSignature(
  resolveIssuerKey: IssuerKeyResolver,
  verifySignature: SignatureVerifier,
  alg: SupportedAlg,
  jwt: DecodedJwt,
): Promise<Problem | undefined> {
  const { header, payload } = jwt;
  let key;
  try {
    key = await resolveIssuerKey({
      iss: typeof payload['iss'] === 'string' ? payload['iss'] : undefined,
      kid: typeof header['kid'] === 'string' ? header['kid'] : undefined,
      alg,
      header,
      payload,
    });
  } catch (err: unknown) {
    return { code: codeOf(err, 'ERR_VC_KEY_NOT_FOUND'), message: messageOf(err) };
  }
  const dot = jwt.encoded.lastIndexOf('.');
  try {
    // Strict first: base64url decoders ignore spare bits, and a signature has one encoding only.
    decodeBase64url(jwt.encoded.slice(dot + 1));
    if (await verifySignature(alg, key, jwt.encoded.slice(0, dot), jwt.encoded.slice(dot + 1))) return undefined;
  } catch {
    // A key that cannot verify this algorithm is a signature that does not verify.
  }
  return { code: 'ERR_VC_SIGNATURE_INVALID', message: 'the Issuer-signed JWT signature does not verify' };
}

function checkValidity(claims: Record<string, unknown>, now: number, skew: number): Problem | undefined {
  const { iat, nbf, exp } = claims;
  for (const [name, value] of [['iat', iat], ['nbf', nbf], ['exp', exp]] as const) {
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
      return { code: 'ERR_SDJWT_MALFORMED', message: `${name} is not a NumericDate` };
    }
  }
  if (typeof exp === 'number' && exp + skew <= now) return { code: 'ERR_VC_EXPIRED', message: `expired at ${isoOf(exp)}` };
  if (typeof nbf === 'number' && nbf - skew > now) return { code: 'ERR_VC_NOT_YET_VALID', message: `not valid before ${isoOf(nbf)}` };
  if (typeof iat === 'number' && iat - skew > now) return { code: 'ERR_VC_NOT_YET_VALID', message: `issued in the future (${isoOf(iat)})` };
  return undefined;
}

function isoOf(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString();
}

function groupByCode(problems: readonly Problem[]): Map<ErrorCode, string[]> {
  const groups = new Map<ErrorCode, string[]>();
  for (const p of problems) groups.set(p.code, [...(groups.get(p.code) ?? []), p.message]);
  return groups;
}

