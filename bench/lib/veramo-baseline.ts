/**
 * The library default the VC-JOSE paths replace: a plain Veramo agent as its documentation builds
 * one, over its SQLite store (TypeORM): `@veramo/kms-local` keys encrypted in the database,
 * did:key identifiers, the DID resolver plugin, `CredentialPlugin` issuing and verifying JWT
 * credentials, and `DataStore` saving each issued credential.
 *
 * Veramo 7's `CredentialPlugin` takes its proof formats from providers, and the JWT one
 * (`@veramo/credential-jwt`) is not installed here; {@link JwtCredentialProvider} does what it
 * does: `did-jwt-vc` signing through the agent's `keyManagerSign`, and verifying with the agent's
 * resolver. `@veramo/data-store`, `@veramo/kms-local` and `@veramo/credential-w3c` are root
 * dependencies; the rest are loaded from where `@staff-passport/core` (which declares them) resolves them.
 */
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openDatabase } from '@staff-passport/core';
import { DataStore, DIDStore, KeyStore, PrivateKeyStore } from '@veramo/data-store';
import { KeyManagementSystem, SecretBox } from '@veramo/kms-local';

type Fn = (...args: never[]) => unknown;
type Ctor = new (...args: never[]) => object;

/** Loads a module as the package at `fromFile` would resolve it (ESM entry when it has one). */
async function importFrom(specifier: string, fromFile: string): Promise<Record<string, unknown>> {
  const require = createRequire(fromFile);
  const cjs = require.resolve(specifier);
  // did-jwt-vc ships ESM beside its CommonJS build; load the ESM one as an ESM importer would.
  const esm = cjs.endsWith('.cjs') ? cjs.replace(/index\.cjs$/, 'index.module.js') : cjs;
  return (await import(pathToFileURL(esm).href)) as Record<string, unknown>;
}

/** What the bench uses of a Veramo agent (the types live in packages the root does not declare). */
export interface VeramoBaselineAgent {
  didManagerCreate(args: { provider: string; options?: Record<string, unknown> }): Promise<{ did: string }>;
  createVerifiableCredential(args: { credential: Record<string, unknown>; proofFormat: 'jwt'; save?: boolean }): Promise<{ proof: { jwt: string } }>;
  verifyCredential(args: { credential: string; policies?: Record<string, unknown> }): Promise<{ verified: boolean; error?: unknown }>;
}

interface AgentLike {
  resolveDid(args: { didUrl: string }): Promise<unknown>;
  didManagerGet(args: { did: string }): Promise<{ did: string; keys: { kid: string; type: string }[] }>;
  keyManagerSign(args: { keyRef: string; algorithm: string; data: string; encoding: string }): Promise<string>;
}

