/**
 * The specifications' own examples (test/vectors, from shared/vectors: oauth-wg/oauth-selective-disclosure-jwt
 * examples/ for RFC 9901, oauth-wg/oauth-sd-jwt-vc examples/ for SD-JWT VC), run as data: decoding
 * (RFC 9901, section 4), the digest of every Disclosure (section 4.2.3), processing to
 * verified_contents.json (section 7.1), the KB-JWT of the presentation (sections 4.3 and 7.3), and
 * our own presentation of the issued SD-JWT choosing what the example's holder chose (section 7.2).
 * The ES256 signatures differ from the printed ones but verify with the keys of settings.yml.
 */
import { describe, expect, it } from '@jest/globals';
import type { JWK } from 'jose';
import {
  createNodeJwsSigner,
  decodeSdJwt,
  nodeSdJwtCrypto,
  presentSdJwt,
  verifySdJwt,
  verifySdJwtVc,
  type Hasher,
  type SignatureVerifier,
} from '../../src/sd-jwt/index.js';
import { disclosuresOf, failedCodes, publicOf, readVector, settingsKey, settingsValue, vectorNames } from './fixtures.js';

interface VectorCase {
  folder: 'sd-jwt' | 'sd-jwt-vc';
  name: string;
  /** Where the example is in its specification. */
  cite: string;
  /** What the example's holder discloses (holder_disclosed_claims of specification.yml), as our paths. */
  disclose: string[];
}

const CASES: VectorCase[] = [
  { folder: 'sd-jwt', name: 'simple', cite: 'RFC 9901, section 5', disclose: ['given_name', 'family_name', 'address', 'nationalities.0'] },
  { folder: 'sd-jwt', name: 'simple_structured', cite: 'RFC 9901, appendix A.1 (with decoy digests)', disclose: ['address.region', 'address.country'] },
  {
    folder: 'sd-jwt',
    name: 'complex_ekyc',
    cite: 'RFC 9901, appendix A.2 (recursive, array elements)',
    disclose: [
      'verified_claims.verification.time',
      'verified_claims.verification.evidence.0.method',
      'verified_claims.claims.given_name',
      'verified_claims.claims.family_name',
      'verified_claims.claims.address',
    ],
  },
  { folder: 'sd-jwt', name: 'w3c-vc', cite: 'RFC 9901, appendix A.4', disclose: ['is_over_18', 'given_name'] },
  { folder: 'sd-jwt-vc', name: '01', cite: 'SD-JWT VC, section 3.3 and the presentation example', disclose: ['address', 'is_over_65'] },
  { folder: 'sd-jwt-vc', name: '02', cite: 'SD-JWT VC example 01 without Key Binding', disclose: ['address', 'is_over_65'] },
  { folder: 'sd-jwt-vc', name: '03-pid', cite: 'SD-JWT VC, a PID with recursive Disclosures', disclose: ['nationalities', 'age_equal_or_over.18'] },
];

const CRYPTO: [string, { hasher?: Hasher; verifySignature?: SignatureVerifier }][] = [
  ['WebCrypto and jose (the defaults, as in a browser)', {}],
  ['node:crypto', { hasher: nodeSdJwtCrypto.hasher, verifySignature: nodeSdJwtCrypto.verifySignature }],
];

it('covers every example folder of test/vectors', () => {
  const covered = CASES.map((c) => `${c.folder}/${c.name}`).sort();
  expect([...vectorNames('sd-jwt').map((n) => `sd-jwt/${n}`), ...vectorNames('sd-jwt-vc').map((n) => `sd-jwt-vc/${n}`)].sort()).toEqual(covered);
});

