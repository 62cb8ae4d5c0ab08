import type { DIDResolutionResult, DIDResolver, JsonWebKey, ParsedDID } from 'did-resolver';

const SIGNING_CURVES = new Set(['Ed25519', 'P-256', 'P-384', 'secp256k1']);

function invalid(message: string): DIDResolutionResult {
  return { didResolutionMetadata: { error: 'invalidDid', code: 'ERR_DID_INVALID', message }, didDocument: null, didDocumentMetadata: {} };
}

/**
 * did:jwk (did:jwk specification, "Read"): the DID document is generated from the JWK. A signing
 * key (no `use: enc`) is listed for assertionMethod, authentication, capabilityInvocation and
 * capabilityDelegation; Veramo's resolver leaves these out, so nothing signed with did:jwk would
 * verify against it.
 */
export const resolveDidJwk: DIDResolver = async (did: string, parsed: ParsedDID): Promise<DIDResolutionResult> => {
  let jwk: Record<string, unknown>;
  try {
    jwk = JSON.parse(Buffer.from(parsed.id, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return invalid(`${did} does not carry a JSON JWK`);
  }
  if (typeof jwk !== 'object' || jwk === null || typeof jwk['kty'] !== 'string') return invalid(`${did} does not carry a JWK`);
  if ('d' in jwk) return invalid(`${did} carries a private key`);
  const bare = `did:jwk:${parsed.id}`;
  const vmId = `${bare}#0`;
  const signing = jwk['use'] !== 'enc' && SIGNING_CURVES.has(String(jwk['crv']));
  const encryption = jwk['use'] !== 'sig' && !signing;
  return {
    didResolutionMetadata: { contentType: 'application/did+json' },
    didDocument: {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
      id: bare,
      verificationMethod: [{ id: vmId, type: 'JsonWebKey2020', controller: bare, publicKeyJwk: jwk as unknown as JsonWebKey }],
      ...(signing ? { assertionMethod: [vmId], authentication: [vmId], capabilityInvocation: [vmId], capabilityDelegation: [vmId] } : {}),
      ...(encryption ? { keyAgreement: [vmId] } : {}),
    },
    didDocumentMetadata: {},
  };
};
