/**
 * Interop: OUR wallet SDK against the independent OpenID4VC libraries of the OpenWallet Foundation
 * (`@openid4vc/openid4vci`, `@openid4vc/openid4vp`, `@openid4vc/oauth2` 0.4.6, by Animo) playing the
 * issuer and the verifier, wrapped in a small node:http server on 127.0.0.1.
 *
 * Receive (OpenID4VCI 1.0): the library makes the issuer and authorisation server metadata
 * (section 12.2, RFC 8414), the credential offer by reference (section 4.1.3) with a pre-authorised
 * code and tx_code (section 4.1.1), parses and verifies the token request (section 6.1), answers
 * the nonce endpoint (section 7), parses the credential request and verifies our proof JWTs
 * (section 8.2, appendix F.1); the SD-JWT VC is made by @sd-jwt/sd-jwt-vc, the VC 1.1 JWT by hand
 * with node:crypto, the Data Integrity VC (eddsa-rdfc-2022) by our core. Every type of the
 * catalogue (newest version) is offered in the three formats and received in each.
 *
 * Share (OpenID4VP 1.0): the library's verifier makes a signed request object by reference
 * (section 5.10, client_id prefix decentralized_identifier, section 5.9.3, its did:web served here),
 * with a DCQL query (section 6) whose claim_sets make one claim optional; our wallet leaves it
 * out; the library parses the direct_post response (section 8.2) and @sd-jwt/sd-jwt-vc verifies
 * the SD-JWT and its KB-JWT (appendix B.3.6: aud the client_id, nonce). A second request asks for a
 * jwt_vc_json credential by DCQL `type_values` (expanded type IRIs, appendix B.1.1); our wallet answers
 * with a VP JWT, checked here as a verifier would (holder signature, aud, nonce, the issuer's
 * credential inside, bound to the holder).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, randomUUID, sign, verify, type JsonWebKey as JWK, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Oauth2AuthorizationServer, Oauth2ServerErrorResponseError, type CallbackContext, type JwtSigner } from '@openid4vc/oauth2';
import { Openid4vciIssuer, type IssuerMetadataResult } from '@openid4vc/openid4vci';
import { Openid4vpVerifier } from '@openid4vc/openid4vp';
import { setGlobalConfig } from '@openid4vc/utils';
import { ES256, digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { createDidResolver, createEd25519Signer, encodeEd25519Multikey, signDataIntegrity, verifyDataIntegrityCredential } from '@staff-passport/core';
import { CATALOGUE, STAFF_PASSPORT_CONTEXT_V1, VC_CONTEXT_V1, VC_CONTEXT_V2, VOCAB, buildStaffPassportContext, type CredentialTypeDefinition } from '@staff-passport/schemas';
import { MemoryCredentialStore } from '../../packages/wallet-sdk/src/memory/memory-credential-store.js';
import { MemoryKeyStore } from '../../packages/wallet-sdk/src/memory/memory-key-store.js';
import { MemorySharingLog } from '../../packages/wallet-sdk/src/memory/memory-sharing-log.js';
import { acceptCredentialOffer, readCredentialOffer } from '../../packages/wallet-sdk/src/offers/index.js';
import { readPresentationRequest, sharePresentation } from '../../packages/wallet-sdk/src/sharing/index.js';
import type { WalletParts } from '../../packages/wallet-sdk/src/wallet-parts.js';

const VCT = 'https://library-issuer.example/vct/staff-id';
// The newest version of each catalogue type: what an issuer issues under.
const NEWEST = CATALOGUE.filter((d, i) => CATALOGUE.findIndex((x) => x.type === d.type) === i);
/** The catalogue configurations the library issuer offers: every type as an SD-JWT VC, a VC 1.1 JWT and a Data Integrity VC. */
const CATALOGUE_FORMATS = { dc_sd_jwt: 'dc+sd-jwt', jwt_vc_json: 'jwt_vc_json', ldp_vc: 'ldp_vc' } as const;
const TX_CODE = '493536';
const PRE_AUTHORIZED_CODE = randomUUID();

let server: Server;
let base: string;
let issuerKey: { privateJwk: JWK; publicJwk: JWK };
let asKey: { privateJwk: JWK; publicJwk: JWK };
let verifierKey: { privateJwk: JWK; publicJwk: JWK };
/** The issuer's Ed25519 key for Data Integrity proofs (eddsa-rdfc-2022), a Multikey of its DID. */
let issuerLdpKey: { privateKey: KeyObject; multikey: string };
const nonces = new Set<string>();
const notifications: Record<string, unknown>[] = [];
const verifierState: { requestJwt?: string; payload?: Record<string, unknown>; result?: Record<string, unknown>; jwtResult?: VerifiedVpJwt } = {};
const resolver = createDidResolver();
// The issuer's did:web is served over http on 127.0.0.1: for checking what the wallet received.
const loopbackResolver = createDidResolver({ web: { allowPrivateNetwork: true, allowHttp: true } });
/** Set by a test: the next credentials are signed with this key instead of the issuer's (a forgery). */
let forgeWith: JWK | undefined;

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// Compact JWS by hand with node:crypto (the repository root does not depend on jose).
function b64(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

function signJws(header: Record<string, unknown>, payload: Record<string, unknown>, privateJwk: JWK): string {
  const input = `${b64(header)}.${b64(payload)}`;
  const key = createPrivateKey({ key: privateJwk, format: 'jwk' });
  return `${input}.${sign(header['alg'] === 'EdDSA' ? null : 'sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}

/** The JWS payload when the signature verifies with the JWK; throws otherwise. */
function verifyJws(jws: string, publicJwk: JWK): Record<string, unknown> {
  const [header, payload, signature] = jws.split('.');
  const alg = (JSON.parse(Buffer.from(header!, 'base64url').toString()) as { alg: string }).alg;
  const key = createPublicKey({ key: publicJwk, format: 'jwk' });
  if (!verify(alg === 'EdDSA' ? null : 'sha256', Buffer.from(`${header}.${payload}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature!, 'base64url'))) throw new Error('bad signature');
  return JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
}

