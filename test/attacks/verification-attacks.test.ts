/**
 * Issue 10: the verifier cannot be fooled. Each attack is a named case with the exact error codes
 * of the checks that must fail, run against the REAL verifier over HTTP (`POST
 * /credentials/verify`, `POST /presentations/verify`): real issuer keys, real did:web documents,
 * real status lists. Where the attack needs the network to misbehave (a man in the middle of a
 * status list fetch, a did:web host that redirects or stalls), the verifier app is the same one,
 * built on a context whose fetcher or resolver is injected (DESIGN.md, "Inject the world").
 *
 * Every case also proves the answer is a 400 `application/problem+json` report (never a 5xx).
 * Specs: RFC 7515/7518 (JWS, `alg`), RFC 8725 section 3.1-3.2 (algorithm verification), RFC 9901
 * sections 7.1 and 7.3 (Disclosures, Key Binding), VC Data Model 2.0 section 4.9 (validity),
 * Bitstring Status List v1.0 sections 3.2 and 6.4 (validation, signed lists), did:web "Security
 * and Privacy Considerations", VC Data Integrity section 2.4 (contexts are not fetched).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  Bitstring,
  StatusListCache,
  buildStatusListCredential,
  createDidResolver,
  createLogger,
  createNodeJwsSigner,
  createStatusListFetcher,
  encodeBitstringList,
  isNonPublicAddress,
  nodeSdJwtCrypto,
  presentSdJwt,
  signVcJose,
  signVpJose,
  type ErrorCode,
  type StatusListFetcher,
  type TrustRegistry,
} from '@staff-passport/core';
import { listen } from '@staff-passport/web-kit';
import { createApiKey, createOrganisation, getOrgSigner, rotateOrgKeys, type Organisation } from '@staff-passport/issuer';
import { classifyCredential, createVerifierApp, createVerifierContext, verifyCredential, type VerifierContext } from '@staff-passport/verifier';
import { getChallenge, postJson, startServices, type Services } from '../helpers/start-services.js';
import { trainingCredential } from '../helpers/training-credential.js';
import { createAttackerIssuer, startAttackerSite, type AttackerIssuer, type AttackerSite } from './lib/attacker-site.js';
import { decodePart, encodePart, publicKeySecrets, signAs, splitJws, withAlgNone, withHs256, withPayload } from './lib/forge-jws.js';
import { simulatePublicHost } from './lib/simulated-public-host.js';

// ---------------------------------------------------------------------------------------------
// The world: a real issuer and verifier, an attacker's web server, a holder, a trust registry.

let clock = Date.now();
const now = (): Date => new Date(clock);
let services: Services;
let site: AttackerSite;
let attacker: AttackerIssuer;
let registry: TrustRegistry | undefined;
/** Organisation B: listed in the registry for EmploymentAssignment only. */
let orgB: { org: Organisation; apiKey: string };
/** Organisation C: rotates its keys in one case (its DID is resolved by the verifier only then). */
let orgC: { org: Organisation; apiKey: string };
const closers: (() => Promise<void>)[] = [];

const holderKeys = generateKeyPairSync('ed25519');
const holderJwk = holderKeys.publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
const holder = `did:jwk:${Buffer.from(JSON.stringify({ kty: holderJwk.kty, crv: holderJwk.crv, x: holderJwk.x })).toString('base64url')}`;
const holderSigner = createNodeJwsSigner({ privateKey: holderKeys.privateKey, kid: `${holder}#0` });
/** Another holder's DID, for credentials re-bound to someone else. */
const MALLORY = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

beforeAll(async () => {
  services = await startServices({ now, trustRegistry: () => registry });
  site = await startAttackerSite();
  attacker = createAttackerIssuer(site, 'evil-trust', services.org.odsCode);
  const extraOrg = async (name: string, odsCode: string) => {
    const org = await createOrganisation(services.issuer, { name, odsCode }, 'test');
    const { apiKey } = await createApiKey(services.issuer, { orgId: org.id, role: 'issuer' }, 'test');
    return { org, apiKey };
  };
  orgB = await extraOrg('Other Valley Community Trust', 'RZB');
  orgC = await extraOrg('Rotating Hills NHS Trust', 'RZC');
  const entry = (o: Organisation, credentialTypes: string[]) => ({ did: o.did, odsCode: o.odsCode, name: o.name, credentialTypes, validFrom: '2020-01-01T00:00:00Z' });
  registry = {
    type: 'StaffPassportTrustRegistry',
    id: 'urn:uuid:6b1d0c1e-attack-suite',
    name: 'Attack suite registry',
    version: 1,
    issuedAt: '2020-01-01T00:00:00Z',
    validUntil: '2099-01-01T00:00:00Z',
    operator: { name: 'Test operator' },
    entries: [entry(services.org, ['*']), entry(orgB.org, ['EmploymentAssignment']), entry(orgC.org, ['*'])],
  };
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await site.close();
  await services.close();
});

