/**
 * The eddsa-rdfc-2022 test vector of Data Integrity EdDSA Cryptosuites v1.0, Appendix B.1
 * ("Representation: eddsa-rdfc-2022", Examples 7 to 17), reproduced value by value: Ed25519 is
 * deterministic, so the same key and input give the published signature exactly.
 */
import { describe, expect, it } from '@jest/globals';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createDidResolver } from '../../src/did/create-did-resolver.js';
import {
  createDocumentLoader,
  createEd25519Signer,
  decodeEd25519Multikey,
  decodeMultibaseBase58btc,
  encodeEd25519Multikey,
  encodeMultibaseBase58btc,
  hashEddsaRdfc2022,
  signDataIntegrity,
  verifyDataIntegrity,
} from '../../src/data-integrity/index.js';

interface Vector {
  keyPair: { publicKeyMultibase: string; secretKeyMultibase: string };
  unsignedCredential: Record<string, unknown>;
  canonicalDocument: string;
  documentHashHex: string;
  proofOptions: Record<string, unknown> & { verificationMethod: string; created: string };
  canonicalProofConfig: string;
  proofConfigHashHex: string;
  combinedHashHex: string;
  signatureHex: string;
  proofValue: string;
  signedCredential: Record<string, unknown>;
}

const read = (name: string): unknown => JSON.parse(readFileSync(new URL(`./vectors/${name}`, import.meta.url), 'utf8'));
const vector = read('eddsa-rdfc-2022-b1-ok.json') as Vector;
// The spec's credential uses the VC 2.0 examples context, which production never serves.
const documentLoader = createDocumentLoader({ extraContexts: { 'https://www.w3.org/ns/credentials/examples/v2': read('credentials-examples-v2-context.json') as object } });
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function vectorPrivateKey() {
  // Example 7: secretKeyMultibase is the ed25519-priv multicodec (0x1300, varint 0x80 0x26) and the 32-byte seed.
  const secret = decodeMultibaseBase58btc(vector.keyPair.secretKeyMultibase)!;
  expect([...secret.subarray(0, 2)]).toEqual([0x80, 0x26]);
  const publicKey = decodeEd25519Multikey(vector.keyPair.publicKeyMultibase)!;
  return createPrivateKey({
    key: { kty: 'OKP', crv: 'Ed25519', d: Buffer.from(secret.subarray(2)).toString('base64url'), x: Buffer.from(publicKey).toString('base64url') },
    format: 'jwk',
  });
}

describe('Data Integrity EdDSA Cryptosuites v1.0, B.1 Representation: eddsa-rdfc-2022', () => {
  it('the key pair of Example 7 is one key pair in Multikey form', () => {
    const privateKey = vectorPrivateKey();
    expect(encodeEd25519Multikey(createPublicKey(privateKey))).toBe(vector.keyPair.publicKeyMultibase);
  });

  it('canonicalizes and hashes the credential (Examples 9, 10) and the proof options (Examples 12, 13), and combines them (Example 14)', async () => {
    const r = await hashEddsaRdfc2022({ document: vector.unsignedCredential, proofOptions: vector.proofOptions, documentLoader });
    expect(r.canonicalDocument).toBe(vector.canonicalDocument);
    expect(hex(r.documentHash)).toBe(vector.documentHashHex);
    expect(r.canonicalProofConfig).toBe(vector.canonicalProofConfig);
    expect(hex(r.proofConfigHash)).toBe(vector.proofConfigHashHex);
    expect(hex(r.hashData)).toBe(vector.combinedHashHex);
  });

  it('signs to the published signature (Examples 15, 16) and signed credential (Example 17)', async () => {
    const signer = createEd25519Signer(vectorPrivateKey(), vector.proofOptions.verificationMethod);
    expect(hex(await signer.sign(Buffer.from(vector.combinedHashHex, 'hex')))).toBe(vector.signatureHex);
    expect(encodeMultibaseBase58btc(Buffer.from(vector.signatureHex, 'hex'))).toBe(vector.proofValue);
    expect(hex(decodeMultibaseBase58btc(vector.proofValue)!)).toBe(vector.signatureHex);

    const signed = await signDataIntegrity({ document: vector.unsignedCredential, signer, created: vector.proofOptions.created, documentLoader });
    expect(signed).toEqual(vector.signedCredential);
    // Same member order as the spec prints, so the JSON reads the same too.
    expect(JSON.stringify(signed.proof)).toBe(JSON.stringify((vector.signedCredential as { proof: unknown }).proof));
  });

  it('verifies the published signed credential, resolving its did:key offline', async () => {
    const result = await verifyDataIntegrity({ document: vector.signedCredential, resolver: createDidResolver(), documentLoader, now: new Date('2024-01-01T00:00:00Z') });
    expect(result.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(result.checks.map((c) => c.check)).toEqual(['proof', 'contexts', 'jsonld', 'key', 'signature']);
    expect(result).toMatchObject({ verified: true, controller: 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2' });
  });

  it('multibase base58-btc keeps leading zero bytes', () => {
    for (const bytes of [new Uint8Array([]), new Uint8Array([0]), new Uint8Array([0, 0, 1, 255]), new Uint8Array(64).fill(255)]) {
      expect(decodeMultibaseBase58btc(encodeMultibaseBase58btc(bytes))).toEqual(bytes);
    }
    expect(decodeMultibaseBase58btc('uAAAA')).toBeUndefined();
    expect(decodeMultibaseBase58btc('z0OIl')).toBeUndefined();
  });
});