function es256Pair(): { privateJwk: JWK; publicJwk: JWK } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateJwk: privateKey.export({ format: 'jwk' }), publicJwk: publicKey.export({ format: 'jwk' }) };
}

// The libraries take their crypto as callbacks: jose and node:crypto here.
const verifyJwt: CallbackContext['verifyJwt'] = async (signer: JwtSigner, jwt) => {
  let jwk: JWK | undefined;
  if (signer.method === 'jwk') jwk = signer.publicJwk as JWK;
  if (signer.method === 'did') {
    const did = signer.didUrl.split('#')[0]!;
    const { didDocument } = await resolver.resolve(did);
    jwk = didDocument?.verificationMethod?.find((m) => m.id === signer.didUrl || `${did}${m.id}` === signer.didUrl)?.publicKeyJwk as JWK | undefined;
  }
  if (!jwk) return { verified: false };
  try {
    verifyJws(jwt.compact, jwk);
    return { verified: true, signerJwk: jwk as never };
  } catch {
    return { verified: false };
  }
};

const callbacks: CallbackContext = {
  fetch: (input, init) => fetch(input, init),
  hash: (data, alg) => new Uint8Array(createHash(alg.replace('-', '').toLowerCase()).update(data).digest()),
  generateRandom: (bytes) => new Uint8Array(randomBytes(bytes)),
  clientAuthentication: () => undefined,
  verifyJwt,
  signJwt: async (signer: JwtSigner, { header, payload }) => {
    // The authorisation server signs access tokens with its jwk; the verifier its request objects with its DID key.
    const pair = signer.method === 'did' ? verifierKey : asKey;
    return { jwt: signJws({ ...header, alg: signer.alg }, payload, pair.privateJwk), signerJwk: pair.publicJwk as never };
  },
  decryptJwe: () => {
    throw new Error('no encryption in this test');
  },
  encryptJwe: () => {
    throw new Error('no encryption in this test');
  },
};

const issuer = new Openid4vciIssuer({ callbacks });
const authorizationServer = new Oauth2AuthorizationServer({ callbacks });
const verifier = new Openid4vpVerifier({ callbacks });

function issuerMetadata(): IssuerMetadataResult {
  const credentialIssuer = `${base}/library/issuer`;
  const proofTypes = { jwt: { proof_signing_alg_values_supported: ['EdDSA', 'ES256'] } };
  return {
    originalDraftVersion: 'V1' as never,
    credentialIssuer: issuer.createCredentialIssuerMetadata({
      credential_issuer: credentialIssuer,
      credential_endpoint: `${base}/library/credential`,
      nonce_endpoint: `${base}/library/nonce`,
      notification_endpoint: `${base}/library/notification`,
      display: [{ name: 'Library Hospital', locale: 'en-GB' }],
      credential_configurations_supported: {
        StaffId_dc_sd_jwt: {
          format: 'dc+sd-jwt',
          vct: VCT,
          cryptographic_binding_methods_supported: ['jwk', 'did:key', 'did:jwk'],
          credential_signing_alg_values_supported: ['ES256'],
          proof_types_supported: proofTypes,
          credential_metadata: { display: [{ name: 'Staff ID (SD-JWT)', locale: 'en-GB' }] },
        },
        StaffId_jwt_vc_json: {
          format: 'jwt_vc_json',
          credential_definition: { type: ['VerifiableCredential', 'StaffIdCredential'] },
          cryptographic_binding_methods_supported: ['did:key', 'did:jwk'],
          credential_signing_alg_values_supported: ['ES256'],
          proof_types_supported: proofTypes,
          credential_metadata: { display: [{ name: 'Staff ID', locale: 'en-GB' }] },
        },
        ...catalogueConfigurations(proofTypes),
      },
    }),
    authorizationServers: [
      authorizationServer.createAuthorizationServerMetadata({
        issuer: credentialIssuer,
        token_endpoint: `${base}/library/token`,
        'pre-authorized_grant_anonymous_access_supported': true,
      }),
    ],
    knownCredentialConfigurations: {} as never,
  };
}

