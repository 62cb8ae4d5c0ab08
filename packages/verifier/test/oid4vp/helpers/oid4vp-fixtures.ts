// Shared by the OpenID4VP tests: real issuer and verifier, a trust registry naming the issuer, a
// small check profile (one DBS check, in SD-JWT VC or VC 1.1 JWT), a holder key, and credentials
// issued for that holder.
import { expect } from '@jest/globals';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { addTrustRegistryEntry, createTrustRegistryDraft, renewTrustRegistry, type TrustRegistry } from '@staff-passport/core';
import { getCredentialType } from '@staff-passport/schemas';
import { addProfile } from '@staff-passport/verifier';
import { registeredVerifierEntry } from '../../../../../test/helpers/registered-verifier-entry.js';
import { postJson, startServices, type Services } from '../../../../../test/helpers/start-services.js';

export const PROFILE_ID = 'oid4vp-dbs-basic';

/** One requirement: a basic DBS check, asked as SD-JWT VC or VC 1.1 JWT. */
export const DBS_PROFILE = {
  id: PROFILE_ID,
  version: '1.0.0',
  title: 'DBS check only (OpenID4VP tests)',
  purpose: 'We check your DBS certificate.',
  statusUnknown: 'needs-action',
  requirements: [
    {
      id: 'dbs',
      title: 'Basic DBS check',
      required: true,
      accepts: [{ type: 'DbsCheck', claims: ['dbs.level', 'dbs.certificateNumber', 'dbs.issuedOn', 'dbs.decision'] }],
      rule: { kind: 'dbs', minimumLevel: 'basic' },
    },
  ],
};

/** The holder: an Ed25519 key and its did:jwk. */
export interface Holder {
  did: string;
  kid: string;
  privateKey: KeyObject;
  publicJwk: { kty: string; crv: string; x: string };
}

export function createHolder(): Holder {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
  const publicJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
  const did = `did:jwk:${Buffer.from(JSON.stringify(publicJwk)).toString('base64url')}`;
  return { did, kid: `${did}#0`, privateKey, publicJwk };
}

/** Services with a trust registry naming the issuing organisation, and the DBS profile added. */
export async function startOid4vpServices(options: { now?: () => Date } = {}): Promise<Services> {
  // The registry names the organisation, which exists only once the services run.
  const holder: { registry?: TrustRegistry } = {};
  const services = await startServices({ ...(options.now ? { now: options.now } : {}), trustRegistry: () => holder.registry });
  const draft = addTrustRegistryEntry(createTrustRegistryDraft({ name: 'Test registry' }), {
    did: services.org.did,
    odsCode: services.org.odsCode,
    name: services.org.name,
    credentialTypes: ['*'],
    validFrom: '2020-01-01T00:00:00Z',
  });
  // The verifier is registered to ask for what the shipped profiles and the DBS profile ask.
  const registered = addTrustRegistryEntry(draft, registeredVerifierEntry(services.verifierUrl, [DBS_PROFILE]));
  holder.registry = renewTrustRegistry(registered, { now: services.verifier.now() });
  await addProfile(services.verifier.stores.profiles, DBS_PROFILE, services.verifier.now());
  return services;
}

/** A DbsCheck from the catalogue's example, issued to the holder by the real issuer; the compact credential. */
export async function issueDbs(services: Services, holder: string, format: 'dc+sd-jwt' | 'jwt_vc_json'): Promise<string> {
  const credential = JSON.parse(JSON.stringify(getCredentialType('DbsCheck')!.example).replaceAll('{holderDid}', holder)) as Record<string, unknown>;
  const res = await postJson(`${services.issuerUrl}/orgs/${services.org.id}/credentials/issue`, { credential, options: { format } }, { authorization: `Bearer ${services.apiKey}` });
  expect(res.status).toBe(201);
  const vc = res.body['verifiableCredential'];
  const id = typeof vc === 'string' ? vc : (vc as { id: string }).id;
  return id.startsWith('data:') ? id.slice(id.indexOf(',') + 1) : id;
}

/** Creates an OpenID4VP request over HTTP. */
export async function createRequest(services: Services, body: Record<string, unknown> = {}): Promise<Record<string, unknown> & { id: string; clientId: string; requestUri: string; link: string; pollUrl: string }> {
  const res = await postJson(`${services.verifierUrl}/oid4vp/requests`, { profileId: PROFILE_ID, startDate: '2026-12-01', ...body }, services.checker);
  expect(res.status).toBe(201);
  return res.body as Record<string, unknown> & { id: string; clientId: string; requestUri: string; link: string; pollUrl: string };
}

/** POSTs a form (the direct_post response) and returns the status and parsed JSON. */
export async function postForm(url: string, fields: Record<string, string>): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The polled state of a request (as a checker of the organisation that asked: `services.checker`). */
export async function poll(url: string, headers: Record<string, string>): Promise<Record<string, unknown>> {
  const res = await fetch(url, { headers });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}