/** A Veramo agent over its SQLite store, and a way to close it. */
export async function createVeramoBaseline(databaseFile: string): Promise<{ agent: VeramoBaselineAgent; close(): Promise<void> }> {
  const coreEntry = fileURLToPath(import.meta.resolve('@staff-passport/core'));
  const corePackage = join(dirname(coreEntry), '..', 'package.json');
  const load = (specifier: string): Promise<Record<string, unknown>> => importFrom(specifier, corePackage);
  // @veramo/credential-w3c is the bench's own dependency (the root's), not core's: core never imports it.
  const rootPackage = fileURLToPath(new URL('../../package.json', import.meta.url));
  const w3cPackage = join(realpathSync(join(dirname(rootPackage), 'node_modules', '@veramo', 'credential-w3c')), 'package.json');
  const [core, keyManager, didManager, didKey, didResolverPlugin, credentialW3c, didResolver, didJwtVc] = await Promise.all([
    load('@veramo/core'),
    load('@veramo/key-manager'),
    load('@veramo/did-manager'),
    load('@veramo/did-provider-key'),
    load('@veramo/did-resolver'),
    importFrom('@veramo/credential-w3c', rootPackage),
    load('did-resolver'),
    importFrom('did-jwt-vc', w3cPackage),
  ]);
  const createVerifiableCredentialJwt = didJwtVc['createVerifiableCredentialJwt'] as (payload: object, issuer: object) => Promise<string>;
  const verifyCredentialJwt = didJwtVc['verifyCredential'] as (jwt: string, resolver: object, options?: object) => Promise<unknown>;
  const normalizeCredential = didJwtVc['normalizeCredential'] as (jwt: string) => Record<string, unknown>;

  // As @veramo/credential-jwt does it: did-jwt-vc, signing through the key manager.
  const jwtProvider = {
    getProofFormatsSupportedForKey: (key: { type: string }): string[] => (key.type === 'Ed25519' ? ['jwt'] : []),
    canIssueProofFormat: ({ proofFormat }: { proofFormat: string }): boolean => proofFormat === 'jwt',
    canVerifyDocumentType: ({ document }: { document: unknown }): boolean => typeof document === 'string' || (typeof document === 'object' && document !== null && 'proof' in document),
    async createVerifiableCredential(args: { credential: Record<string, unknown> }, context: { agent: AgentLike }): Promise<Record<string, unknown>> {
      const credential: Record<string, unknown> = { ...args.credential, '@context': args.credential['@context'] ?? ['https://www.w3.org/2018/credentials/v1'] };
      const identifier = await context.agent.didManagerGet({ did: String(credential['issuer']) });
      const key = identifier.keys.find((k) => k.type === 'Ed25519')!;
      const signer = async (data: string | Uint8Array): Promise<string> =>
        context.agent.keyManagerSign({ keyRef: key.kid, algorithm: 'EdDSA', data: typeof data === 'string' ? data : Buffer.from(data).toString('utf8'), encoding: 'utf-8' });
      const jwt = await createVerifiableCredentialJwt(credential, { did: identifier.did, signer, alg: 'EdDSA' });
      return normalizeCredential(jwt);
    },
    async verifyCredential(args: { credential: unknown }, context: { agent: AgentLike }): Promise<Record<string, unknown>> {
      const jwt = typeof args.credential === 'string' ? args.credential : (args.credential as { proof: { jwt: string } }).proof.jwt;
      try {
        const verified = await verifyCredentialJwt(jwt, { resolve: (didUrl: string) => context.agent.resolveDid({ didUrl }) });
        return { verified: true, verifiableCredential: verified };
      } catch (error: unknown) {
        return { verified: false, error: { message: error instanceof Error ? error.message : String(error) } };
      }
    },
    createVerifiablePresentation: (): Promise<never> => Promise.reject(new Error('not used by the bench')),
    verifyPresentation: (): Promise<never> => Promise.reject(new Error('not used by the bench')),
  };

  const db = (await openDatabase({ file: databaseFile })).dataSource;
  const secretKey = Buffer.alloc(32, 7).toString('hex');
  const Resolver = didResolver['Resolver'] as Ctor;
  const getDidKeyResolver = didKey['getDidKeyResolver'] as () => Record<string, unknown>;
  const plugins = [
    new (keyManager['KeyManager'] as Ctor)({
      store: new KeyStore(db),
      kms: { local: new KeyManagementSystem(new PrivateKeyStore(db, new SecretBox(secretKey))) },
    } as never),
    new (didManager['DIDManager'] as Ctor)({
      store: new DIDStore(db),
      defaultProvider: 'did:key',
      providers: { 'did:key': new (didKey['KeyDIDProvider'] as Ctor)({ defaultKms: 'local' } as never) },
    } as never),
    new (didResolverPlugin['DIDResolverPlugin'] as Ctor)({ resolver: new Resolver(getDidKeyResolver() as never) } as never),
    new (credentialW3c['CredentialPlugin'] as Ctor)([jwtProvider] as never),
    new DataStore(db),
  ];
  const agent = (core['createAgent'] as Fn as (options: { plugins: object[] }) => VeramoBaselineAgent)({ plugins });
  return { agent, close: () => db.destroy() };
}
