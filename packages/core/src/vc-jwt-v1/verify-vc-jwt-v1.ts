import type { Resolvable } from 'did-resolver';
import { VC_CONTEXT_V1, findCatalogueTypes } from '@staff-passport/schemas';
import { decodeCompactJws, isObject } from '../jose/compact-jws.js';
import { findVerificationKey } from '../jose/find-verification-key.js';
import { isSupportedAlg, type SupportedAlg } from '../jose/jws-signer.js';
import { checkCredentialSchema, checkValidityWindow } from '../verification/check-credential-claims.js';
import { CheckList, type CredentialVerification } from '../verification/verification-result.js';
import { credentialFromClaims } from './lib/credential-from-claims.js';
import { issuerIdOf } from '../lib/issuer-id.js';
import { verifyJwsSignature } from '../jose/lib/verify-jws-signature.js';
import { codeOf, messageOf } from '../errors/read-error.js';

/** Options for {@link verifyVcJwtV1}. */
export interface VerifyVcJwtV1Options {
  /** The VC Data Model 1.1 JWT (`jwt_vc_json`). */
  jwt: string;
  resolver: Resolvable;
  /** The clock, injectable so tests freeze time. */
  now?: Date;
  /** Allowed clock difference, seconds. */
  clockSkewSeconds?: number;
  /** Index in a presentation, stamped on every check. */
  credentialIndex?: number;
}

/**
 * Verifies a VC Data Model 1.1 JWT (section 6.3.1) with the same checks, names and codes as
 * `verifyVcJose`: `format` (a JWS with an accepted alg, `typ` JWT if any, a `vc` claim in 1.1
 * form, registered claims that agree with it), `issuer` (`iss` a DID), `signature` (the key `kid` names, or the only
 * key the issuer's DID document lists for assertions when there is no `kid`), `validity` (`nbf`/`exp`, with a clock
 * skew) and `schema`. The result carries the credential rebuilt from the JWT (`jti`, `iss`,
 * `nbf`, `exp`, `sub` back in their properties). Never throws for a bad credential.
 *
 * @example
 * const r = await verifyVcJwtV1({ jwt, resolver: createDidResolver() });
 * r.credential?.['issuanceDate'] // from nbf
 */
export async function verifyVcJwtV1(options: VerifyVcJwtV1Options): Promise<CredentialVerification> {
  const list = new CheckList();
  const at = options.credentialIndex === undefined ? {} : { credentialIndex: options.credentialIndex };
  const now = options.now ?? new Date();
  const skewMs = (options.clockSkewSeconds ?? 60) * 1000;

  // 1. Format: a compact JWS whose payload has a `vc` claim in VC Data Model 1.1 form.
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    ({ header, payload } = decodeCompactJws(options.jwt, 'ERR_VC_MALFORMED'));
  } catch (err: unknown) {
    list.fail('format', codeOf(err, 'ERR_VC_MALFORMED'), messageOf(err), at);
    return { verified: false, checks: list.checks };
  }
  if (!isSupportedAlg(header['alg'])) {
    list.fail('format', 'ERR_VC_ALG_UNSUPPORTED', `alg ${String(header['alg'])} is not accepted (EdDSA, ES256)`, at);
    return { verified: false, checks: list.checks };
  }
  const alg: SupportedAlg = header['alg'];
  const { document: credential, problems } = credentialFromClaims(payload);
  const context = credential['@context'];
  const types = Array.isArray(credential['type']) ? credential['type'] : [credential['type']];
  if (header['typ'] !== undefined && header['typ'] !== 'JWT') {
    list.fail('format', 'ERR_VC_MALFORMED', `typ ${String(header['typ'])} is not JWT`, at);
  } else if (!isObject(payload['vc']) || !Array.isArray(context) || context[0] !== VC_CONTEXT_V1 || !types.includes('VerifiableCredential')) {
    list.fail('format', 'ERR_VC_MALFORMED', 'no vc claim holding a VC Data Model 1.1 credential', at);
  } else if (credential['issuanceDate'] === undefined) {
    list.fail('format', 'ERR_VC_MALFORMED', 'no issuanceDate (nbf)', at);
  } else if (problems.length > 0) {
    list.fail('format', 'ERR_VC_MALFORMED', problems.join('; '), at);
  } else {
    list.pass('format', at);
  }

  // 2. Issuer: `iss` (or the credential's issuer) is a DID, and the header names its key.
  const issuer = typeof payload['iss'] === 'string' ? payload['iss'] : issuerIdOf(credential['issuer']);
  const kid = typeof header['kid'] === 'string' ? header['kid'] : undefined;
  if (!issuer?.startsWith('did:')) list.fail('issuer', 'ERR_VC_ISSUER_INVALID', 'issuer must be a DID', at);
  else list.pass('issuer', at);

  // 3. Signature, with the key the issuer's DID document lists for assertions: the one `kid`
  // names, or without `kid` (did-jwt-vc's and Veramo's default) the only one it lists.
  if (issuer?.startsWith('did:')) {
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

  // 4. Validity window: issuanceDate (nbf) to expirationDate (exp).
  checkValidityWindow(list, { from: credential['issuanceDate'], until: credential['expirationDate'], fromName: 'issuanceDate', untilName: 'expirationDate' }, now, skewMs, at);

  // 5. Schema: the catalogue schema the credential names (our schemas take the 1.1 envelope).
  checkCredentialSchema(list, credential, at);

  return {
    verified: list.ok,
    checks: list.checks,
    credential,
    ...(issuer ? { issuer } : {}),
    types: findCatalogueTypes(credential['type']).map((d) => d.type),
  };
}
