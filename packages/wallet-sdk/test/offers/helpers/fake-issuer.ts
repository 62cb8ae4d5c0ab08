// A credential issuer for unit tests: a did:web (`did:web:issuer.example:orgs:rx1`, the DID its
// identifier URL names) with an Ed25519 key, its DID document served through a fake fetch, and
// credentials in each format signed by that key (or, to test refusals, by another one).
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createNodeJwsSigner, issueSdJwtVc } from '@staff-passport/core';
import { SignJWT, type JWK } from 'jose';
import type { HttpAnswer } from '../../../src/lib/http-request.js';

export const ISSUER = 'https://issuer.example/orgs/rx1';
export const ISSUER_DID = 'did:web:issuer.example:orgs:rx1';
export const ISSUER_KID = `${ISSUER_DID}#key-1`;
export const NOTIFICATION = `${ISSUER}/oid4vci/notification`;
export const DEFERRED = `${ISSUER}/oid4vci/deferred-credential`;

export interface KeyPair {
  privateKey: KeyObject;
  publicJwk: JWK;
}

export function ed25519(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const { kty, crv, x } = publicKey.export({ format: 'jwk' });
  return { privateKey, publicJwk: { kty, crv, x } as JWK };
}

/** The issuer's key, and the DID document route a fake fetch serves. */
export const issuerKey = ed25519();

export function didDocumentRoute(): Record<string, () => { body: unknown }> {
  return {
    [`GET ${ISSUER}/did.json`]: () => ({
      body: {
        '@context': ['https://www.w3.org/ns/did/v1'],
        id: ISSUER_DID,
        verificationMethod: [{ id: ISSUER_KID, type: 'JsonWebKey2020', controller: ISSUER_DID, publicKeyJwk: issuerKey.publicJwk }],
        assertionMethod: [ISSUER_KID],
      },
    }),
  };
}

const SUBJECT = { training: { subject: 'fire_safety', level: 1, completedOn: '2026-01-10' } };

/** A VC Data Model 1.1 JWT (jwt_vc_json) for the holder. */
export async function vcJwt(holder: string, options: { signWith?: KeyObject; iss?: string } = {}): Promise<string> {
  const iss = options.iss ?? ISSUER_DID;
  const vc = { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiableCredential', 'TrainingRecord'], issuer: iss, credentialSubject: { id: holder, ...SUBJECT } };
  return new SignJWT({ vc })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: `${iss}#key-1` })
    .setIssuer(iss)
    .setSubject(holder)
    .setJti(`urn:uuid:${randomUUID()}`)
    .setIssuedAt(Math.floor(Date.parse('2026-03-01T09:00:00Z') / 1000))
    .sign(options.signWith ?? issuerKey.privateKey);
}

/** An SD-JWT VC (dc+sd-jwt) bound to the holder's key. */
export async function sdJwtVc(holderJwk: JWK, options: { signWith?: KeyObject } = {}): Promise<string> {
  return issueSdJwtVc({
    claims: { given_name: 'Priya', job_title: 'Staff Nurse' },
    disclosable: ['given_name', 'job_title'],
    vct: 'https://issuer.example/vct/staff-id',
    iss: ISSUER_DID,
    cnf: { jwk: holderJwk },
    signer: createNodeJwsSigner({ privateKey: options.signWith ?? issuerKey.privateKey, kid: ISSUER_KID }),
    now: new Date('2026-03-01T09:00:00Z'),
  });
}

/** A JSON-LD credential with a proof naming `verificationMethod` (its signature is not checked by the wallet). */
export function ldpVc(holder: string, verificationMethod = ISSUER_KID): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: `urn:uuid:${randomUUID()}`,
    type: ['VerifiableCredential', 'TrainingRecord'],
    issuer: verificationMethod.split('#')[0],
    validFrom: '2026-03-01T09:00:00Z',
    credentialSubject: { id: holder, ...SUBJECT },
    proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', verificationMethod, proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKods5D2UAUL5n2Brbx' },
  };
}

/** A 200 credential response carrying the credentials. */
export function credentialAnswer(credentials: unknown[], notificationId = 'note-1'): HttpAnswer {
  const body = { credentials: credentials.map((credential) => ({ credential })), notification_id: notificationId };
  return { status: 200, ok: true, headers: new Headers(), text: JSON.stringify(body), body };
}