// ---------------------------------------------------------------------------------------------
// Helpers: issue for real, reach the real verifier, change the clock.

type Format = 'vc+jwt' | 'dc+sd-jwt' | 'ldp_vc';

interface Issued {
  /** What the issuer answered (an EnvelopedVerifiableCredential, or the Data Integrity credential). */
  vc: unknown;
  /** The compact JWT or SD-JWT for the JOSE formats. */
  compact: string;
  /** The credential's id in the issuer's records, for revoke and suspend. */
  recordId: string;
  validUntil?: string;
}

async function issue(format: Format, as: { org: Organisation; apiKey: string } = { org: services.org, apiKey: services.apiKey }, credential = trainingCredential(holder)): Promise<Issued> {
  const res = await postJson(`${services.issuerUrl}/orgs/${as.org.id}/credentials/issue`, { credential, options: { format } }, { authorization: `Bearer ${as.apiKey}` });
  expect(res.status).toBe(201);
  const vc = res.body['verifiableCredential'];
  const rows = (await services.issuer.db.query('SELECT id, valid_until FROM sp_issued_credentials ORDER BY rowid DESC LIMIT 1')) as { id: string; valid_until: string | null }[];
  const id = (vc as { id?: string }).id ?? '';
  return {
    vc,
    compact: format === 'ldp_vc' ? '' : id.slice(id.indexOf(',') + 1),
    recordId: rows[0]!.id,
    ...(rows[0]!.valid_until ? { validUntil: rows[0]!.valid_until } : {}),
  };
}

async function changeStatus(as: { org: Organisation; apiKey: string }, recordId: string, action: 'revoke' | 'suspend', reason: string): Promise<void> {
  const res = await postJson(`${services.issuerUrl}/orgs/${as.org.id}/credentials/${recordId}/${action}`, { reason }, { authorization: `Bearer ${as.apiKey}` });
  expect(res.status).toBe(200);
  // Past the lists' ttl (300 s): a verifier's cached copy lives that long (Bitstring Status List, section 2.2).
  clock += 301_000;
}

/** A VC-JOSE envelope around a compact JWT, as a wallet sends it. */
function enveloped(jwt: string, mediaType = 'application/vc+jwt'): { '@context': string; type: string; id: string } {
  return { '@context': 'https://www.w3.org/ns/credentials/v2', type: 'EnvelopedVerifiableCredential', id: `data:${mediaType},${jwt}` };
}

/** The same verifier app on the same context with parts of the world replaced. */
async function verifierWith(overrides: Partial<VerifierContext>): Promise<string> {
  const server = await listen('127.0.0.1', 0);
  server.attach(createVerifierApp({ ...services.verifier, ...overrides }));
  closers.push(() => server.close());
  return server.url;
}

/**
 * A verifier whose status list cache is its own: a case that moves the clock years ahead must not
 * leave lists cached "until then" in the shared verifier (a cache filled in the future stays fresh
 * after the clock comes back).
 */
async function timeTravelVerifier(): Promise<string> {
  return verifierWith({ statusCache: new StatusListCache({ now: () => clock }) });
}

let strictUrl: string | undefined;
/**
 * A verifier as deployed: the default SSRF guard (https only, public addresses only), no private
 * network; the did:web time limit shortened from 5 s to 0.5 s so the slow-host case is quick.
 */
async function strictVerifier(): Promise<string> {
  if (strictUrl) return strictUrl;
  const server = await listen('127.0.0.1', 0);
  const ctx = await createVerifierContext({ logger: createLogger({ level: 'silent' }), databaseFile: join(services.dataDir, 'strict-verifier.sqlite'), publicUrl: server.url, now });
  server.attach(createVerifierApp({ ...ctx, resolver: createDidResolver({ web: { timeoutMs: 500 } }) }));
  closers.push(async () => {
    await server.close();
    await ctx.close();
  });
  strictUrl = server.url;
  return strictUrl;
}

// ---------------------------------------------------------------------------------------------
// The cases.

/** What a case sends: a credential to `/credentials/verify`, or a presentation to `/presentations/verify`. */
type Attempt = { verifier?: string; at?: number } & ({ credential: unknown } | { presentation: unknown; challenge: string; domain: string });

interface AttackCase {
  /** kebab-case, ending in -fail: the name docs/security.md cites. */
  name: string;
  build: () => Promise<Attempt>;
  /** The codes of the failed checks, exactly (each once, in any order). */
  expect: ErrorCode[];
  /** The check the first expected code is reported on. */
  check: string;
  /** While verifying, `public.example` is a public host served by the attacker's site (simulated-public-host.ts). */
  publicHost?: boolean;
  /** More proof, after the answer (no request reached a server, nothing shown from the credential...). */
  then?: (body: Record<string, unknown>) => void | Promise<void>;
}

