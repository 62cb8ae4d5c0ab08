import { createAgent, type IDIDManager, type IKeyManager, type IResolver, type TAgent } from '@veramo/core';
import { DIDStore, KeyStore, PrivateKeyStore } from '@veramo/data-store';
import { DIDManager } from '@veramo/did-manager';
import { KeyDIDProvider } from '@veramo/did-provider-key';
import { WebDIDProvider } from '@veramo/did-provider-web';
import { DIDResolverPlugin } from '@veramo/did-resolver';
import { KeyManager } from '@veramo/key-manager';
import { SecretBox } from '@veramo/kms-local';
import type { Resolver } from 'did-resolver';
import type { DataSource } from 'typeorm';
import { PassportError } from '../errors/passport-error.js';
import { KeyObjectKms } from './keyobject-kms.js';
import { registerKeyObjectKms } from './lib/agent-kms-registry.js';
import { CachingKeyStore } from './lib/caching-key-store.js';
import { VcJosePlugin, type IVcJose } from './vc-jose-plugin.js';

// The name @veramo/kms-local was registered under: key rows in existing databases carry it.
const KMS_NAME = 'local';

/** The Veramo agent every side uses: keys, DIDs, resolution, and our VC-JOSE plugin. */
export type PassportAgent = TAgent<IKeyManager & IDIDManager & IResolver & IVcJose>;

/** Options for {@link createPassportAgent}. */
export interface CreatePassportAgentOptions {
  dataSource: DataSource;
  /** 32 bytes as 64 hex characters: encrypts private keys at rest. From configuration, never stored. */
  secretKey: string;
  resolver: Resolver;
  /** How many keys (decrypted private keys, and key rows) stay in memory. Default 1,000. */
  maxCachedKeys?: number;
}

/**
 * Creates the Veramo agent over a SQLite data source. Private keys are kept encrypted
 * (XSalsa20-Poly1305 via `SecretBox`) with a secret that never enters the database.
 *
 * Keys are held by {@link KeyObjectKms} under the name `local` (the name `@veramo/kms-local` had, so
 * existing databases and identifiers work unchanged): each key is read and decrypted once, then
 * signs as a `node:crypto` `KeyObject` (see `createAgentSigner` for the figures); key rows are
 * cached in front of Veramo's key store. Schema validation of agent calls stays off (Veramo's
 * default, set explicitly: on, it added about 8 µs to each `keyManagerSign`, a fifth of an Ed25519
 * signature).
 *
 * @example
 * const agent = createPassportAgent({ dataSource, secretKey: config.secretKey, resolver });
 * const org = await agent.didManagerCreate({ provider: 'did:web', alias: 'example.org:orgs:rth', options: { keyType: 'Ed25519' } });
 * @throws PassportError `ERR_CONFIG_INVALID` when the secret is not 64 hex characters.
 */
export function createPassportAgent(options: CreatePassportAgentOptions): PassportAgent {
  if (!/^[0-9a-f]{64}$/i.test(options.secretKey)) {
    throw new PassportError('ERR_CONFIG_INVALID', 'the key-encryption secret must be 64 hex characters (32 bytes)', { field: 'PASSPORT_SECRET_KEY' });
  }
  const { dataSource } = options;
  const maxCachedKeys = options.maxCachedKeys ?? 1000;
  const kms = new KeyObjectKms(new PrivateKeyStore(dataSource, new SecretBox(options.secretKey)), { maxCachedKeys, kmsName: KMS_NAME });
  const agent = createAgent<IKeyManager & IDIDManager & IResolver & IVcJose>({
    schemaValidation: false,
    plugins: [
      new KeyManager({ store: new CachingKeyStore(new KeyStore(dataSource), maxCachedKeys), kms: { [KMS_NAME]: kms } }),
      new DIDManager({
        store: new DIDStore(dataSource),
        defaultProvider: 'did:key',
        providers: {
          'did:web': new WebDIDProvider({ defaultKms: KMS_NAME }),
          'did:key': new KeyDIDProvider({ defaultKms: KMS_NAME }),
        },
      }),
      new DIDResolverPlugin({ resolver: options.resolver }),
      new VcJosePlugin(),
    ],
  });
  registerKeyObjectKms(agent, KMS_NAME, kms);
  return agent;
}
