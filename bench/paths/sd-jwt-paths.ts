/**
 * `issue-sdjwt` and `verify-sdjwt`: an SD-JWT VC with 10 disclosable claims, issued and verified
 * with our core functions and node:crypto, against `@sd-jwt/sd-jwt-vc` used as its README shows
 * (`SDJwtVcInstance` with `@sd-jwt/crypto-nodejs` ES256, `digest` and `generateSalt`). Both sides
 * sign ES256, the algorithm of the library's README, so the ratio compares plumbing, not curves.
 */
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { createNodeJwsSigner, issueSdJwtVc, nodeSdJwtCrypto, verifySdJwtVc, type PublicKeyInput } from '@staff-passport/core';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { ES256, digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { compare, measure, type PathResult } from '../measure.js';

const ISSUER = 'https://issuer.bench.example';
const VCT = 'https://staff-passport.example/vct/TrainingRecord';
/** Ten claims, each selectively disclosable. */
const CLAIMS: Record<string, string> = {
  given_name: 'Alex',
  family_name: 'Morgan',
  staff_number: '12345678',
  subject: 'fire_safety',
  level: '1',
  completed_on: '2026-09-01',
  provider: 'Bench NHS Trust',
  framework_version: '1.2',
  expires_on: '2028-09-01',
  assessment: 'e-learning',
};
const DISCLOSABLE = Object.keys(CLAIMS);

/** Runs both paths and their library baselines. */
export async function benchSdJwtPaths(durationMs: number): Promise<PathResult[]> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const privateJwk = privateKey.export({ format: 'jwk' });
  const publicJwk = publicKey.export({ format: 'jwk' });
  const signer = createNodeJwsSigner({ privateKey: createPrivateKey({ key: privateJwk, format: 'jwk' }), kid: `${ISSUER}#key-1` });
  const holderJwk = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  const iat = Math.floor(Date.now() / 1000);
  const claims = { iss: ISSUER, vct: VCT, iat, ...CLAIMS };
  const issueOurs = (): Promise<string> => issueSdJwtVc({ claims, disclosable: DISCLOSABLE, cnf: { jwk: holderJwk }, signer, ...nodeSdJwtCrypto });

  const library = new SDJwtVcInstance({
    signer: await ES256.getSigner(privateJwk),
    verifier: await ES256.getVerifier(publicJwk),
    signAlg: ES256.alg,
    hasher: digest,
    hashAlg: 'sha-256',
    saltGenerator: generateSalt,
  });
  const issueLibrary = (): Promise<string> => library.issue({ ...claims, cnf: { jwk: holderJwk } }, { _sd: DISCLOSABLE as never });

  const issue = await measure('issue-sdjwt', durationMs, issueOurs);
  const issueLib = await measure('sd-jwt-vc-issue', durationMs, issueLibrary);
  compare(issue, issueLib);

  const ours = await issueOurs();
  const verifyOurs = async (): Promise<void> => {
    const r = await verifySdJwtVc({ compact: ours, resolveIssuerKey: () => Promise.resolve(publicJwk as PublicKeyInput), ...nodeSdJwtCrypto });
    if (!r.verified) throw new Error(`the bench SD-JWT VC does not verify: ${JSON.stringify(r.checks.filter((c) => c.outcome === 'failed'))}`);
  };
  await verifyOurs();
  const verifyPath = await measure('verify-sdjwt', durationMs, verifyOurs);
  const libraryCredential = await issueLibrary();
  const verifyLib = await measure('sd-jwt-vc-verify', durationMs, () => library.verify(libraryCredential));
  compare(verifyPath, verifyLib);
  issue.detail = { disclosableClaims: DISCLOSABLE.length, alg: 'ES256', target: '>= 2 x sd-jwt-vc-issue' };
  verifyPath.detail = { disclosableClaims: DISCLOSABLE.length, alg: 'ES256', target: '>= 2 x sd-jwt-vc-verify' };
  return [issue, verifyPath, issueLib, verifyLib];
}
