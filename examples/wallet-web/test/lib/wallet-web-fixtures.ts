// What the web wallet's browser tests share: the real issuer and verifier with a signed trust
// registry, the built app served with its config.json (and the registry beside it), and HR's and
// the verifier desk's HTTP calls (offers, requests, polling).
import { expect } from '@jest/globals';
import { rmSync } from 'node:fs';
import { getCredentialType } from '@staff-passport/schemas';
import { buildSignedTrustRegistry, type SignedTrustRegistry } from '../../../../test/helpers/signed-trust-registry.js';
import { postJson, startServices, type Services } from '../../../../test/helpers/start-services.js';
import { registeredVerifierEntry } from '../../../../test/helpers/registered-verifier-entry.js';
import { serveWalletWeb, type WalletWebServer } from './serve-wallet-web.js';
import { buildWalletWeb } from './build-wallet-web.js';

/** Why the verifier desk asks, as it tells the wallet (client_metadata.purpose). */
/**
 * How long a page may take over one step (Playwright's default is 30 s). A step that receives a
 * credential runs the issuer, the wallet's checks and Chromium at once; on a 2-core machine busy
 * with the other jest worker that took over 30 s once in CI.
 */
export const STEP_TIMEOUT_MS = 90_000;

export const REQUEST_PURPOSE = 'To check your identity before your first shift on Ward 7';

/** The verifier organisation the registry names. */
export const VERIFIER_NAME = 'Riverside Hospitals NHS Trust';

/**
 * A small check profile: identity only. It asks two claims every identity credential has and two
 * optional ones; of each pair the issuer makes one selectively disclosable (verifiedAt, profile)
 * and keeps the other in the SD-JWT's payload (confidenceLevel, reverifyBy: always shared).
 */
export const IDENTITY_PROFILE = {
  id: 'wallet-web-identity',
  version: '1.0.0',
  title: 'Identity check (wallet test)',
  purpose: 'To check your identity before you start',
  statusUnknown: 'accept',
  requirements: [
    {
      id: 'identity',
      title: 'Identity checked to GPG 45 medium confidence or higher',
      required: true,
      accepts: [{ type: 'IdentityVerification', claims: ['identity.confidenceLevel', 'identity.verifiedAt', 'identity.profile', 'identity.reverifyBy'] }],
      rule: { kind: 'identity', minimumLevel: 'medium' },
    },
  ],
};

/** An offer HR created (the issuer's 201 answer). */
export interface CreatedOffer {
  id: string;
  link: string;
  txCode: string | null;
  qr: { png: string; svg: string };
}

/** The services, the served app and the registry, with HR's and the desk's calls. */
export interface WalletWebWorld {
  services: Services;
  app: WalletWebServer;
  registry: SignedTrustRegistry;
  /** The built app's folder (to serve it again with another config.json). */
  distDir: string;
  /** HR creates an offer of catalogue example claims, one credential per type. */
  offer(types: string[], body?: Record<string, unknown>): Promise<CreatedOffer>;
  offerStatus(id: string): Promise<string>;
  /** HR's API: POST `/orgs/{id}{path}` with the API key. */
  hrPost(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  /** The verifier desk creates a request for a profile. */
  request(profileId?: string): Promise<{ id: string; link: string }>;
  pollRequest(id: string): Promise<Record<string, unknown>>;
  getJson(url: string, headers?: Record<string, string>): Promise<Record<string, unknown>>;
  auth(): Record<string, string>;
  close(): Promise<void>;
}

/** The claims of a catalogue type's example, without the holder id (the issuer binds the holder). */
export function claimsOf(type: string): Record<string, unknown> {
  const { id: _id, ...claims } = getCredentialType(type)!.example['credentialSubject'] as Record<string, unknown>;
  return claims;
}

/**
 * Builds the app, starts the issuer and verifier (real clock: the browser's is real too), signs a
 * trust registry naming both, serves the app with `config.json` {allowHttpLoopback, the registry
 * and its key} and the registry at `/registry.jwt`, and adds {@link IDENTITY_PROFILE}.
 */
export async function startWalletWebWorld(): Promise<WalletWebWorld> {
  const distDir = await buildWalletWeb();
  // The verifier reads the registry through this holder: it is signed once the services have DIDs.
  const current: { registry?: SignedTrustRegistry } = {};
  const services = await startServices({ trustRegistry: () => current.registry?.registry });
  const getJson = async (url: string, headers: Record<string, string> = {}): Promise<Record<string, unknown>> => {
    const res = await fetch(url, { headers });
    expect([url, res.status]).toEqual([url, 200]);
    return (await res.json()) as Record<string, unknown>;
  };
  const verifierDid = (await getJson(`${services.verifierUrl}/.well-known/did.json`))['id'] as string;
  const registry = await buildSignedTrustRegistry([
    { did: services.org.did, odsCode: services.org.odsCode, name: services.org.name, credentialTypes: ['*'], validFrom: '2020-01-01T00:00:00Z' },
    // Registered to ask for what the shipped profiles and the identity profile ask.
    { ...registeredVerifierEntry(services.verifierUrl, [IDENTITY_PROFILE]), did: verifierDid, odsCode: 'RYJ', name: VERIFIER_NAME, credentialTypes: ['EmploymentReference'] },
  ]);
  current.registry = registry;
  const app = await serveWalletWeb(distDir, { allowHttpLoopback: true, trustRegistry: { jws: registry.jws, keys: [registry.publicJwk] } });
  const added = await postJson(`${services.verifierUrl}/profiles`, IDENTITY_PROFILE, { authorization: `Bearer ${services.verifierKeys['profile-admin']}` });
  expect([added.status, added.body['code']]).toEqual([201, undefined]);

  const hr = (path: string): string => `${services.issuerUrl}/orgs/${services.org.id}${path}`;
  const auth = (): Record<string, string> => ({ authorization: `Bearer ${services.apiKey}` });
  return {
    services,
    app,
    registry,
    distDir,
    auth,
    getJson,
    async offer(types, body = {}) {
      const res = await postJson(hr('/offers'), { credentials: types.map((type) => ({ type, credentialSubject: claimsOf(type) })), formats: ['dc+sd-jwt'], ...body }, auth());
      expect([res.status, res.body['code']]).toEqual([201, undefined]);
      return res.body as unknown as CreatedOffer;
    },
    hrPost: (path, body) => postJson(hr(path), body, auth()),
    async offerStatus(id) {
      return (await getJson(hr(`/offers/${id}`), auth()))['status'] as string;
    },
    async request(profileId = IDENTITY_PROFILE.id) {
      const startDate = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
      const res = await postJson(`${services.verifierUrl}/oid4vp/requests`, { profileId, startDate, purpose: REQUEST_PURPOSE }, services.checker);
      expect([res.status, res.body['code']]).toEqual([201, undefined]);
      return { id: res.body['id'] as string, link: res.body['link'] as string };
    },
    async pollRequest(id) {
      return getJson(`${services.verifierUrl}/oid4vp/requests/${id}`, services.checker);
    },
    async close() {
      await app.close();
      await services.close();
      rmSync(distDir, { recursive: true, force: true });
    },
  };
}
