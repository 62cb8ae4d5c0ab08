import { PassportError } from '@staff-passport/core';
import { VC_CONTEXT_V1, VC_CONTEXT_V2 } from '@staff-passport/schemas';

/**
 * A VC Data Model 1.1 credential given to be issued (its `@context` starts with the 1.1 context, as
 * the W3C VC API issuer test suite sends them) in its 2.0 form: the 2.0 context first,
 * `issuanceDate` as `validFrom`, `expirationDate` as `validUntil` (VC Data Model 2.0, appendix
 * A.7 / section 4.9); the issuer issues 2.0 and gives 1.1 back only as `jwt_vc_json`. Any other
 * credential is answered as it is.
 *
 * @throws PassportError `ERR_VCDM_VALIDITY_INVALID` when a 1.1 credential also names the 2.0 dates.
 */
export function upgradeVcDm11(credential: Record<string, unknown>): Record<string, unknown> {
  const context = credential['@context'];
  if (!Array.isArray(context) || context[0] !== VC_CONTEXT_V1) return credential;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(credential)) {
    if (key === '@context') out[key] = [VC_CONTEXT_V2, ...context.slice(1).filter((c) => c !== VC_CONTEXT_V2)];
    else if (key === 'issuanceDate' || key === 'expirationDate') {
      const renamed = key === 'issuanceDate' ? 'validFrom' : 'validUntil';
      if (credential[renamed] !== undefined) {
        throw new PassportError('ERR_VCDM_VALIDITY_INVALID', `a VC Data Model 1.1 credential has ${key}, not ${renamed}: give one of them`, { field: `credential.${renamed}` });
      }
      out[renamed] = value;
    } else out[key] = value;
  }
  return out;
}