/** `<Type>_dc_sd_jwt` (vct of the catalogue) and `<Type>_jwt_vc_json` (W3C type) for every catalogue type. */
function catalogueConfigurations(proofTypes: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const d of NEWEST) {
    const display = { credential_metadata: { display: [{ name: d.title, locale: 'en-GB' }] } };
    out[`${d.type}_dc_sd_jwt`] = { format: 'dc+sd-jwt', vct: d.vct, cryptographic_binding_methods_supported: ['jwk', 'did:key', 'did:jwk'], credential_signing_alg_values_supported: ['ES256'], proof_types_supported: proofTypes, ...display };
    out[`${d.type}_jwt_vc_json`] = {
      format: 'jwt_vc_json',
      credential_definition: { type: ['VerifiableCredential', d.type] },
      cryptographic_binding_methods_supported: ['did:key', 'did:jwk'],
      credential_signing_alg_values_supported: ['ES256'],
      proof_types_supported: proofTypes,
      ...display,
    };
    out[`${d.type}_ldp_vc`] = {
      format: 'ldp_vc',
      credential_definition: { '@context': [VC_CONTEXT_V2, STAFF_PASSPORT_CONTEXT_V1], type: ['VerifiableCredential', d.type] },
      cryptographic_binding_methods_supported: ['did:key', 'did:jwk'],
      credential_signing_alg_values_supported: ['eddsa-rdfc-2022'],
      proof_types_supported: proofTypes,
      ...display,
    };
  }
  return out;
}

/** A valid subject of the type: the catalogue's example, without the holder id (the issuer binds the holder). */
function subjectOf(d: CredentialTypeDefinition): Record<string, unknown> {
  const { id: _holder, ...claims } = (d.example['credentialSubject'] ?? {}) as Record<string, unknown>;
  return claims;
}

/** The catalogue type and format of a `<Type>_<format>` configuration id; undefined for the StaffId ones. */
function catalogueConfiguration(configurationId: string): { d: CredentialTypeDefinition; format: string } | undefined {
  for (const [suffix, format] of Object.entries(CATALOGUE_FORMATS)) {
    const d = NEWEST.find((x) => configurationId === `${x.type}_${suffix}`);
    if (d) return { d, format };
  }
  return undefined;
}

// The issuer signs as the did:web its credential issuer URL names (did:web spec, "Create"), which
// our wallet checks before storing: did:web:127.0.0.1%3A<port>:library:issuer, served below.
function issuerDid(): string {
  return `did:web:${encodeURIComponent(new URL(base).host)}:library:issuer`;
}

function issuerDidDocument(): Record<string, unknown> {
  const did = issuerDid();
  return {
    '@context': ['https://www.w3.org/ns/did/v1'],
    id: did,
    verificationMethod: [
      { id: `${did}#issuer-key`, type: 'JsonWebKey2020', controller: did, publicKeyJwk: issuerKey.publicJwk },
      { id: `${did}#ldp-key`, type: 'Multikey', controller: did, publicKeyMultibase: issuerLdpKey.multikey },
    ],
    assertionMethod: [`${did}#issuer-key`, `${did}#ldp-key`],
  };
}