/** A credential claiming `issuerDid`, signed by the attacker's key under a kid of that DID. */
async function forgedFor(issuerDid: string): Promise<Attempt> {
  const { payload } = splitJws((await issue('vc+jwt')).compact);
  const forged = signAs({ typ: 'vc+jwt', alg: 'EdDSA', kid: `${issuerDid}#key-1` }, { ...payload, issuer: issuerDid, credentialStatus: undefined }, attacker.privateKey);
  return { credential: enveloped(forged), verifier: await strictVerifier() };
}

/** No request reached the attacker's server for this path (or any path when none is given). */
function nothingFetched(fragment = ''): () => void {
  const before = site.requests.length;
  return () => {
    expect(site.requests.slice(before).filter((r) => r.includes(fragment))).toEqual([]);
  };
}

/** The verifier resolving did:web:<host> on the strict verifier must not reach it. */
function didWebCase(name: string, host: string): AttackCase {
  let proof = (): void => undefined;
  return {
    name,
    check: 'signature',
    expect: ['ERR_DID_WEB_FORBIDDEN_ADDRESS'],
    async build() {
      proof = nothingFetched();
      return forgedFor(`did:web:${encodeURIComponent(host)}:evil-trust`);
    },
    then: () => proof(),
  };
}

/** A MITM of status list fetches: the verifier gets what `rewrite` makes of the real list. */
function mitm(rewrite: (jwt: string, url: string) => Promise<string>): StatusListFetcher {
  const real = createStatusListFetcher({ allowPrivateNetwork: true, allowHttp: true });
  return async (url, request) => ({ body: await rewrite((await real(url, request)).body.trim(), url) });
}

const ZERO_LIST = encodeBitstringList(new Bitstring({ size: 131_072 }));

async function revokedCredential(): Promise<Issued> {
  const issued = await issue('vc+jwt');
  await changeStatus({ org: services.org, apiKey: services.apiKey }, issued.recordId, 'revoke', 'issued_in_error');
  return issued;
}

/** Re-encodes the Disclosures of an SD-JWT (RFC 9901, section 4.2.1): `[salt, name, value]`. */
function disclosures(sdJwt: string): { jwt: string; list: unknown[][] } {
  const [jwt, ...rest] = sdJwt.split('~');
  return { jwt: jwt!, list: rest.filter(Boolean).map((d) => JSON.parse(Buffer.from(d, 'base64url').toString('utf8')) as unknown[]) };
}
function sdJwtOf(jwt: string, list: unknown[][]): string {
  return `${[jwt, ...list.map((d) => encodePart(d))].join('~')}~`;
}

