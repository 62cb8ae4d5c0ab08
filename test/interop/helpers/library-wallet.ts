/**
 * The OpenWallet Foundation's `@openid4vc/openid4vci` client as a test wallet: its crypto as
 * callbacks (node:crypto), with Ed25519 did:key holder keys it signs proofs with.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import { clientAuthenticationAnonymous, type JwtSigner } from '@openid4vc/oauth2';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { encodeEd25519Multikey } from '@staff-passport/core';

/** A holder key of the test wallet. */
export interface WalletKey {
  kid: string;
  did: string;
  publicJwk: JsonWebKey;
  privateKey: KeyObject;
}

function b64(text: string): string {
  return Buffer.from(text).toString('base64url');
}

/** A new Ed25519 did:key, kept in `keys` for the client to sign with. */
export function newWalletKey(keys: Map<string, WalletKey>): WalletKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicJwk = publicKey.export({ format: 'jwk' });
  const multikey = encodeEd25519Multikey(Buffer.from(publicJwk.x!, 'base64url'));
  const did = `did:key:${multikey}`;
  const key = { kid: `${did}#${multikey}`, did, publicJwk, privateKey };
  keys.set(key.kid, key);
  return key;
}

/** The library's client, signing with the keys in `keys` (compact JWS by hand, EdDSA, as a wallet without jose would). */
export function createLibraryWallet(keys: Map<string, WalletKey>): Openid4vciClient {
  return new Openid4vciClient({
    callbacks: {
      fetch,
      hash: (data, alg) => new Uint8Array(createHash(alg.replace('-', '')).update(data).digest()),
      generateRandom: (bytes) => new Uint8Array(randomBytes(bytes)),
      clientAuthentication: clientAuthenticationAnonymous(),
      signJwt: async (signer: JwtSigner, { header, payload }) => {
        if (signer.method !== 'did') throw new Error(`this test wallet signs with did keys, not ${signer.method}`);
        const key = keys.get(signer.didUrl);
        if (!key) throw new Error(`no wallet key ${signer.didUrl}`);
        const input = `${b64(JSON.stringify({ ...header, alg: signer.alg }))}.${b64(JSON.stringify(payload))}`;
        const jwt = `${input}.${sign(null, Buffer.from(input), key.privateKey).toString('base64url')}`;
        return { jwt, signerJwk: key.publicJwk as never };
      },
    },
  });
}
