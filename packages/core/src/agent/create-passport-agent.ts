import { createAgent, type IDIDManager, type IKeyManager, type IResolver, type TAgent } from '@veramo/core';
import { DIDStore, KeyStore, PrivateKeyStore } from '@veramo/data-store';
import { DIDManager } from '@veramo/did-manager';
import { KeyDIDProvider } from '@veramo/did-provider-key';
import { WebDIDProvider } from '@veramo/did-provider-web';
import { DIDResolverPlugin } from '@veramo/did-resolver';
import { KeyManager } from '@veramo/key-manager';
import { KeyManagementSystem, SecretBox } from '@veramo/kms-local';
import type { Resolver } from 'did-resolver';
import type { DataSource } from 'typeorm';
import { PassportError } from '../errors/passport-error.js';
import { VcJosePlugin, type IVcJose } from './vc-jose-plugin.js';

/** The Veramo agent every side uses: keys, DIDs, resolution, and our VC-JOSE plugin. */
export type PassportAgent = TAgent<IKeyManager & IDIDManager & IResolver & IVcJose>;

/** Options for {@link createPassportAgent}. */
export interface CreatePassportAgentOptions {
  dataSource: DataSource;
  /** 32 bytes as 64 hex characters: encrypts private keys at rest. From configuration, never stored. */
  secretKey: string;
  resolver: Resolver;
}

/**
 * Creates the Veramo agent over a SQLite data source. Private keys are kept encrypted
 * (XSalsa20-Poly1305 via `SecretBox`) with a secret that never enters the database.
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
  return createAgent<IKeyManager & IDIDManager & IResolver & IVcJose>({
    plugins: [
      new KeyManager({
        store: new KeyStore(dataSource),
        kms: { local: new KeyManagementSystem(new PrivateKeyStore(dataSource, new SecretBox(options.secretKey))) },
      }),
      new DIDManager({
        store: new DIDStore(dataSource),
        defaultProvider: 'did:key',
        providers: {
          'did:web': new WebDIDProvider({ defaultKms: 'local' }),
          'did:key': new KeyDIDProvider({ defaultKms: 'local' }),
        },
      }),
      new DIDResolverPlugin({ resolver: options.resolver }),
      new VcJosePlugin(),
    ],
  });
}