async function issueCredential(configurationId: string, holder: { jwk: JWK; did?: string }, signWith: JWK = issuerKey.privateJwk): Promise<string | Record<string, unknown>> {
  const iat = Math.floor(Date.now() / 1000);
  const kid = `${issuerDid()}#issuer-key`;
  const catalogue = catalogueConfiguration(configurationId);
  if (catalogue) {
    const { d, format } = catalogue;
    const claims = subjectOf(d);
    if (format === 'dc+sd-jwt') {
      // SD-JWT VC: the subject's claims at the top level (SD-JWT VC, section 3.2.2), each one selectively disclosable.
      const sdjwt = new SDJwtVcInstance({ signer: await ES256.getSigner(signWith), signAlg: 'ES256', hasher: digest, saltGenerator: generateSalt });
      return sdjwt.issue({ iss: issuerDid(), iat, vct: d.vct, cnf: { jwk: holder.jwk }, ...claims }, { _sd: Object.keys(claims) } as never, { header: { kid } });
    }
    if (format === 'ldp_vc') {
      // VC Data Model 2.0 with a Data Integrity proof (eddsa-rdfc-2022) by the issuer DID's Ed25519 key.
      const credential = {
        '@context': [VC_CONTEXT_V2, STAFF_PASSPORT_CONTEXT_V1],
        id: `urn:uuid:${randomUUID()}`,
        type: ['VerifiableCredential', d.type],
        issuer: issuerDid(),
        validFrom: new Date(iat * 1000).toISOString().replace('.000', ''),
        credentialSchema: { id: d.schemaId, type: 'JsonSchema' },
        credentialSubject: { id: holder.did, ...claims },
      };
      return signDataIntegrity({ document: credential, signer: createEd25519Signer(issuerLdpKey.privateKey, `${issuerDid()}#ldp-key`) });
    }
    // VC Data Model 1.1 JWT (section 6.3.1): the credential under `vc`, iss/sub/jti standing for its properties.
    const vc = {
      '@context': [VC_CONTEXT_V1, STAFF_PASSPORT_CONTEXT_V1],
      type: ['VerifiableCredential', d.type],
      credentialSchema: { id: d.schemaId, type: 'JsonSchema' },
      credentialSubject: { id: holder.did, ...claims },
    };
    return signJws({ alg: 'ES256', typ: 'JWT', kid }, { iss: issuerDid(), sub: holder.did, iat, nbf: iat, jti: `urn:uuid:${randomUUID()}`, vc }, signWith);
  }
  const subject = { given_name: 'Priya', family_name: 'Patel', job_title: 'Staff Nurse', pay_band: 'Band 5' };
  if (configurationId === 'StaffId_dc_sd_jwt') {
    const sdjwt = new SDJwtVcInstance({ signer: await ES256.getSigner(signWith), signAlg: 'ES256', hasher: digest, saltGenerator: generateSalt });
    return sdjwt.issue(
      { iss: issuerDid(), iat, vct: VCT, cnf: { jwk: holder.jwk }, ...subject },
      { _sd: ['given_name', 'family_name', 'job_title', 'pay_band'] },
      { header: { kid } },
    );
  }
  const vc = { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiableCredential', 'StaffIdCredential'], credentialSubject: { id: holder.did, ...subject } };
  return signJws({ alg: 'ES256', typ: 'JWT', kid }, { iss: issuerDid(), sub: holder.did, iat, jti: `urn:uuid:${randomUUID()}`, vc }, signWith);
}

const routes: Record<string, (req: IncomingMessage, res: ServerResponse, body: string) => Promise<void>> = {
  'GET /library/issuer/did.json': async (_req, res) => json(res, 200, issuerDidDocument()),
  'GET /.well-known/openid-credential-issuer/library/issuer': async (_req, res) => json(res, 200, issuerMetadata().credentialIssuer),
  'GET /.well-known/oauth-authorization-server/library/issuer': async (_req, res) => json(res, 200, issuerMetadata().authorizationServers[0]),
  'GET /library/offers/1': async (_req, res) => json(res, 200, (await createOffer()).credentialOfferObject),
  'GET /library/offers/catalogue': async (_req, res) => json(res, 200, (await createCatalogueOffer()).credentialOfferObject),
  'POST /library/token': async (req, res, body) => {
    const request = { headers: new Headers(req.headers as Record<string, string>), method: 'POST' as const, url: `${base}${req.url}` };
    const metadata = issuerMetadata();
    const parsed = authorizationServer.parseAccessTokenRequest({ request, accessTokenRequest: Object.fromEntries(new URLSearchParams(body)) });
    if (parsed.grant.grantType !== 'urn:ietf:params:oauth:grant-type:pre-authorized_code') throw new Error('unexpected grant');
    await authorizationServer.verifyPreAuthorizedCodeAccessTokenRequest({
      grant: parsed.grant,
      accessTokenRequest: parsed.accessTokenRequest,
      request,
      expectedPreAuthorizedCode: PRE_AUTHORIZED_CODE,
      expectedTxCode: TX_CODE,
      authorizationServerMetadata: metadata.authorizationServers[0]!,
    });
    const response = await authorizationServer.createAccessTokenResponse({
      audience: metadata.credentialIssuer.credential_issuer,
      authorizationServer: metadata.authorizationServers[0]!.issuer,
      expiresInSeconds: 300,
      subject: PRE_AUTHORIZED_CODE,
      signer: { method: 'jwk', alg: 'ES256', publicJwk: asKey.publicJwk as never },
    });
    json(res, 200, response);
  },
  'POST /library/nonce': async (_req, res) => {
    const cNonce = randomUUID();
    nonces.add(cNonce);
    json(res, 200, issuer.createNonceResponse({ cNonce, cNonceExpiresIn: 300 }));
  },
  'POST /library/credential': async (req, res, body) => {
    const token = String(req.headers['authorization'] ?? '').replace(/^Bearer /, '');
    try {
      verifyJws(token, asKey.publicJwk);
    } catch {
      throw new Oauth2ServerErrorResponseError({ error: 'invalid_token' }, { status: 401 });
    }
    const metadata = issuerMetadata();
    const parsed = issuer.parseCredentialRequest({ issuerMetadata: metadata, credentialRequest: JSON.parse(body) as Record<string, unknown> });
    const jwts = parsed.proofs?.jwt ?? [];
    const credentials: { credential: string | Record<string, unknown> }[] = [];
    for (const jwt of jwts) {
      const nonce = (JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as { nonce?: string }).nonce;
      const verified = await issuer.verifyCredentialRequestJwtProof({ issuerMetadata: metadata, jwt, expectedNonce: nonce && nonces.has(nonce) ? nonce : 'not-issued' });
      nonces.delete(nonce!);
      const did = verified.signer.method === 'did' ? verified.signer.didUrl.split('#')[0] : undefined;
      credentials.push({ credential: await issueCredential(parsed.credentialConfigurationId!, { jwk: verified.signer.publicJwk as JWK, ...(did ? { did } : {}) }, forgeWith) });
    }
    json(res, 200, issuer.createCredentialResponse({ credentialRequest: parsed, credentials, notificationId: randomUUID() }));
  },
  'POST /library/notification': async (_req, res, body) => {
    notifications.push(JSON.parse(body) as Record<string, unknown>);
    json(res, 204, undefined);
  },
  'GET /verifier/did.json': async (_req, res) => json(res, 200, verifierDidDocument()),
  'GET /verifier/request/1': async (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/oauth-authz-req+jwt' });
    res.end(verifierState.requestJwt);
  },
  'POST /verifier/response/1': async (_req, res, body) => {
    const form = Object.fromEntries(new URLSearchParams(body));
    const parsed = await verifier.parseOpenid4vpAuthorizationResponse({
      authorizationResponse: form,
      authorizationRequestPayload: verifierState.payload as never,
      callbacks,
    });
    if (parsed.type !== 'dcql') throw new Error('expected a DCQL response');
    const query = (verifierState.payload!['dcql_query'] as { credentials: { id: string; format: string }[] }).credentials[0]!;
    if (query.format === 'jwt_vc_json') {
      verifierState.jwtResult = await verifyVpJwt(parsed.dcql.presentations[query.id]![0] as string, { nonce: parsed.expectedNonce, clientId: verifierState.payload!['client_id'] as string });
      return json(res, 200, { redirect_uri: `${base}/verifier/done` });
    }
    const presentation = parsed.dcql.presentations['staff']![0] as string;
    const sdjwt = new SDJwtVcInstance({
      hasher: digest,
      verifier: await ES256.getVerifier(issuerKey.publicJwk),
      kbVerifier: async (data: string, signature: string, payload: Record<string, unknown>) => {
        verifyJws(`${data}.${signature}`, (payload['cnf'] as { jwk: JWK }).jwk);
        return true;
      },
    });
    const verified = await sdjwt.verify(presentation, { keyBindingNonce: parsed.expectedNonce, requiredClaimKeys: ['given_name', 'family_name', 'job_title'] });
    verifierState.result = { payload: verified.payload, kb: verified.kb?.payload };
    json(res, 200, { redirect_uri: `${base}/verifier/done` });
  },
};

/** What the library's verifier side read from a verified VP JWT. */
interface VerifiedVpJwt {
  holder: string;
  vp: Record<string, unknown>;
  credential: Record<string, unknown>;
}

/** The public JWK a DID URL names (did:key and did:jwk resolve locally). */
async function didUrlJwk(didUrl: string): Promise<JWK> {
  const did = didUrl.split('#')[0]!;
  const { didDocument } = await resolver.resolve(did);
  const method = didDocument?.verificationMethod?.find((m) => m.id === didUrl || `${did}${m.id}` === didUrl);
  if (!method?.publicKeyJwk) throw new Error(`no key ${didUrl}`);
  return method.publicKeyJwk as JWK;
}

/**
 * The verifier's checks of a jwt_vc_json presentation (OpenID4VP 1.0, appendix B.1.3.1): a VP JWT
 * signed by the holder's DID key (`kid`), `iss` the holder, `aud` the client_id, `nonce` the
 * request's; inside it the credential JWT signed by the issuer, its subject the holder.
 */
async function verifyVpJwt(vpJwt: string, expected: { nonce: string; clientId: string }): Promise<VerifiedVpJwt> {
  const header = JSON.parse(Buffer.from(vpJwt.split('.')[0]!, 'base64url').toString()) as { kid?: string };
  if (!header.kid) throw new Error('the VP JWT names no key');
  const payload = verifyJws(vpJwt, await didUrlJwk(header.kid));
  const holder = header.kid.split('#')[0]!;
  if (payload['iss'] !== holder) throw new Error('the VP JWT is not issued by the key holder');
  if (payload['aud'] !== expected.clientId || payload['nonce'] !== expected.nonce) throw new Error('the VP JWT is for another request');
  const vp = payload['vp'] as { verifiableCredential: string[] };
  const credential = verifyJws(vp.verifiableCredential[0]!, issuerKey.publicJwk);
  if (credential['iss'] !== issuerDid() || credential['sub'] !== holder) throw new Error('the credential is not the issuer\'s, or not the holder\'s');
  return { holder, vp: payload, credential };
}

function verifierDid(): string {
  return `did:web:${encodeURIComponent(new URL(base).host)}:verifier`;
}

function verifierDidDocument(): Record<string, unknown> {
  const did = verifierDid();
  return { '@context': ['https://www.w3.org/ns/did/v1'], id: did, verificationMethod: [{ id: `${did}#key-1`, type: 'JsonWebKey2020', controller: did, publicKeyJwk: verifierKey.publicJwk }], authentication: [`${did}#key-1`], assertionMethod: [`${did}#key-1`] };
}

async function createOffer() {
  return issuer.createCredentialOffer({
    issuerMetadata: issuerMetadata(),
    credentialConfigurationIds: ['StaffId_dc_sd_jwt', 'StaffId_jwt_vc_json'],
    grants: {
      'urn:ietf:params:oauth:grant-type:pre-authorized_code': {
        'pre-authorized_code': PRE_AUTHORIZED_CODE,
        tx_code: { input_mode: 'numeric', length: 6, description: 'The code HR sent to your work email' },
      },
    },
    credentialOfferUri: `${base}/library/offers/1`,
  });
}

async function createCatalogueOffer() {
  return issuer.createCredentialOffer({
    issuerMetadata: issuerMetadata(),
    credentialConfigurationIds: NEWEST.flatMap((d) => Object.keys(CATALOGUE_FORMATS).map((suffix) => `${d.type}_${suffix}`)),
    grants: { 'urn:ietf:params:oauth:grant-type:pre-authorized_code': { 'pre-authorized_code': PRE_AUTHORIZED_CODE, tx_code: { input_mode: 'numeric', length: 6 } } },
    credentialOfferUri: `${base}/library/offers/catalogue`,
  });
}

beforeAll(async () => {
  setGlobalConfig({ allowInsecureUrls: true });
  const pair = await ES256.generateKeyPair();
  issuerKey = { privateJwk: pair.privateKey as JWK, publicJwk: pair.publicKey as JWK };
  asKey = es256Pair();
  verifierKey = es256Pair();
  const ed = generateKeyPairSync('ed25519');
  issuerLdpKey = { privateKey: ed.privateKey, multikey: encodeEd25519Multikey(Buffer.from(ed.publicKey.export({ format: 'jwk' }).x!, 'base64url')) };
  server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const route = routes[`${req.method} ${new URL(req.url!, 'http://x').pathname}`];
      if (!route) return json(res, 404, { error: 'not_found' });
      try {
        await route(req, res, body);
      } catch (err: unknown) {
        if (err instanceof Oauth2ServerErrorResponseError) return json(res, err.status ?? 400, err.errorResponse);
        return json(res, 400, { error: 'invalid_request', error_description: err instanceof Error ? err.message : String(err) });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  setGlobalConfig({ allowInsecureUrls: false });
  await new Promise((resolve) => server.close(resolve));
});

function walletParts(): WalletParts {
  // allowHttpLoopback: the issuer's did:web is served here over plain http on 127.0.0.1.
  return { keys: new MemoryKeyStore(), credentials: new MemoryCredentialStore(), log: new MemorySharingLog(), fetch: (input, init) => fetch(input, init), now: () => new Date(), allowHttpLoopback: true };
}

describe('our wallet SDK with the independent library as issuer and verifier', () => {
  const parts = walletParts();

  it('receives from the library issuer: offer by reference, tx_code, nonce, proof, both formats (OpenID4VCI 1.0, sections 4-8, 11)', async () => {
    const { credentialOffer } = await createOffer();
    const preview = await readCredentialOffer(parts, credentialOffer);
    expect(preview.credentialIssuer).toBe(`${base}/library/issuer`);
    expect(preview.issuerName).toBe('Library Hospital');
    expect(preview.organisation).toBeUndefined();
    expect(preview.txCode).toEqual({ inputMode: 'numeric', length: 6, description: 'The code HR sent to your work email' });
    expect(preview.credentials.map((c) => [c.configurationId, c.format, c.name])).toEqual([
      ['StaffId_dc_sd_jwt', 'dc+sd-jwt', 'Staff ID (SD-JWT)'],
      ['StaffId_jwt_vc_json', 'jwt_vc_json', 'Staff ID'],
    ]);

    // Both configurations are different kinds to the wallet (a vct, and a W3C type), so both are taken.
    const result = await acceptCredentialOffer(parts, preview, { txCode: TX_CODE, keyAlg: 'ES256', keyMethod: 'did:jwk' });
    expect(result.pending).toEqual([]);
    expect(result.credentials.map((c) => c.format).sort()).toEqual(['dc+sd-jwt', 'jwt_vc_json']);
    const [holder] = await parts.keys.listKeys();
    for (const c of result.credentials) {
      expect(c.holder).toBe(holder!.did);
      expect(c.claims).toMatchObject({ given_name: 'Priya', pay_band: 'Band 5' });
    }
    expect(await parts.credentials.list()).toHaveLength(2);
    expect(notifications.map((n) => n['event'])).toEqual(['credential_accepted', 'credential_accepted']);
    const log = await parts.log.list({ action: 'received' });
    expect(log).toHaveLength(1);
    expect(log[0]!.counterparty).toEqual({ id: `${base}/library/issuer`, name: 'Library Hospital' });
  });

  it('a wrong tx_code is the issuer error invalid_grant (OpenID4VCI 1.0, section 6.3)', async () => {
    const preview = await readCredentialOffer(walletParts(), (await createOffer()).credentialOffer);
    await expect(acceptCredentialOffer(walletParts(), preview, { txCode: '000000' })).rejects.toMatchObject({ code: 'ERR_WALLET_ISSUER_ERROR', field: 'invalid_grant' });
  });

  it('refuses a credential not signed by the issuer DID: nothing stored, credential_failure sent (OpenID4VCI 1.0, section 11.1)', async () => {
    const p = walletParts();
    const preview = await readCredentialOffer(p, (await createOffer()).credentialOffer);
    const before = notifications.length;
    forgeWith = (await ES256.generateKeyPair()).privateKey as JWK;
    try {
      await expect(acceptCredentialOffer(p, preview, { txCode: TX_CODE, configurationIds: ['StaffId_jwt_vc_json'] })).rejects.toMatchObject({ code: 'ERR_WALLET_ISSUER_ERROR', field: 'credential' });
    } finally {
      forgeWith = undefined;
    }
    expect(await p.credentials.list()).toEqual([]);
    expect(notifications.slice(before).map((n) => n['event'])).toEqual(['credential_failure']);
    expect(await p.log.list()).toEqual([]);
  });

  it('shares with the library verifier, leaving one optional claim out (OpenID4VP 1.0, sections 5.9.3, 6.4.1, 8.2)', async () => {
    const clientId = `decentralized_identifier:${verifierDid()}`;
    const nonce = randomUUID();
    const created = await verifier.createOpenId4vpAuthorizationRequest({
      authorizationRequestPayload: {
        response_type: 'vp_token',
        client_id: clientId,
        response_mode: 'direct_post',
        response_uri: `${base}/verifier/response/1`,
        nonce,
        state: 'state-1',
        dcql_query: {
          credentials: [
            {
              id: 'staff',
              format: 'dc+sd-jwt',
              meta: { vct_values: [VCT] },
              claims: [
                { id: 'given', path: ['given_name'] },
                { id: 'family', path: ['family_name'] },
                { id: 'job', path: ['job_title'] },
                { id: 'band', path: ['pay_band'] },
              ],
              claim_sets: [['given', 'family', 'job', 'band'], ['given', 'family', 'job']],
            },
          ],
        },
        client_metadata: { client_name: 'Library Verifier', vp_formats_supported: { 'dc+sd-jwt': { 'sd-jwt_alg_values': ['ES256'], 'kb-jwt_alg_values': ['ES256', 'EdDSA'] } } },
      } as never,
      jar: { requestUri: `${base}/verifier/request/1`, jwtSigner: { method: 'did', didUrl: `${verifierDid()}#key-1`, alg: 'ES256' }, expiresInSeconds: 300 },
    });
    verifierState.requestJwt = created.jar!.authorizationRequestJwt;
    verifierState.payload = created.authorizationRequestPayload as Record<string, unknown>;

    const preview = await readPresentationRequest(parts, created.authorizationRequest, { allowHttpLoopback: true });
    expect(preview).toMatchObject({ clientId, clientName: 'Library Verifier', verifierDid: verifierDid(), queryLanguage: 'dcql', unsatisfied: [] });
    const [query] = preview.queries;
    expect(query!.candidates).toHaveLength(1);
    const candidate = query!.candidates[0]!;
    expect(candidate.credential.format).toBe('dc+sd-jwt');
    expect(candidate.claims.map((c) => [c.path, c.required])).toEqual([
      ['given_name', true],
      ['family_name', true],
      ['job_title', true],
      ['pay_band', false],
    ]);

    const shared = await sharePresentation(parts, preview, { choices: { staff: { credentialId: candidate.credential.id, omit: ['pay_band'] } } });
    expect(shared.redirectUri).toBe(`${base}/verifier/done`);
    const result = verifierState.result as { payload: Record<string, unknown>; kb: Record<string, unknown> };
    expect(result.payload).toMatchObject({ given_name: 'Priya', family_name: 'Patel', job_title: 'Staff Nurse' });
    expect(result.payload['pay_band']).toBeUndefined();
    expect(result.kb).toMatchObject({ aud: clientId, nonce });

    const log = await parts.log.list();
    expect(log.map((e) => e.action)).toEqual(['received', 'shared']);
    expect(log[1]).toMatchObject({ counterparty: { id: clientId, name: 'Library Verifier' }, credentialIds: [candidate.credential.id] });
    expect(log[1]!.claimsDisclosed).toEqual(['credentialSubject.given_name', 'credentialSubject.family_name', 'credentialSubject.job_title']);
  });
});

describe('our wallet SDK with the library issuer and verifier: every catalogue type', () => {
  const catalogueParts = walletParts();
  let holder: string;

  it('receives every catalogue type from the library issuer as dc+sd-jwt, jwt_vc_json and ldp_vc (OpenID4VCI 1.0, sections 8.3, 12.2.4, appendix A)', async () => {
    const { credentialOffer } = await createCatalogueOffer();
    const preview = await readCredentialOffer(catalogueParts, credentialOffer);
    // The wallet recognises each configuration as its catalogue type: by vct (SD-JWT VC) or by W3C type.
    expect(preview.credentials.map((c) => [c.configurationId, c.format, c.catalogueType, c.name, c.supported])).toEqual(
      NEWEST.flatMap((d) => Object.entries(CATALOGUE_FORMATS).map(([suffix, format]) => [`${d.type}_${suffix}`, format, d.type, d.title, true])),
    );

    // One type in several formats is taken once per accept, so each format is accepted in turn, to one holder.
    const before = notifications.length;
    const sdJwt = await acceptCredentialOffer(catalogueParts, preview, { txCode: TX_CODE, formats: ['dc+sd-jwt'] });
    holder = sdJwt.credentials[0]!.holder;
    const jwtVc = await acceptCredentialOffer(catalogueParts, preview, { txCode: TX_CODE, formats: ['jwt_vc_json'], holder });
    const ldpVc = await acceptCredentialOffer(catalogueParts, preview, { txCode: TX_CODE, formats: ['ldp_vc'], holder });
    expect([sdJwt.pending, jwtVc.pending, ldpVc.pending]).toEqual([[], [], []]);
    for (const [result, format] of [[sdJwt, 'dc+sd-jwt'], [jwtVc, 'jwt_vc_json'], [ldpVc, 'ldp_vc']] as const) {
      expect(result.credentials.map((c) => [c.types, c.format])).toEqual(NEWEST.map((d) => [[d.type], format]));
      for (const [i, c] of result.credentials.entries()) {
        const d = NEWEST[i]!;
        // Every claim of the subject arrived (for SD-JWT, every Disclosure), bound to the holder, from the issuer DID.
        expect([d.type, c.claims]).toEqual([d.type, subjectOf(d)]);
        expect([c.holder, c.issuer]).toEqual([holder, issuerDid()]);
        if (format === 'dc+sd-jwt') expect(c.vct).toBe(d.vct);
      }
    }
    expect(await catalogueParts.credentials.list()).toHaveLength(3 * NEWEST.length);
    expect(notifications.slice(before).map((n) => n['event'])).toEqual(Array(3 * NEWEST.length).fill('credential_accepted'));
    // The wallet cannot check a Data Integrity proof in a browser (it checks the proof's key is the
    // issuer's); what it stored still verifies, and its subject passes the catalogue schema.
    for (const c of ldpVc.credentials) {
      const verified = await verifyDataIntegrityCredential({ credential: c.raw, resolver: loopbackResolver });
      expect([c.types[0], verified.checks.filter((check) => check.outcome !== 'passed')]).toEqual([c.types[0], []]);
    }
  });

  it('presents a jwt_vc_json credential to the library verifier: a VP JWT answering DCQL type_values (OpenID4VP 1.0, sections 6.1, 8.2, appendix B.1)', async () => {
    const d = NEWEST.find((x) => x.type === 'DbsCheck')!;
    const clientId = `decentralized_identifier:${verifierDid()}`;
    const nonce = randomUUID();
    // type_values are fully expanded type IRIs (appendix B.1.1): the staff passport context maps DbsCheck into VOCAB.
    const typeIri = `${VOCAB}DbsCheck`;
    const created = await verifier.createOpenId4vpAuthorizationRequest({
      authorizationRequestPayload: {
        response_type: 'vp_token',
        client_id: clientId,
        response_mode: 'direct_post',
        response_uri: `${base}/verifier/response/1`,
        nonce,
        state: 'state-jwt',
        dcql_query: {
          credentials: [
            {
              id: 'dbs',
              format: 'jwt_vc_json',
              meta: { type_values: [['https://www.w3.org/2018/credentials#VerifiableCredential', typeIri]] },
              claims: [
                { path: ['credentialSubject', 'dbs', 'level'] },
                { path: ['credentialSubject', 'dbs', 'issuedOn'] },
              ],
            },
          ],
        },
        client_metadata: { client_name: 'Library Verifier', vp_formats_supported: { jwt_vc_json: { alg_values: ['ES256', 'EdDSA'] } } },
      } as never,
      jar: { requestUri: `${base}/verifier/request/1`, jwtSigner: { method: 'did', didUrl: `${verifierDid()}#key-1`, alg: 'ES256' }, expiresInSeconds: 300 },
    });
    verifierState.requestJwt = created.jar!.authorizationRequestJwt;
    verifierState.payload = created.authorizationRequestPayload as Record<string, unknown>;
    verifierState.jwtResult = undefined;

    const preview = await readPresentationRequest(catalogueParts, created.authorizationRequest, { allowHttpLoopback: true });
    expect(preview).toMatchObject({ clientId, queryLanguage: 'dcql', unsatisfied: [] });
    // Only the jwt_vc_json DbsCheck answers: not its SD-JWT twin (format), not another W3C type (type_values).
    const [query] = preview.queries;
    expect(query!.candidates.map((c) => [c.credential.format, c.credential.types])).toEqual([['jwt_vc_json', ['DbsCheck']]]);
    const candidate = query!.candidates[0]!;
    expect(candidate.selective).toBe(false);
    expect(candidate.claims.map((c) => [c.path, c.required])).toEqual([
      ['credentialSubject.dbs.level', true],
      ['credentialSubject.dbs.issuedOn', true],
    ]);

    const shared = await sharePresentation(catalogueParts, preview);
    expect(shared.redirectUri).toBe(`${base}/verifier/done`);
    // The library parsed the vp_token against the query; the verifier checked the VP JWT and the credential in it.
    const result = verifierState.jwtResult!;
    expect(result.holder).toBe(holder);
    expect(result.vp).toMatchObject({ iss: holder, aud: clientId, nonce, vp: { type: ['VerifiablePresentation'] } });
    const vc = result.credential['vc'] as { '@context': string[]; type: string[]; credentialSubject: Record<string, unknown> };
    expect(vc.credentialSubject).toEqual({ id: holder, ...subjectOf(d) });
    // What the verifier asked for by IRI is the credential's compact type as its @context defines it.
    const context = buildStaffPassportContext()['@context'] as Record<string, unknown>;
    expect(vc['@context']).toContain(STAFF_PASSPORT_CONTEXT_V1);
    const term = (context['DbsCheck'] as { '@id': string })['@id'];
    const [prefix, local] = term.split(':');
    expect(`${context[prefix!] as string}${local!}`).toBe(typeIri);
    expect(vc.type).toContain('DbsCheck');

    const log = await catalogueParts.log.list({ action: 'shared' });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ counterparty: { id: clientId, name: 'Library Verifier' }, credentialIds: [candidate.credential.id] });
    // No selective disclosure in a JWT VC: the log says the whole subject went, its id (the holder) too.
    expect(log[0]!.claimsDisclosed).toEqual(['id', ...Object.keys(subjectOf(d))].map((name) => `credentialSubject.${name}`));
  });
});