describe.each(CASES)('$folder/$name ($cite)', ({ folder, name, disclose }) => {
  const vector = readVector(folder, name);
  const issuance = vector.compact('sd_jwt_issuance.txt')!;
  const presentation = vector.compact('sd_jwt_presentation.txt')!;
  const issuerKey = publicOf(settingsKey(folder, 'issuer'));
  const holderKey = settingsKey(folder, 'holder');
  const aud = settingsValue(folder, 'verifier');
  const nonce = settingsValue(folder, 'key_binding_nonce');
  const kbPayload = vector.file('kb_jwt_payload.json') ? vector.json<{ iat: number }>('kb_jwt_payload.json') : undefined;
  // The examples were made at the KB-JWT's iat; verify at that instant.
  const now = new Date((kbPayload?.iat ?? 1795282922) * 1000);
  const verify = (compact: string, options: { hasher?: Hasher; verifySignature?: SignatureVerifier; kb?: { aud: string; nonce: string } } = {}) => {
    const common = { compact, resolveIssuerKey: async (): Promise<JWK> => issuerKey, now, ...options };
    return folder === 'sd-jwt-vc' ? verifySdJwtVc(common) : verifySdJwt(common);
  };

  it('decodes the issued SD-JWT: the Issuer-signed JWT payload is sd_jwt_payload.json (section 4.1)', async () => {
    const decoded = await decodeSdJwt(issuance, { hasher: nodeSdJwtCrypto.hasher });
    expect(decoded.jwt.payload).toEqual(vector.json('sd_jwt_payload.json'));
    expect(`${decoded.jwt.encoded}`).toBe(vector.compact('sd_jwt_jws_part.txt'));
    expect(decoded.kbJwt).toBeUndefined();
  });

  it.each(CRYPTO)('computes the digest of every Disclosure of disclosures.md (section 4.2.3) with %s', async (_, crypto) => {
    const expected = disclosuresOf(vector.file('disclosures.md')!);
    expect(expected.length).toBeGreaterThan(0);
    const decoded = await decodeSdJwt(issuance, crypto.hasher ? { hasher: crypto.hasher } : {});
    expect(decoded.disclosures.map((d) => ({ digest: d.digest, disclosure: d.encoded }))).toEqual(expected);
  });

  it.each(CRYPTO)('verifies the example presentation and processes it to verified_contents.json (sections 7.1, 7.3) with %s', async (_, crypto) => {
    const result = await verify(presentation, { ...crypto, ...(kbPayload ? { kb: { aud, nonce } } : {}) });
    expect(failedCodes(result)).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.claims).toEqual(vector.json('verified_contents.json'));
    if (kbPayload) {
      expect(result.kb?.header).toEqual(vector.json('kb_jwt_header.json'));
      expect(result.kb?.payload).toEqual(kbPayload);
      expect(result.checks.filter((c) => c.check.startsWith('key-binding')).map((c) => c.outcome)).toEqual(['passed', 'passed', 'passed', 'passed', 'passed']);
    }
  });

  it('processes the issued SD-JWT with all its Disclosures to the user claims (section 7.1)', async () => {
    const result = await verify(issuance, nodeSdJwtCrypto);
    expect(failedCodes(result)).toEqual([]);
    const userClaims = vector.json('user_claims.json');
    const envelope = Object.fromEntries(Object.entries(result.payload!).filter(([k]) => !['_sd', '_sd_alg'].includes(k) && !(k in userClaims)));
    expect(result.claims).toEqual({ ...envelope, ...userClaims });
  });

  it('presents what the example holder chose: the same Disclosures as sd_jwt_presentation.txt (section 7.2)', async () => {
    const ours = await presentSdJwt({ sdJwt: issuance, disclose, hasher: nodeSdJwtCrypto.hasher });
    const disclosuresOfCompact = (c: string): string[] => c.split('~').slice(1, -1).sort();
    const theirs = kbPayload ? presentation.slice(0, presentation.lastIndexOf('~') + 1) : presentation;
    expect(disclosuresOfCompact(ours)).toEqual(disclosuresOfCompact(theirs));
    const result = await verify(ours, nodeSdJwtCrypto);
    expect(result.claims).toEqual(vector.json('verified_contents.json'));
  });

  if (kbPayload) {
    it('binds our own presentation with the holder key of settings.yml (section 4.3)', async () => {
      const signer = createNodeJwsSigner({ privateKey: holderKey, kid: 'holder' });
      const ours = await presentSdJwt({ sdJwt: issuance, disclose, kb: { aud, nonce, signer }, now, hasher: nodeSdJwtCrypto.hasher });
      const result = await verify(ours, { ...nodeSdJwtCrypto, kb: { aud, nonce } });
      expect(failedCodes(result)).toEqual([]);
      expect(result.kb?.header).toEqual({ alg: 'ES256', typ: 'kb+jwt' });
    });

    it('refuses the example presentation for another verifier or transaction (section 7.3, step 5.6)', async () => {
      const result = await verify(presentation, { ...nodeSdJwtCrypto, kb: { aud: 'https://other.example.org', nonce: 'another-nonce' } });
      expect(result.verified).toBe(false);
      expect(failedCodes(result)).toEqual(['ERR_SDJWT_KB_NONCE_MISMATCH', 'ERR_SDJWT_KB_AUDIENCE_MISMATCH']);
    });
  }
});
