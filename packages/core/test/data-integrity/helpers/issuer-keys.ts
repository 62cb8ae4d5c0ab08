import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { DIDDocument, DIDResolutionResult, Resolvable } from 'did-resolver';
import { encodeEd25519Multikey } from '../../../src/data-integrity/index.js';

/** A did:web identity with one Ed25519 key, as our issuers (JsonWebKey2020) or as a Multikey. */
export interface TestIdentity {
  did: string;
  verificationMethod: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  document: DIDDocument;
}

export function createIdentity(host: string, keyType: 'JsonWebKey2020' | 'Multikey' = 'JsonWebKey2020'): TestIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const did = `did:web:${host}`;
  const verificationMethod = `${did}#key-1`;
  const jwk = publicKey.export({ format: 'jwk' });
  const method =
    keyType === 'Multikey'
      ? { id: verificationMethod, type: 'Multikey', controller: did, publicKeyMultibase: encodeEd25519Multikey(publicKey) }
      : { id: verificationMethod, type: 'JsonWebKey2020', controller: did, publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x! } };
  const document: DIDDocument = {
    '@context': ['https://www.w3.org/ns/did/v1', keyType === 'Multikey' ? 'https://w3id.org/security/multikey/v1' : 'https://w3id.org/security/suites/jws-2020/v1'],
    id: did,
    verificationMethod: [method],
    assertionMethod: ['#key-1'],
    authentication: [verificationMethod],
  };
  return { did, verificationMethod, privateKey, publicKey, document };
}

/** A resolver over fixed DID documents: no network, and it counts resolutions. */
export function staticResolver(...identities: TestIdentity[]): Resolvable & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    resolve: async (did: string): Promise<DIDResolutionResult> => {
      calls.push(did);
      const found = identities.find((i) => i.did === did);
      return found
        ? { didDocument: found.document, didResolutionMetadata: {}, didDocumentMetadata: {} }
        : { didDocument: null, didResolutionMetadata: { error: 'notFound' }, didDocumentMetadata: {} };
    },
  };
}
