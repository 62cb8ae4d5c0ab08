import type { Resolvable } from 'did-resolver';
import { findCatalogueTypes } from '@staff-passport/schemas';
import { checkCredentialSchema, checkValidityWindow } from '../verification/check-credential-claims.js';
import { CheckList, type CredentialVerification } from '../verification/verification-result.js';
import { decodeCompactJws } from './compact-jws.js';
import { findVerificationKey } from './find-verification-key.js';
import { isSupportedAlg, type SupportedAlg } from './jws-signer.js';
import { verifyJwsSignature } from './lib/verify-jws-signature.js';
import { issuerIdOf } from '../lib/issuer-id.js';
import { codeOf, messageOf } from '../errors/read-error.js';

/** Options for {@link verifyVcJose}. */
export interface VerifyVcJoseOptions {
  /** The VC-JOSE compact JWT. */
  jwt: string;
  resolver: Resolvable;
  /** The clock, injectable so tests freeze time. */
  now?: Date;
  /** Allowed clock difference, seconds. */
  clockSkewSeconds?: number;
  /** Index in a presentation, stamped on every check. */
  credentialIndex?: number;
}

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';

/**
 * Verifies a VC-JOSE credential: format, issuer and key, signature, validity window and schema.
 * Every check is reported; a bad credential never throws.
 *
 * @example
 * const r = await verifyVcJose({ jwt, resolver });
 * if (!r.verified) r.checks.filter((c) => c.outcome === 'failed').map((c) => c.code)
 */
export async function verifyVcJose(options: VerifyVcJoseOptions): Promise<CredentialVerification> {
  const list = new CheckList();
  const at = { ...(options.credentialIndex === undefined ? {} : { credentialIndex: options.credentialIndex }) };
  const now = options.now ?? new Date();
  const skewMs = (options.clockSkewSeconds ?? 60) * 1000;

  // 1. Format: a compact JWS of a VC Data Model 2.0 credential with an algorithm we accept.
  let header: Record<string, unknown>;
  let credential: Record<string, unknown>;
  try {
    ({ header, payload: credential } = decodeCompactJws(options.jwt, 'ERR_VC_MALFORMED'));
  } catch (err: unknown) {
    list.fail('format', codeOf(err, 'ERR_VC_MALFORMED'), messageOf(err), at);
    return { verified: false, checks: list.checks };
  }
  const context = credential['@context'];
  const types = Array.isArray(credential['type']) ? credential['type'] : [credential['type']];
  if (!isSupportedAlg(header['alg'])) {
    list.fail('format', 'ERR_VC_ALG_UNSUPPORTED', `alg ${String(header['alg'])} is not accepted (EdDSA, ES256)`, at);
    return { verified: false, checks: list.checks, credential };
  }
  if (header['typ'] !== undefined && header['typ'] !== 'vc+jwt') {
    list.fail('format', 'ERR_VC_MALFORMED', `typ ${String(header['typ'])} is not vc+jwt`, at);
  } else if (!Array.isArray(context) || context[0] !== VC_V2 || !types.includes('VerifiableCredential')) {
    list.fail('format', 'ERR_VC_MALFORMED', 'not a VC Data Model 2.0 credential', at);
  } else {
    list.pass('format', at);
  }
  const alg: SupportedAlg = header['alg'];

  // 2. Issuer: a DID whose key signed it.
  const issuer = issuerIdOf(credential['issuer']);
  const kid = typeof header['kid'] === 'string' ? header['kid'] : undefined;
  if (!issuer || !issuer.startsWith('did:')) {
    list.fail('issuer', 'ERR_VC_ISSUER_INVALID', 'issuer must be a DID', at);
  } else {
    list.pass('issuer', at);
  }

  // 3. Signature, with the key the issuer's DID document lists for assertions (the one it lists,
  // when the header names none).
  if (issuer && issuer.startsWith('did:')) {
    try {
      const { key } = await findVerificationKey(options.resolver, issuer, kid, alg, 'assertionMethod', 'ERR_VC_KEY_NOT_FOUND');
      try {
        await verifyJwsSignature(options.jwt, header, key, alg);
        list.pass('signature', at);
      } catch (cause: unknown) {
        list.fail('signature', 'ERR_VC_SIGNATURE_INVALID', `the signature does not verify (${messageOf(cause)})`, at);
      }
    } catch (err: unknown) {
      list.fail('signature', codeOf(err, 'ERR_DID_UNRESOLVABLE'), messageOf(err), at);
    }
  } else {
    list.skip('signature', 'no issuer key to check against', at);
  }

  // 4. Validity window (VC Data Model 2.0, section 4.9), with a clock skew; 5. schema (section 4.11).
  checkValidityWindow(list, { from: credential['validFrom'], until: credential['validUntil'], fromName: 'validFrom', untilName: 'validUntil' }, now, skewMs, at);
  checkCredentialSchema(list, credential, at);

  return {
    verified: list.ok,
    checks: list.checks,
    credential,
    ...(issuer ? { issuer } : {}),
    types: findCatalogueTypes(credential['type']).map((d) => d.type),
  };
}
