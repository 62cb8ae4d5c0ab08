/** Keys, DIDs, resolvers and the RFC's example files for the SD-JWT tests (not a test file). */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import type { DIDDocument, DIDResolutionResult, JsonWebKey, Resolvable } from 'did-resolver';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { JwsSigner, SupportedAlg } from '../../src/jose/jws-signer.js';
import { createNodeJwsSigner } from '../../src/sd-jwt/index.js';

/** Where the specifications' examples are (test/vectors, copied from the specifications (see its README)). */
export const VECTORS = new URL('../../../../test/vectors/', import.meta.url);

/** One example folder of oauth-wg's SD-JWT or SD-JWT VC repository, its files as text. */
export interface Vector {
  /** `sd-jwt/simple`, `sd-jwt-vc/01`... */
  name: string;
  file(name: string): string | undefined;
  json<T = Record<string, unknown>>(name: string): T;
  /** A compact serialization from a `.txt` file, its line breaks (for print) removed. */
  compact(name: string): string | undefined;
}

export function readVector(folder: string, name: string): Vector {
  const dir = new URL(`${folder}/${name}/`, VECTORS);
  const file = (f: string): string | undefined => {
    try {
      return readFileSync(new URL(f, dir), 'utf8');
    } catch {
      return undefined;
    }
  };
  return {
    name: `${folder}/${name}`,
    file,
    // A raw line break cannot be in JSON: where one is inside a string, the example wrapped a long
    // value for print (03-pid's portrait), so line breaks and their indentation go.
    json: <T>(f: string): T => JSON.parse((file(f) ?? 'null').replace(/\n\s*/g, '')) as T,
    compact: (f) => file(f)?.replace(/\s+/g, ''),
  };
}

/** The example folders of `sd-jwt` or `sd-jwt-vc`. */
export function vectorNames(folder: string): string[] {
  const dir = new URL(`${folder}/`, VECTORS);
  return readdirSync(dir)
    .filter((n) => statSync(new URL(n, dir)).isDirectory())
    .sort();
}

/** A P-256 key of a `settings.yml` (issuer_keys / issuer_key / holder_key), read by its lines. */
export function settingsKey(folder: string, label: 'issuer' | 'holder'): JWK {
  const text = readFileSync(new URL(`${folder}/settings.yml`, VECTORS), 'utf8');
  const start = text.search(label === 'issuer' ? /issuer_keys?:/ : /holder_key:/);
  const block = text.slice(start).split('\n').slice(1, 8).join('\n');
  const field = (name: string): string => new RegExp(`\\b${name}: (\\S+)`).exec(block)![1]!;
  return { kty: 'EC', crv: 'P-256', x: field('x'), y: field('y'), d: field('d') };
}

/** An identifier of `settings.yml` (`issuer`, `verifier`) or another top-level scalar (`key_binding_nonce`). */
export function settingsValue(folder: string, name: string): string {
  const text = readFileSync(new URL(`${folder}/settings.yml`, VECTORS), 'utf8');
  return new RegExp(`\\b${name}: "?([^"\\s]+)"?`).exec(text)![1]!;
}

/** The digest and Disclosure of each entry of a `disclosures.md` (its lines joined). */
export function disclosuresOf(markdown: string): { digest: string; disclosure: string }[] {
  const out: { digest: string; disclosure: string }[] = [];
  const entry = /SHA-256 Hash: `([^`]+)`\s*\n \* Disclosure:\\\n((?:`[^`]*`\\?\n?)+)/g;
  for (const m of markdown.matchAll(entry)) {
    out.push({ digest: m[1]!, disclosure: [...m[2]!.matchAll(/`([^`]*)`/g)].map((p) => p[1]).join('') });
  }
  return out;
}

/** The public half of a JWK. */
export function publicOf(jwk: JWK): JWK {
  const { kty, crv, x, y } = jwk;
  return { kty, crv, x, ...(y ? { y } : {}) };
}

/** A party with a fresh key: its DID (did:example, resolved by {@link resolverFor}), signer and public JWK. */
export interface TestParty {
  did: string;
  kid: string;
  alg: SupportedAlg;
  signer: JwsSigner;
  publicJwk: JWK;
  privateJwk: JWK;
}

let counter = 0;

/** A party with a key made by jose's generateKeyPair. */
export async function makeParty(alg: SupportedAlg = 'EdDSA', did = `did:example:party-${++counter}`): Promise<TestParty> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) });
  const publicJwk = publicOf(await exportJWK(publicKey));
  const privateJwk = await exportJWK(privateKey);
  const kid = `${did}#key-1`;
  return { did, kid, alg, signer: createNodeJwsSigner({ privateKey: privateJwk, kid }), publicJwk, privateJwk };
}

/** A did:jwk party (resolved offline by createDidResolver). */
export async function makeDidJwkParty(alg: SupportedAlg = 'ES256'): Promise<TestParty> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) });
  const publicJwk = publicOf(await exportJWK(publicKey));
  const did = `did:jwk:${Buffer.from(JSON.stringify(publicJwk)).toString('base64url')}`;
  const privateJwk = await exportJWK(privateKey);
  const kid = `${did}#0`;
  return { did, kid, alg, signer: createNodeJwsSigner({ privateKey: privateJwk, kid }), publicJwk, privateJwk };
}

/** A tiny in-test resolver: each party's DID document lists its key under `purpose` (assertionMethod by default). */
export function resolverFor(parties: readonly TestParty[], purpose: 'assertionMethod' | 'authentication' = 'assertionMethod'): Resolvable & { calls: number } {
  const docs = new Map<string, DIDDocument>();
  for (const p of parties) {
    docs.set(p.did, {
      '@context': ['https://www.w3.org/ns/did/v1'],
      id: p.did,
      verificationMethod: [{ id: p.kid, type: 'JsonWebKey2020', controller: p.did, publicKeyJwk: p.publicJwk as JsonWebKey }],
      [purpose]: [p.kid],
    });
  }
  const resolver = {
    calls: 0,
    resolve: async (didUrl: string): Promise<DIDResolutionResult> => {
      resolver.calls++;
      const doc = docs.get(didUrl.split('#')[0]!);
      return doc
        ? { didResolutionMetadata: { contentType: 'application/did+json' }, didDocument: doc, didDocumentMetadata: {} }
        : { didResolutionMetadata: { error: 'notFound' }, didDocument: null, didDocumentMetadata: {} };
    },
  };
  return resolver;
}

/** A JWS signer with WebCrypto (`crypto.subtle.sign`), as a browser wallet signs. */
export async function webCryptoSigner(party: TestParty): Promise<JwsSigner> {
  const algorithm = party.alg === 'EdDSA' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: 'P-256' };
  const key = await crypto.subtle.importKey('jwk', party.privateJwk as JsonWebKey, algorithm, false, ['sign']);
  const params = party.alg === 'EdDSA' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' };
  return {
    alg: party.alg,
    kid: party.kid,
    sign: async (input) => Buffer.from(await crypto.subtle.sign(params, key, new TextEncoder().encode(input))).toString('base64url'),
  };
}

/** Decodes a base64url JSON part. */
export function decodePart(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Encodes a JSON value as a base64url part. */
export function encodePart(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The codes of the failed checks of a verification. */
export function failedCodes(result: { checks: { outcome: string; code?: string }[] }): string[] {
  return result.checks.filter((c) => c.outcome === 'failed').map((c) => c.code ?? 'no code');
}
