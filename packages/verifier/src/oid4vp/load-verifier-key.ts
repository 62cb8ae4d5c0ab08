import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { PassportError, createNodeJwsSigner, createSecretBox, didWebFromUrl } from '@staff-passport/core';
import type { VerifierKeyRow } from '../store/key-store.js';
import type { VerifierContext } from '../verifier-context.js';
import type { VerifierKey } from './verifier-key.js';

const SECRET = /^[0-9a-fA-F]{64}$/;

/**
 * The verifier's DID for its public URL: `did:web:<host>` with a port written `%3A`
 * (did:web method, "Create"), whose document the verifier serves at `/.well-known/did.json`.
 *
 * @example
 * verifierDid('http://127.0.0.1:4200') // 'did:web:127.0.0.1%3A4200'
 */
export function verifierDid(publicUrl: string): string {
  return didWebFromUrl(new URL(publicUrl).origin, []);
}

// RFC 7638: the thumbprint of an OKP key is over {crv, kty, x} in that order.
function thumbprint(jwk: { kty: string; crv: string; x: string }): string {
  return createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x })).digest('base64url');
}

// The verifier's signing key at rest: sealed under the configured secret (purpose-bound key).
const KEY_PURPOSE = 'staff-passport verifier signing key';

function toKey(row: VerifierKeyRow, secretKey: string | undefined): VerifierKey {
  let der: Buffer;
  try {
    if (row.encrypted === 1) {
      if (secretKey === undefined) throw new Error('the key is encrypted and no secret was configured');
      der = createSecretBox(secretKey, KEY_PURPOSE).open(row.private_key);
    } else {
      der = Buffer.from(row.private_key, 'base64url');
    }
  } catch (cause: unknown) {
    throw new PassportError('ERR_CONFIG_INVALID', 'the verifier signing key did not decrypt: is the secret the one it was stored with?', { cause });
  }
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const publicJwk = JSON.parse(row.public_jwk) as VerifierKey['publicJwk'];
  return { did: row.did, kid: row.kid, publicJwk, privateKey, signer: createNodeJwsSigner({ privateKey, kid: row.kid }) };
}

async function loadOrCreate(ctx: VerifierContext): Promise<VerifierKey> {
  const secret = ctx.secretKey;
  if (secret !== undefined && !SECRET.test(secret)) throw new PassportError('ERR_CONFIG_INVALID', 'the verifier secret must be 64 hex characters (32 bytes)', { field: 'secretKey' });
  const did = ctx.org.did;
  const found = await ctx.stores.keys.find(did);
  if (found) return toKey(found, secret);
  const { privateKey } = generateKeyPairSync('ed25519');
  const exported = createPublicKey(privateKey).export({ format: 'jwk' });
  const publicJwk = { kty: String(exported.kty), crv: String(exported.crv), x: String(exported.x) };
  const kid = `${did}#${thumbprint(publicJwk)}`;
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  // Without a secret the key is kept as it is: the verifier's database then needs the protection
  // a private key deserves (local demos and tests only).
  const stored = secret === undefined ? der.toString('base64url') : createSecretBox(secret, KEY_PURPOSE).seal(der);
  // Another instance starting on the same database may have stored the DID's key meanwhile: then
  // that one is ours too (one key per DID).
  const row = await ctx.stores.keys.insertOrGet({
    kid,
    did,
    alg: 'EdDSA',
    public_jwk: JSON.stringify(publicJwk),
    private_key: stored,
    encrypted: secret === undefined ? 0 : 1,
    created_at: ctx.now().toISOString(),
  });
  return toKey(row, secret);
}

/**
 * The Ed25519 signing key of the organisation the context acts for (its DID, `ctx.org.did`): created on first use and kept in the
 * verifier's database (encrypted with AES-256-GCM under a key derived from the context's
 * secret, when it has one), imported once as a `KeyObject` and cached in the context (`signingKeys`). Instances sharing a
 * database share the DID's one key.
 *
 * @throws PassportError `ERR_CONFIG_INVALID` when the secret is malformed or does not open the stored key.
 * @example
 * const { did, kid, signer } = await loadVerifierKey(ctx);
 */
export function loadVerifierKey(ctx: VerifierContext): Promise<VerifierKey> {
  const did = ctx.org.did;
  let key = ctx.signingKeys.get(did);
  if (!key) {
    key = loadOrCreate(ctx);
    // A failure is not cached: the next call tries again (after the configuration is fixed).
    key.catch(() => ctx.signingKeys.delete(did));
    ctx.signingKeys.set(did, key);
  }
  return key;
}

/**
 * The verifier's DID document, as did:web serves it at `/.well-known/did.json`: its signing key
 * as a JsonWebKey2020 verification method for authentication and assertions (as the issuer's
 * organisation DID documents are), with the organisation's ODS record in `alsoKnownAs` when it has one.
 *
 * @example
 * res.type('application/did+json').send(JSON.stringify(buildVerifierDidDocument(await loadVerifierKey(ctx))));
 */
export function buildVerifierDidDocument(key: Pick<VerifierKey, 'did' | 'kid' | 'publicJwk'>, alsoKnownAs: readonly string[] = []): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: key.did,
    ...(alsoKnownAs.length > 0 ? { alsoKnownAs } : {}),
    verificationMethod: [{ id: key.kid, type: 'JsonWebKey2020', controller: key.did, publicKeyJwk: key.publicJwk }],
    authentication: [key.kid],
    assertionMethod: [key.kid],
  };
}