const CASES: AttackCase[] = [
  // --- Algorithms and keys (RFC 8725, section 3.1: the verifier picks the algorithm, not the token) ---
  {
    name: 'alg-none-fail',
    check: 'format',
    expect: ['ERR_VC_ALG_UNSUPPORTED'],
    build: async () => ({ credential: enveloped(withAlgNone((await issue('vc+jwt')).compact)) }),
  },
  {
    name: 'alg-none-sd-jwt-fail',
    check: 'format',
    expect: ['ERR_VC_ALG_UNSUPPORTED'],
    async build() {
      const [jwt, ...rest] = (await issue('dc+sd-jwt')).compact.split('~');
      return { credential: enveloped([withAlgNone(jwt!), ...rest].join('~'), 'application/dc+sd-jwt') };
    },
  },
  {
    name: 'alg-none-presentation-fail',
    check: 'presentation.format',
    expect: ['ERR_VP_ALG_UNSUPPORTED'],
    async build() {
      const { challenge, domain } = await getChallenge(services.verifierUrl);
      const vp = await signVpJose({ holder, signer: holderSigner, credentials: [(await issue('vc+jwt')).compact], nonce: challenge, audience: domain, now: now() });
      return { presentation: withAlgNone(vp), challenge, domain };
    },
  },
  ...['raw x', 'JWK JSON', 'SPKI PEM', 'SPKI DER'].map(
    (encoding): AttackCase => ({
      name: `hs256-keyed-with-public-key-${encoding.toLowerCase().replace(/ /g, '-')}-fail`,
      check: 'format',
      expect: ['ERR_VC_ALG_UNSUPPORTED'],
      async build() {
        const jwt = (await issue('vc+jwt')).compact;
        const doc = (await (await fetch(`${services.issuerUrl}/orgs/${services.org.id}/did.json`)).json()) as { verificationMethod: { id: string; publicKeyJwk: { kty: string; crv: string; x: string } }[] };
        const jwk = doc.verificationMethod.find((vm) => vm.id === splitJws(jwt).header['kid'])!.publicKeyJwk;
        return { credential: enveloped(withHs256(jwt, publicKeySecrets(jwk).find((s) => s.name === encoding)!.secret)) };
      },
    }),
  ),
  {
    name: 'kid-of-another-did-fail',
    check: 'signature',
    expect: ['ERR_VC_KEY_NOT_FOUND'],
    async build() {
      // The trusted issuer's credential, re-signed by the attacker, whose header names the attacker's own key.
      const { header, payload } = splitJws((await issue('vc+jwt')).compact);
      return { credential: enveloped(signAs({ ...header, kid: attacker.kid }, payload, attacker.privateKey)) };
    },
  },
  {
    name: 'kid-names-issuer-key-signed-by-attacker-fail',
    check: 'signature',
    expect: ['ERR_VC_SIGNATURE_INVALID'],
    async build() {
      // The header names the issuer's real key; the attacker's key signed.
      const { header, payload } = splitJws((await issue('vc+jwt')).compact);
      return { credential: enveloped(signAs(header, { ...payload, credentialSubject: { ...(payload['credentialSubject'] as object), id: MALLORY } }, attacker.privateKey)) };
    },
  },
  {
    name: 'kid-names-another-key-of-the-issuer-fail',
    check: 'signature',
    expect: ['ERR_VC_KEY_NOT_FOUND'],
    async build() {
      // Signed by the issuer's own P-256 key (as a confused signer might), the header naming its Ed25519 key.
      const issued = splitJws((await issue('vc+jwt')).compact);
      const es256 = await getOrgSigner(services.issuer, services.org, 'ES256');
      const input = `${encodePart({ ...issued.header, alg: 'ES256' })}.${issued.parts[1]}`;
      return { credential: enveloped(`${input}.${await es256.sign(input)}`) };
    },
  },
  {
    name: 'key-not-in-issuer-did-document-fail',
    check: 'signature',
    expect: ['ERR_VC_KEY_NOT_FOUND'],
    async build() {
      const { header, payload } = splitJws((await issue('vc+jwt')).compact);
      return { credential: enveloped(signAs({ ...header, kid: `${services.org.did}#attacker-key` }, payload, attacker.privateKey)) };
    },
  },
  {
    name: 'key-removed-by-rotation-fail',
    check: 'signature',
    expect: ['ERR_VC_KEY_NOT_FOUND'],
    async build() {
      // A rotated-out key leaves the DID document once nothing live it signed remains (issuer, org-keys.ts).
      const issued = await issue('vc+jwt', orgC);
      await rotateOrgKeys(services.issuer, orgC.org, 'test');
      await changeStatus(orgC, issued.recordId, 'revoke', 'superseded');
      const kid = splitJws(issued.compact).header['kid'] as string;
      const doc = (await (await fetch(`${services.issuerUrl}/orgs/${orgC.org.id}/did.json`)).json()) as { assertionMethod: string[] };
      expect(doc.assertionMethod).not.toContain(kid);
      return { credential: issued.vc };
    },
  },

  // --- Who issued it: only the trust registry names organisations ---
  {
    name: 'untrusted-issuer-claiming-trusted-name-and-ods-fail',
    check: 'trust',
    expect: ['ERR_ISSUER_NOT_TRUSTED'],
    async build() {
      const { payload } = splitJws((await issue('vc+jwt')).compact);
      const forged: Record<string, unknown> = { ...payload, issuer: { id: attacker.did, name: services.org.name, odsCode: services.org.odsCode } };
      delete forged['credentialStatus'];
      return { credential: enveloped(await signVcJose({ credential: forged, signer: attacker.signer })) };
    },
    async then(body) {
      expect((body['credentials'] as { issuer: string }[])[0]!.issuer).toBe(attacker.did);
      // What a report shows as the organisation comes from the registry only: nothing for this DID.
      const { payload } = splitJws((await issue('vc+jwt')).compact);
      const forged = await signVcJose({ credential: { ...payload, issuer: { id: attacker.did, name: services.org.name, odsCode: services.org.odsCode } }, signer: attacker.signer });
      const one = await verifyCredential(services.verifier, classifyCredential(enveloped(forged), 'credential'), { index: 0 });
      expect(one.issuer).toEqual({ did: attacker.did });
    },
  },
  {
    name: 'issuer-not-allowed-the-type-fail',
    check: 'trust',
    expect: ['ERR_ISSUER_TYPE_NOT_ALLOWED'],
    build: async () => ({ credential: (await issue('vc+jwt', orgB)).vc }),
  },

  // --- Tampering ---
  {
    name: 'tampered-payload-vc-jwt-fail',
    check: 'signature',
    expect: ['ERR_VC_SIGNATURE_INVALID'],
    async build() {
      const jwt = (await issue('vc+jwt')).compact;
      // Re-bound to another holder: still schema-valid, no longer what was signed.
      return { credential: enveloped(withPayload(jwt, (p) => ((p['credentialSubject'] as { id: string }).id = MALLORY))) };
    },
  },
  {
    name: 'tampered-validity-vc-jwt-fail',
    check: 'signature',
    expect: ['ERR_VC_SIGNATURE_INVALID'],
    async build() {
      const jwt = (await issue('vc+jwt')).compact;
      return { credential: enveloped(withPayload(jwt, (p) => (p['validUntil'] = '2099-12-31T23:59:59Z'))) };
    },
  },
  {
    name: 'tampered-payload-sd-jwt-fail',
    check: 'signature',
    expect: ['ERR_VC_SIGNATURE_INVALID'],
    async build() {
      const [jwt, ...rest] = (await issue('dc+sd-jwt')).compact.split('~');
      // Ten more years of validity.
      return { credential: enveloped([withPayload(jwt!, (p) => (p['exp'] = Number(p['exp']) + 10 * 365 * 86_400)), ...rest].join('~'), 'application/dc+sd-jwt') };
    },
  },
  {
    name: 'tampered-data-integrity-fail',
    check: 'signature',
    expect: ['ERR_DI_PROOF_INVALID'],
    async build() {
      const vc = structuredClone((await issue('ldp_vc')).vc) as { credentialSubject: { id: string } };
      vc.credentialSubject.id = MALLORY;
      return { credential: vc };
    },
  },

  // --- SD-JWT Disclosures (RFC 9901, section 7.1, steps 3 to 5) ---
  {
    name: 'sd-jwt-disclosure-without-digest-fail',
    check: 'disclosures',
    expect: ['ERR_SDJWT_DISCLOSURE_UNREFERENCED'],
    async build() {
      const { jwt, list } = disclosures((await issue('dc+sd-jwt')).compact);
      // A Disclosure the issuer never signed a digest for: a claim slipped in by the holder.
      return { credential: enveloped(sdJwtOf(jwt, [...list, ['c2FsdHNhbHRzYWx0', 'dbsLevel', 'enhanced']]), 'application/dc+sd-jwt') };
    },
  },
  {
    name: 'sd-jwt-disclosure-duplicated-fail',
    check: 'disclosures',
    expect: ['ERR_SDJWT_DISCLOSURE_DUPLICATE'],
    async build() {
      const { jwt, list } = disclosures((await issue('dc+sd-jwt')).compact);
      expect(list.length).toBeGreaterThan(0);
      return { credential: enveloped(sdJwtOf(jwt, [...list, list[0]!]), 'application/dc+sd-jwt') };
    },
  },
  {
    name: 'sd-jwt-disclosure-altered-fail',
    check: 'disclosures',
    expect: ['ERR_SDJWT_DISCLOSURE_UNREFERENCED'],
    async build() {
      const { jwt, list } = disclosures((await issue('dc+sd-jwt')).compact);
      const altered = list.map((d, i) => (i === 0 ? [d[0], d[1], 'altered'] : d));
      return { credential: enveloped(sdJwtOf(jwt, altered), 'application/dc+sd-jwt') };
    },
  },

  // --- Holder binding, nonce and audience (RFC 9901, section 7.3; OpenID4VP nonce) ---
  {
    name: 'kb-jwt-for-another-audience-fail',
    check: 'key-binding.audience',
    expect: ['ERR_SDJWT_KB_AUDIENCE_MISMATCH'],
    async build() {
      const { challenge, domain } = await getChallenge(services.verifierUrl);
      const presentation = await presentSdJwt({ sdJwt: (await issue('dc+sd-jwt')).compact, disclose: [], kb: { aud: 'https://another-verifier.example', nonce: challenge, signer: holderSigner }, hasher: nodeSdJwtCrypto.hasher });
      return { presentation, challenge, domain };
    },
  },
  {
    name: 'kb-jwt-for-another-nonce-fail',
    check: 'key-binding.nonce',
    expect: ['ERR_SDJWT_KB_NONCE_MISMATCH'],
    async build() {
      const { challenge, domain } = await getChallenge(services.verifierUrl);
      const presentation = await presentSdJwt({ sdJwt: (await issue('dc+sd-jwt')).compact, disclose: [], kb: { aud: domain, nonce: 'a-nonce-from-another-session', signer: holderSigner }, hasher: nodeSdJwtCrypto.hasher });
      return { presentation, challenge, domain };
    },
  },
  {
    name: 'kb-jwt-missing-fail',
    check: 'key-binding',
    expect: ['ERR_SDJWT_KB_MISSING'],
    async build() {
      const { challenge, domain } = await getChallenge(services.verifierUrl);
      return { presentation: (await issue('dc+sd-jwt')).compact, challenge, domain };
    },
  },
  {
    name: 'vp-jwt-for-another-audience-fail',
    check: 'presentation.audience',
    expect: ['ERR_VP_AUDIENCE_MISMATCH'],
    async build() {
      const { challenge, domain } = await getChallenge(services.verifierUrl);
      const vp = await signVpJose({ holder, signer: holderSigner, credentials: [(await issue('vc+jwt')).compact], nonce: challenge, audience: 'https://another-verifier.example', now: now() });
      return { presentation: vp, challenge, domain };
    },
  },
  {
    name: 'vp-jwt-for-another-nonce-fail',
    check: 'presentation.nonce',
    expect: ['ERR_VP_NONCE_MISMATCH'],
    async build() {
      const { challenge, domain } = await getChallenge(services.verifierUrl);
      const vp = await signVpJose({ holder, signer: holderSigner, credentials: [(await issue('vc+jwt')).compact], nonce: 'a-nonce-from-another-session', audience: domain, now: now() });
      return { presentation: vp, challenge, domain };
    },
  },
  {
    name: 'challenge-never-issued-fail',
    check: 'presentation.challenge',
    expect: ['ERR_NONCE_UNKNOWN'],
    async build() {
      const challenge = 'made-up-by-the-holder-0001';
      const vp = await signVpJose({ holder, signer: holderSigner, credentials: [(await issue('vc+jwt')).compact], nonce: challenge, audience: services.verifierUrl, now: now() });
      return { presentation: vp, challenge, domain: services.verifierUrl };
    },
  },
  {
    name: 'replayed-vp-jwt-fail',
    check: 'presentation.challenge',
    expect: ['ERR_NONCE_REPLAYED'],
    async build() {
      const { challenge, domain } = await getChallenge(services.verifierUrl);
      const vp = await signVpJose({ holder, signer: holderSigner, credentials: [(await issue('vc+jwt')).compact], nonce: challenge, audience: domain, now: now() });
      const first = await postJson(`${services.verifierUrl}/presentations/verify`, { verifiablePresentation: vp, options: { challenge, domain } });
      expect([first.status, first.body['errors']]).toEqual([200, []]);
      return { presentation: vp, challenge, domain };
    },
  },
  {
    name: 'replayed-sd-jwt-presentation-fail',
    check: 'presentation.challenge',
    expect: ['ERR_NONCE_REPLAYED'],
    async build() {
      const { challenge, domain } = await getChallenge(services.verifierUrl);
      const presentation = await presentSdJwt({ sdJwt: (await issue('dc+sd-jwt')).compact, disclose: [], kb: { aud: domain, nonce: challenge, signer: holderSigner }, hasher: nodeSdJwtCrypto.hasher });
      const first = await postJson(`${services.verifierUrl}/presentations/verify`, { verifiablePresentation: presentation, options: { challenge, domain } });
      expect([first.status, first.body['errors']]).toEqual([200, []]);
      return { presentation, challenge, domain };
    },
  },

  // --- Validity window (VC Data Model 2.0, section 4.9) and status ---
  {
    name: 'expired-fail',
    check: 'validity',
    expect: ['ERR_VC_EXPIRED'],
    async build() {
      const issued = await issue('vc+jwt');
      return { credential: issued.vc, at: Date.parse(issued.validUntil!) + 86_400_000, verifier: await timeTravelVerifier() };
    },
  },
  {
    name: 'expired-sd-jwt-fail',
    check: 'validity',
    expect: ['ERR_VC_EXPIRED'],
    async build() {
      const issued = await issue('dc+sd-jwt');
      return { credential: issued.vc, at: Date.parse(issued.validUntil!) + 86_400_000, verifier: await timeTravelVerifier() };
    },
  },
  {
    name: 'not-yet-valid-fail',
    check: 'validity',
    expect: ['ERR_VC_NOT_YET_VALID'],
    async build() {
      const validFrom = new Date(clock + 30 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      return { credential: (await issue('vc+jwt', undefined, { ...trainingCredential(holder), validFrom })).vc };
    },
  },
  {
    name: 'revoked-fail',
    check: 'status',
    expect: ['ERR_STATUS_REVOKED'],
    build: async () => ({ credential: (await revokedCredential()).vc }),
  },
  {
    name: 'revoked-sd-jwt-fail',
    check: 'status',
    expect: ['ERR_STATUS_REVOKED'],
    async build() {
      const issued = await issue('dc+sd-jwt');
      await changeStatus({ org: services.org, apiKey: services.apiKey }, issued.recordId, 'revoke', 'issued_in_error');
      return { credential: issued.vc };
    },
  },
  {
    name: 'suspended-fail',
    check: 'status',
    expect: ['ERR_STATUS_SUSPENDED'],
    async build() {
      const issued = await issue('vc+jwt');
      await changeStatus({ org: services.org, apiKey: services.apiKey }, issued.recordId, 'suspend', 'under_investigation');
      return { credential: issued.vc };
    },
  },

  // --- Status lists (Bitstring Status List v1.0, section 3.2; signed by the credential's issuer) ---
  {
    name: 'status-list-signed-by-another-issuer-fail',
    check: 'status',
    expect: ['ERR_STATUS_LIST_SIGNATURE_INVALID'],
    async build() {
      // A MITM answers the list URL with a list of its own: nothing revoked, naming the real issuer.
      const fetchStatusList = mitm(async (jwt, url) => {
        const real = decodePart(jwt.split('.')[1]!) as { credentialSubject: { statusPurpose: 'revocation' | 'suspension' } };
        const credential = buildStatusListCredential({ id: url, issuer: services.org.did, statusPurpose: real.credentialSubject.statusPurpose, encodedList: ZERO_LIST, validFrom: now() });
        return signVcJose({ credential, signer: attacker.signer });
      });
      const verifier = await verifierWith({ fetchStatusList, statusCache: new StatusListCache({ now: () => clock }) });
      return { credential: (await revokedCredential()).vc, verifier };
    },
  },
  {
    name: 'status-list-bits-altered-fail',
    check: 'status',
    expect: ['ERR_STATUS_LIST_SIGNATURE_INVALID'],
    async build() {
      // The issuer's signed list with every bit cleared, its signature kept.
      const fetchStatusList = mitm(async (jwt) => withPayload(jwt, (p) => ((p['credentialSubject'] as { encodedList: string }).encodedList = ZERO_LIST)));
      const verifier = await verifierWith({ fetchStatusList, statusCache: new StatusListCache({ now: () => clock }) });
      return { credential: (await revokedCredential()).vc, verifier };
    },
  },
  {
    name: 'status-list-unsigned-gzip-bomb-fail',
    check: 'status',
    expect: ['ERR_STATUS_LIST_SIGNATURE_INVALID'],
    async build() {
      // Unsigned, it is refused before anything is decompressed.
      const bomb = `u${gzipSync(Buffer.alloc(64 * 1024 * 1024)).toString('base64url')}`;
      const fetchStatusList = mitm(async (jwt) => withAlgNone(withPayload(jwt, (p) => ((p['credentialSubject'] as { encodedList: string }).encodedList = bomb))));
      const verifier = await verifierWith({ fetchStatusList, statusCache: new StatusListCache({ now: () => clock }) });
      return { credential: (await issue('vc+jwt')).vc, verifier };
    },
  },
  {
    name: 'status-list-gzip-bomb-fail',
    check: 'status',
    expect: ['ERR_STATUS_LIST_TOO_LARGE', 'ERR_ISSUER_NOT_TRUSTED'],
    async build() {
      // The attacker as issuer: its own credential, its own signed list of 64 MiB of zeros (65 KB gzipped).
      const listUrl = `${site.url}/evil-trust/status/1`;
      const bomb = `u${gzipSync(Buffer.alloc(64 * 1024 * 1024)).toString('base64url')}`;
      site.serve('/evil-trust/status/1', await signVcJose({ credential: buildStatusListCredential({ id: listUrl, issuer: attacker.did, statusPurpose: 'revocation', encodedList: bomb, validFrom: now() }), signer: attacker.signer }), 'application/vc+jwt');
      const { payload } = splitJws((await issue('vc+jwt')).compact);
      const credential = {
        ...payload,
        issuer: attacker.did,
        credentialStatus: [{ id: `${listUrl}#7`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '7', statusListCredential: listUrl }],
      };
      return { credential: enveloped(await signVcJose({ credential, signer: attacker.signer })) };
    },
  },

  // --- did:web and the SSRF guard (strict verifier: the default guard) ---
  didWebCase('did-web-loopback-fail', '127.0.0.1'),
  didWebCase('did-web-cloud-metadata-fail', '169.254.169.254'),
  didWebCase('did-web-private-10-fail', '10.0.0.1'),
  didWebCase('did-web-private-192-168-fail', '192.168.1.1'),
  didWebCase('did-web-name-resolving-to-loopback-fail', 'localhost'),
  didWebCase('did-web-loopback-as-decimal-fail', '2130706433'),
  didWebCase('did-web-ipv4-mapped-ipv6-loopback-fail', '[::ffff:7f00:1]'),
  didWebCase('did-web-ipv4-compatible-ipv6-loopback-fail', '[::7f00:1]'),
  ...(
    [
      ['did-web-redirect-to-cloud-metadata-fail', 'redirect-metadata', 'https://169.254.169.254/latest/meta-data/iam', 'ERR_DID_WEB_FORBIDDEN_ADDRESS'],
      ['did-web-redirect-to-loopback-fail', 'redirect-loopback', 'LOOPBACK', 'ERR_DID_WEB_FORBIDDEN_ADDRESS'],
      ['did-web-redirect-to-private-10-fail', 'redirect-private', 'https://10.0.0.1/did.json', 'ERR_DID_WEB_FORBIDDEN_ADDRESS'],
      ['did-web-slow-answer-fail', 'slow', '', 'ERR_DID_WEB_TIMEOUT'],
      ['did-web-huge-document-fail', 'huge', '', 'ERR_DID_WEB_TOO_LARGE'],
    ] as const
  ).map(([name, path, location, code]): AttackCase => {
    let proof = (): void => undefined;
    return {
      name,
      check: 'signature',
      expect: [code],
      publicHost: true,
      async build() {
        // did:web:public.example is a public host on the internet the test simulates (simulated-public-host.ts).
        site.route(`/${path}/did.json`, (_req, res) => {
          if (path === 'slow') return; // never answers
          if (path === 'huge') {
            res.writeHead(200, { 'content-type': 'application/did+json' });
            res.write(`{"id":"did:web:public.example:huge","pad":"`);
            for (let i = 0; i < 1024; i++) res.write('x'.repeat(1024));
            res.end('"}');
            return;
          }
          res.writeHead(302, { location: location === 'LOOPBACK' ? `https://127.0.0.1:${site.port}/evil-trust/did.json` : location }).end();
        });
        proof = nothingFetched('/evil-trust/');
        return forgedFor(`did:web:public.example:${path}`);
      },
      then: () => proof(),
    };
  }),

  // --- JSON-LD: contexts are bundled, never fetched (VC Data Integrity, section 2.4) ---
  {
    name: 'json-ld-context-not-bundled-fail',
    check: 'contexts',
    expect: ['ERR_CONTEXT_NOT_BUNDLED'],
    async build() {
      site.serve('/contexts/evil.jsonld', { '@context': { level: 'https://evil.example/level' } }, 'application/ld+json');
      const vc = structuredClone((await issue('ldp_vc')).vc) as { '@context': string[] };
      vc['@context'] = [...vc['@context'], `${site.url}/contexts/evil.jsonld`];
      return { credential: vc };
    },
    then: () => expect(site.requests.filter((r) => r.includes('/contexts/'))).toEqual([]),
  },
];

// ---------------------------------------------------------------------------------------------

describe('attacks on verification: each is refused with its code, as a 4xx report', () => {
  it('names every case once', () => {
    const names = CASES.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*-fail$/);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, attack) => {
    const attempt = await attack.build();
    const restoreHost = attack.publicHost ? simulatePublicHost('public.example', site.port) : undefined;
    const saved = clock;
    if (attempt.at !== undefined) clock = attempt.at;
    let res: Awaited<ReturnType<typeof postJson>>;
    try {
      const verifier = attempt.verifier ?? services.verifierUrl;
      res =
        'credential' in attempt
          ? await postJson(`${verifier}/credentials/verify`, { verifiableCredential: attempt.credential })
          : await postJson(`${verifier}/presentations/verify`, { verifiablePresentation: attempt.presentation, options: { challenge: attempt.challenge, domain: attempt.domain } });
    } finally {
      clock = saved;
      restoreHost?.();
    }
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body['verified']).toBe(false);
    const errors = res.body['errors'] as { code: string; check: string }[];
    expect([...new Set(errors.map((e) => e.code))].sort()).toEqual([...attack.expect].sort());
    expect(errors).toContainEqual(expect.objectContaining({ code: attack.expect[0], check: attack.check }));
    await attack.then?.(res.body);
  });
});

describe('address forms that carry a loopback or private IPv4 address inside IPv6 (the guard of every did:web and status list fetch)', () => {
  it.each([
    ['IPv4-compatible', '::7f00:1'],
    ['IPv4-compatible, dotted', '::127.0.0.1'],
    ['IPv4-mapped, hex', '::ffff:a9fe:a9fe'],
    ['IPv4-translated (RFC 2765)', '::ffff:0:7f00:1'],
    ['6to4 of 127.0.0.1 (RFC 3056)', '2002:7f00:1::1'],
    ['Teredo (RFC 4380)', '2001:0:7f00:1::1'],
    ['NAT64 local use (RFC 8215)', '64:ff9b:1::a00:1'],
    ['site-local (deprecated, RFC 3879)', 'fec0::1'],
  ])('%s %s is not public', (_name, address) => {
    expect(isNonPublicAddress(address)).toBe(true);
  });

  it.each(['2001:4860:4860::8888', '2a00:1450:4009:81f::200e', '8.8.8.8'])('%s stays public', (address) => {
    expect(isNonPublicAddress(address)).toBe(false);
  });
});
