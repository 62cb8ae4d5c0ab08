import { base64url, compactVerify, importJWK, type JWK } from 'jose';
import { PassportError } from '../errors/passport-error.js';
import { isObject } from '../lib/is-object.js';
import { isSupportedAlg } from '../jose/jws-signer.js';
import { CheckList, type VerificationCheck } from '../verification/verification-result.js';
import { algForJwk } from './lib/registry-key-alg.js';
import { TRUST_REGISTRY_JWT_TYP, type TrustRegistry } from './trust-registry-model.js';
import { validateTrustRegistry } from './validate-trust-registry.js';
import { messageOf } from '../errors/read-error.js';

/** Options for {@link verifyTrustRegistry}. */
export interface VerifyTrustRegistryOptions {
  /** The signed registry, a compact JWS. */
  jws: string;
  /**
   * The public keys this verifier trusts registries from, each with a `kid` (configuration, not
   * something the registry can say about itself).
   */
  trustedKeys: readonly JWK[];
  /** The clock, injectable so tests freeze time. */
  now?: Date;
  /** Allowed clock difference, seconds. */
  clockSkewSeconds?: number;
  /** The newest version already seen: an older edition is refused (a rollback). */
  minVersion?: number;
}

/** The outcome of verifying a signed registry: every check, and the registry when verified. */
export interface TrustRegistryVerification {
  verified: boolean;
  checks: VerificationCheck[];
  /** Set only when every check passed. */
  registry?: TrustRegistry;
  /** The `kid` of the trusted key that verified the signature. */
  kid?: string;
}

const decoder = new TextDecoder();

function decodeJson(part: string): unknown {
  return JSON.parse(decoder.decode(base64url.decode(part))) as unknown;
}

/** Trusted keys are configuration: a key we could never verify with is a mistake to report now. */
function checkTrustedKeys(keys: readonly JWK[]): void {
  if (!Array.isArray(keys)) throw new PassportError('ERR_CONFIG_INVALID', 'trustedKeys must be an array of public JWKs', { field: 'trustedKeys' });
  keys.forEach((k, i) => {
    if (!isObject(k) || typeof k.kid !== 'string' || k.kid === '') {
      throw new PassportError('ERR_CONFIG_INVALID', `trusted key ${i} has no kid`, { field: `trustedKeys.${i}.kid` });
    }
    if (!algForJwk(k)) {
      throw new PassportError('ERR_CONFIG_INVALID', `trusted key ${k.kid} is not an Ed25519 or P-256 public key`, { field: `trustedKeys.${i}.kty` });
    }
  });
}

/**
 * Verifies a signed trust registry against the keys this verifier is configured to trust:
 * format and explicit type, signature (by `kid`, with the algorithm the trusted key's type fixes:
 * `none`, HMAC and anything else are refused), the document's fields, its validity window and,
 * optionally, that it is not older than one already seen. Every check is reported; a bad
 * registry never throws.
 *
 * @throws PassportError `ERR_CONFIG_INVALID` only for bad configuration: a trusted key without a
 *   `kid` or not an Ed25519 or P-256 key.
 * @example
 * const r = await verifyTrustRegistry({ jws, trustedKeys: [operatorPublicJwk] });
 * if (r.verified) checkIssuerTrust(r.registry!, { issuerDid, credentialType: 'TrainingRecord', at: new Date() });
 */
