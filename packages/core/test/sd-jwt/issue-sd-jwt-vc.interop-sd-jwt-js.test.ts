/**
 * Interoperability with the OpenWallet Foundation's sd-jwt-js (`@sd-jwt/sd-jwt-vc` with
 * `@sd-jwt/crypto-nodejs`), both ways: what we issue and present verifies and presents with their
 * library, and what they issue and present verifies and presents with ours. ES256 uses their own
 * crypto; EdDSA (which crypto-nodejs lacks) wraps node:crypto.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { ES256, digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { issueSdJwtVc, nodeSdJwtCrypto, presentSdJwt, verifySdJwtVc } from '../../src/sd-jwt/index.js';
import { failedCodes, makeParty, resolverFor, type TestParty } from './fixtures.js';

const NOW = new Date('2026-10-01T09:00:00Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);
const VCT = 'https://w3id.org/staff-passport/vct/test/1.0.0';
const AUD = 'https://verifier.example.nhs.uk';
const NONCE = 'interop-nonce';

const CLAIMS = {
  given_name: 'Ada',
  family_name: 'Lovelace',
  address: { locality: 'Leeds', region: 'West Yorkshire', country: 'GB' },
  nationalities: ['GB', 'IE'],
};

describe.each(['ES256', 'EdDSA'] as const)('with %s keys', (alg) => {
  let issuer: TestParty;
  let holder: TestParty;
  let theirs: SDJwtVcInstance;

  beforeAll(async () => {
    issuer = await makeParty(alg, 'did:example:interop-issuer');
    holder = await makeParty(alg, 'did:example:interop-holder');
    const ours = (party: TestParty) => ({
      signer: (data: string) => party.signer.sign(data),
      verifier: async (data: string, sig: string) => nodeSdJwtCrypto.verifySignature(alg, party.publicJwk, data, sig),
    });
    const issuerCrypto = alg === 'ES256' ? { signer: await ES256.getSigner(issuer.privateJwk), verifier: await ES256.getVerifier(issuer.publicJwk) } : ours(issuer);
    theirs = new SDJwtVcInstance({
      signer: issuerCrypto.signer,
      signAlg: alg,
      verifier: issuerCrypto.verifier,
      hasher: digest,
      hashAlg: 'sha-256',
      saltGenerator: generateSalt,
      kbSigner: alg === 'ES256' ? await ES256.getSigner(holder.privateJwk) : ours(holder).signer,
      kbSignAlg: alg,
      // Their Key Binding check: the KB-JWT must verify with the SD-JWT's cnf.jwk.
      kbVerifier: async (data: string, sig: string, payload: Record<string, unknown>) => {
        const jwk = (payload.cnf as { jwk: Record<string, string> }).jwk;
        return alg === 'ES256' ? (await ES256.getVerifier(jwk))(data, sig) : nodeSdJwtCrypto.verifySignature(alg, jwk, data, sig);
      },
    });
  });

  const issueOurs = (): Promise<string> =>
    issueSdJwtVc({
      claims: CLAIMS,
      disclosable: ['given_name', 'family_name', 'address', 'address.region', 'nationalities.*'],
      vct: VCT,
      iss: issuer.did,
      iat: NOW_S - 60,
      exp: NOW_S + 86400,
      cnf: { jwk: holder.publicJwk },
      signer: issuer.signer,
      decoys: 2,
      ...nodeSdJwtCrypto,
    });

  const issueTheirs = (): Promise<string> =>
    theirs.issue(
      { ...CLAIMS, vct: VCT, iss: issuer.did, iat: NOW_S - 60, exp: NOW_S + 86400, cnf: { jwk: holder.publicJwk } },
      { _sd: ['given_name', 'family_name', 'address'], address: { _sd: ['region'] }, nationalities: { _sd: [0, 1] }, _sd_decoy: 2 },
      { header: { kid: issuer.kid } },
    );

  it('sd-jwt-js verifies an SD-JWT VC we issue, with every claim', async () => {
    const credential = await issueOurs();
    const result = await theirs.verify(credential, { currentDate: NOW_S });
    expect(result.payload).toMatchObject({ ...CLAIMS, vct: VCT, iss: issuer.did });
    expect(result.header).toMatchObject({ typ: 'dc+sd-jwt', alg, kid: issuer.kid });
  });

  it('sd-jwt-js presents an SD-JWT VC we issue, key bound, and we verify it', async () => {
    const credential = await issueOurs();
    const presentation = await theirs.present(
      credential,
      { given_name: true, address: { region: true }, nationalities: { 1: true } },
      { kb: { payload: { aud: AUD, nonce: NONCE, iat: NOW_S } } },
    );
    const result = await verifySdJwtVc({ compact: presentation, resolver: resolverFor([issuer]), expectedVct: VCT, kb: { required: true, aud: AUD, nonce: NONCE }, now: NOW, ...nodeSdJwtCrypto });
    expect(failedCodes(result)).toEqual([]);
    expect(result.claims).toMatchObject({ given_name: 'Ada', address: { locality: 'Leeds', region: 'West Yorkshire', country: 'GB' }, nationalities: ['IE'] });
    expect(result.claims).not.toHaveProperty('family_name');
  });

  it('sd-jwt-js verifies our key-bound presentation of our SD-JWT VC', async () => {
    const credential = await issueOurs();
    const presentation = await presentSdJwt({ sdJwt: credential, disclose: ['family_name', 'nationalities.0'], kb: { aud: AUD, nonce: NONCE, signer: holder.signer }, now: NOW, ...nodeSdJwtCrypto });
    const result = await theirs.verify(presentation, { currentDate: NOW_S, keyBindingNonce: NONCE });
    expect(result.payload).toMatchObject({ family_name: 'Lovelace', nationalities: ['GB'] });
    expect(result.payload).not.toHaveProperty('given_name');
    expect(result.kb?.payload).toMatchObject({ aud: AUD, nonce: NONCE });
  });

  it('we verify an SD-JWT VC sd-jwt-js issues (nested, array elements, decoys), with every claim', async () => {
    const credential = await issueTheirs();
    for (const crypto of [{}, nodeSdJwtCrypto]) {
      const result = await verifySdJwtVc({ compact: credential, resolver: resolverFor([issuer]), expectedVct: VCT, now: NOW, ...crypto });
      expect(failedCodes(result)).toEqual([]);
      expect(result.claims).toEqual({ ...CLAIMS, vct: VCT, iss: issuer.did, iat: NOW_S - 60, exp: NOW_S + 86400, cnf: { jwk: holder.publicJwk } });
    }
  });

  it('we present an SD-JWT VC sd-jwt-js issues, key bound, and both verify it', async () => {
    const credential = await issueTheirs();
    const presentation = await presentSdJwt({ sdJwt: credential, disclose: ['address.region'], kb: { aud: AUD, nonce: NONCE, signer: holder.signer }, now: NOW, ...nodeSdJwtCrypto });
    const ours = await verifySdJwtVc({ compact: presentation, resolver: resolverFor([issuer]), kb: { required: true, aud: AUD, nonce: NONCE }, now: NOW, ...nodeSdJwtCrypto });
    expect(failedCodes(ours)).toEqual([]);
    expect(ours.claims?.['address']).toEqual({ locality: 'Leeds', region: 'West Yorkshire', country: 'GB' });
    const result = await theirs.verify(presentation, { currentDate: NOW_S, keyBindingNonce: NONCE });
    expect(result.payload['address']).toEqual({ locality: 'Leeds', region: 'West Yorkshire', country: 'GB' });
    expect(result.payload).not.toHaveProperty('given_name');
  });

  it('we refuse an sd-jwt-js presentation made for another nonce', async () => {
    const presentation = await theirs.present(await issueTheirs(), { given_name: true }, { kb: { payload: { aud: AUD, nonce: 'other', iat: NOW_S } } });
    const result = await verifySdJwtVc({ compact: presentation, resolver: resolverFor([issuer]), kb: { required: true, aud: AUD, nonce: NONCE }, now: NOW, ...nodeSdJwtCrypto });
    expect(failedCodes(result)).toEqual(['ERR_SDJWT_KB_NONCE_MISMATCH']);
  });
});