export async function verifyTrustRegistry(options: VerifyTrustRegistryOptions): Promise<TrustRegistryVerification> {
  checkTrustedKeys(options.trustedKeys);
  const list = new CheckList();
  const now = options.now ?? new Date();
  const skewMs = (options.clockSkewSeconds ?? 60) * 1000;

  // 1. Format: a compact JWS of JSON objects, explicitly typed (RFC 8725, section 3.11).
  const parts = typeof options.jws === 'string' ? options.jws.trim().split('.') : [];
  let header: Record<string, unknown>;
  let payload: unknown;
  try {
    if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) throw new Error('not a compact JWS (three base64url parts)');
    const h = decodeJson(parts[0]!);
    if (!isObject(h)) throw new Error('the JWS header is not a JSON object');
    header = h;
    payload = decodeJson(parts[1]!);
  } catch (err: unknown) {
    list.fail('trustRegistry.format', 'ERR_TRUST_REGISTRY_INVALID', messageOf(err));
    return { verified: false, checks: list.checks };
  }
  if (header['typ'] !== TRUST_REGISTRY_JWT_TYP) {
    list.fail('trustRegistry.format', 'ERR_TRUST_REGISTRY_INVALID', `typ ${String(header['typ'])} is not ${TRUST_REGISTRY_JWT_TYP}`);
  } else {
    list.pass('trustRegistry.format');
  }

  // 2. Signature, by a trusted key chosen by kid; the key's type fixes the algorithm, so a header
  //    cannot talk the verifier into `none` or into HMAC with a public key as the secret.
  const alg = header['alg'];
  const kid = typeof header['kid'] === 'string' ? header['kid'] : undefined;
  const key = kid === undefined ? undefined : options.trustedKeys.find((k) => k.kid === kid);
  let verifiedKid: string | undefined;
  if (!isSupportedAlg(alg)) {
    list.fail('trustRegistry.signature', 'ERR_TRUST_REGISTRY_SIGNATURE_INVALID', `alg ${String(alg)} is not accepted (EdDSA, ES256)`);
  } else if (kid === undefined) {
    list.fail('trustRegistry.signature', 'ERR_TRUST_REGISTRY_SIGNATURE_INVALID', 'the JWS header names no key (kid)');
  } else if (!key) {
    list.fail('trustRegistry.signature', 'ERR_TRUST_REGISTRY_SIGNATURE_INVALID', `no trusted key has kid ${kid}`);
  } else if (algForJwk(key) !== alg || (key.alg !== undefined && key.alg !== alg)) {
    list.fail('trustRegistry.signature', 'ERR_TRUST_REGISTRY_SIGNATURE_INVALID', `the trusted key ${kid} does not sign ${alg}`);
  } else {
    try {
      const { kty, crv, x, y } = key;
      const publicKey = await importJWK({ kty, crv, x, ...(y === undefined ? {} : { y }) } as JWK, alg);
      await compactVerify(options.jws.trim(), publicKey, { algorithms: [alg] });
      verifiedKid = kid;
      list.pass('trustRegistry.signature');
    } catch (cause: unknown) {
      list.fail('trustRegistry.signature', 'ERR_TRUST_REGISTRY_SIGNATURE_INVALID', `the signature does not verify with trusted key ${kid} (${messageOf(cause)})`);
    }
  }

  // 3. The document, field by field.
  const issues = validateTrustRegistry(payload);
  if (issues.length > 0) {
    list.fail('trustRegistry.document', 'ERR_TRUST_REGISTRY_INVALID', `the registry has ${issues.length} problem${issues.length === 1 ? '' : 's'}, first ${issues[0]!.path || 'document'} ${issues[0]!.message}`, { issues });
  } else {
    list.pass('trustRegistry.document');
  }
  const doc = isObject(payload) ? payload : {};

  // 4. Validity window of this edition, with a clock skew.
  const issuedAt = typeof doc['issuedAt'] === 'string' ? Date.parse(doc['issuedAt']) : NaN;
  const validUntil = typeof doc['validUntil'] === 'string' ? Date.parse(doc['validUntil']) : NaN;
  if (Number.isNaN(issuedAt) || Number.isNaN(validUntil)) {
    list.skip('trustRegistry.validity', 'the registry has no readable issuedAt and validUntil');
  } else if (issuedAt - skewMs > now.getTime()) {
    list.fail('trustRegistry.validity', 'ERR_TRUST_REGISTRY_INVALID', `issued in the future (${String(doc['issuedAt'])})`);
  } else if (validUntil + skewMs <= now.getTime()) {
    list.fail('trustRegistry.validity', 'ERR_TRUST_REGISTRY_EXPIRED', `expired at ${String(doc['validUntil'])}`);
  } else {
    list.pass('trustRegistry.validity');
  }

  // 5. No rollback to an older edition than one already seen.
  if (options.minVersion !== undefined) {
    const version = doc['version'];
    if (typeof version !== 'number') list.skip('trustRegistry.version', 'the registry has no version');
    else if (version < options.minVersion) {
      list.fail('trustRegistry.version', 'ERR_TRUST_REGISTRY_INVALID', `version ${version} is older than version ${options.minVersion} already seen`);
    } else list.pass('trustRegistry.version');
  }

  const verified = list.ok;
  return {
    verified,
    checks: list.checks,
    ...(verified ? { registry: payload as TrustRegistry } : {}),
    ...(verifiedKid === undefined ? {} : { kid: verifiedKid }),
  };
}
