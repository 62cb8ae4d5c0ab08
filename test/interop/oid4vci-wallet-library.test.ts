/**
 * Interop: the independent OpenID4VCI library of the OpenWallet Foundation
 * (`@openid4vc/openid4vci` 0.4.6, by Animo) plays the wallet against our issuer: it resolves an
 * offer from the QR link text (by reference), reads the issuer and authorisation server metadata
 * at the 1.0 well-known URLs (OpenID4VCI 1.0, section 12.2.2; RFC 8414, section 3.1), gets the
 * access token with the transaction code (section 6), a c_nonce (section 7), makes key proofs
 * (Appendix F.1) and receives every catalogue type in every format (section 8, Appendix A), then
 * sends notifications (section 11). Every credential received is verified with our core.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JsonWebKey } from 'node:crypto';
import type { IssuerMetadataResult, Openid4vciClient } from '@openid4vc/openid4vci';
import { setGlobalConfig } from '@openid4vc/utils';
import { createDidResolver, verifyDataIntegrityCredential, verifySdJwtVc, verifyVcJwtV1 } from '@staff-passport/core';
import { CATALOGUE, type CredentialTypeDefinition } from '@staff-passport/schemas';
import { readQrPng } from '../helpers/read-qr.js';
import { call, startIssuer, type TestIssuer } from '../../packages/issuer/test/helpers/start-issuer.js';
import { createLibraryWallet, newWalletKey as newKey, type WalletKey } from './helpers/library-wallet.js';

let issuer: TestIssuer;
let client: Openid4vciClient;
const keys = new Map<string, WalletKey>();
// Our issuer's did:web is served over http on loopback in tests.
const resolver = createDidResolver({ web: { allowPrivateNetwork: true, allowHttp: true } });
const newest = CATALOGUE.filter((d, i) => CATALOGUE.findIndex((x) => x.type === d.type) === i);

async function newWalletKey(): Promise<WalletKey> {
  return Promise.resolve(newKey(keys));
}

function createWalletClient(): Openid4vciClient {
  return createLibraryWallet(keys);
}

function subjectOf(d: CredentialTypeDefinition): Record<string, unknown> {
  const { id: _holder, ...claims } = (d.example['credentialSubject'] ?? {}) as Record<string, unknown>;
  return claims;
}

async function createOffer(body: Record<string, unknown>): Promise<{ id: string; link: string; txCode: string | null }> {
  const res = await call(`${issuer.url}/orgs/${issuer.a.org.id}/offers`, { key: issuer.a.keys.issuer, body });
  expect([res.status, res.body['code']]).toEqual([201, undefined]);
  return res.body as { id: string; link: string; txCode: string | null };
}

/** What the wallet does with an offer link: resolve, metadata, token with the PIN. */
async function acceptOffer(link: string, txCode: string | null): Promise<{ issuerMetadata: IssuerMetadataResult; accessToken: string; configurationIds: string[] }> {
  const credentialOffer = await client.resolveCredentialOffer(link);
  const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
  const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer, issuerMetadata, ...(txCode ? { txCode } : {}) });
  return { issuerMetadata, accessToken: accessTokenResponse.access_token, configurationIds: credentialOffer.credential_configuration_ids };
}

async function proofsFor(issuerMetadata: IssuerMetadataResult, credentialConfigurationId: string, walletKeys: readonly WalletKey[]): Promise<string[]> {
  const { c_nonce } = await client.requestNonce({ issuerMetadata });
  return Promise.all(
    walletKeys.map(async (key) => (await client.createCredentialRequestJwtProof({ issuerMetadata, credentialConfigurationId, nonce: c_nonce, signer: { method: 'did', didUrl: key.kid, alg: 'EdDSA' } })).jwt),
  );
}

async function verifyReceived(format: string, credential: unknown, d: CredentialTypeDefinition, holder: WalletKey): Promise<void> {
  if (format === 'jwt_vc_json') {
    const result = await verifyVcJwtV1({ jwt: credential as string, resolver });
    expect(result.checks.filter((c) => c.outcome === 'failed')).toEqual([]);
    const payload = JSON.parse(Buffer.from((credential as string).split('.')[1]!, 'base64url').toString()) as { vc: { type: string[] }; iss: string; sub: string };
    expect(payload.vc.type).toEqual(['VerifiableCredential', d.type]);
    // VC Data Model 1.1 JWT: the subject id travels as sub (section 6.3.1).
    expect(payload.sub).toBe(holder.did);
    expect(payload.iss).toBe(issuer.a.org.did);
  } else if (format === 'dc+sd-jwt') {
    const result = await verifySdJwtVc({ compact: credential as string, resolver, expectedVct: d.vct });
    expect(result.checks.filter((c) => c.outcome === 'failed')).toEqual([]);
    expect(result.verified).toBe(true);
    const cnf = (result.claims as { cnf?: { jwk?: JsonWebKey } }).cnf;
    expect(cnf?.jwk?.x).toBe(holder.publicJwk.x);
  } else {
    const result = await verifyDataIntegrityCredential({ credential, resolver });
    expect(result.checks.filter((c) => c.outcome === 'failed')).toEqual([]);
    expect(result.verified).toBe(true);
    expect((credential as { credentialSubject: { id: string } }).credentialSubject.id).toBe(holder.did);
  }
}

beforeAll(async () => {
  // Loopback test servers speak http; the library refuses http unless told.
  setGlobalConfig({ allowInsecureUrls: true });
  issuer = await startIssuer();
  client = createWalletClient();
});

afterAll(async () => {
  setGlobalConfig({ allowInsecureUrls: false });
  await issuer.close();
});

describe('the library as the wallet, every catalogue type in every format', () => {
  const formats = ['jwt_vc_json', 'dc+sd-jwt', 'ldp_vc'] as const;
  const labels = { jwt_vc_json: 'jwt_vc_json', 'dc+sd-jwt': 'dc_sd_jwt', ldp_vc: 'ldp_vc' } as const;
  // Offers carry at most 10 types, so the catalogue goes out in two offers per format.
  const chunks = [newest.slice(0, 7), newest.slice(7)];

  it.each(formats.flatMap((format) => chunks.map((types, i) => [format, i, types] as const)))('%s, offer %i', async (format, _i, types) => {
    const offer = await createOffer({ credentials: types.map((d) => ({ type: d.type, credentialSubject: subjectOf(d) })), formats: [format] });
    // The QR code HR shows decodes to the link the wallet resolves.
    const qr = await fetch(`${issuer.url}/orgs/${issuer.a.org.id}/offers/${offer.id}/qr.png`, { headers: { authorization: `Bearer ${issuer.a.keys.issuer}` } });
    const link = readQrPng(new Uint8Array(await qr.arrayBuffer()));
    expect(link).toBe(offer.link);
    expect(link).toMatch(/^openid-credential-offer:\/\/\?credential_offer_uri=/);

    const { issuerMetadata, accessToken, configurationIds } = await acceptOffer(link!, offer.txCode);
    expect(issuerMetadata.originalDraftVersion).toBe('V1');
    expect(configurationIds).toEqual(types.map((d) => `${d.type}_${labels[format]}`));
    for (const d of types) {
      const credentialConfigurationId = `${d.type}_${labels[format]}`;
      const holder = await newWalletKey();
      const response = await client.retrieveCredentials({ issuerMetadata, accessToken, credentialConfigurationId, proofs: { jwt: await proofsFor(issuerMetadata, credentialConfigurationId, [holder]) } });
      const credentials = response.credentialResponse.credentials as { credential: unknown }[];
      expect(credentials).toHaveLength(1);
      await verifyReceived(format, credentials[0]!.credential, d, holder);
      await client.sendNotification({ issuerMetadata, accessToken, notification: { notificationId: response.credentialResponse.notification_id!, event: 'credential_accepted' } });
    }
    const view = await call(`${issuer.url}/orgs/${issuer.a.org.id}/offers/${offer.id}`, { key: issuer.a.keys.auditor });
    expect(view.body['status']).toBe('accepted');
    expect((view.body['events'] as unknown[]).length).toBe(types.length);
  });
});

describe('batch, by value, errors and deferred issuance through the library', () => {
  it('a batch of three proofs gets three credentials, each bound to its own key', async () => {
    const d = newest.find((t) => t.type === 'TrainingRecord')!;
    const offer = await createOffer({ credentials: [{ type: d.type, credentialSubject: subjectOf(d) }], formats: ['dc+sd-jwt'] });
    const { issuerMetadata, accessToken } = await acceptOffer(offer.link, offer.txCode);
    expect(issuerMetadata.credentialIssuer.batch_credential_issuance?.batch_size).toBe(10);
    const holders = [await newWalletKey(), await newWalletKey(), await newWalletKey()];
    const id = `${d.type}_dc_sd_jwt`;
    const response = await client.retrieveCredentials({ issuerMetadata, accessToken, credentialConfigurationId: id, proofs: { jwt: await proofsFor(issuerMetadata, id, holders) } });
    const credentials = response.credentialResponse.credentials as { credential: string }[];
    expect(credentials).toHaveLength(3);
    for (const [i, c] of credentials.entries()) await verifyReceived('dc+sd-jwt', c.credential, d, holders[i]!);
  });

  it('an offer by value without a transaction code', async () => {
    const d = newest.find((t) => t.type === 'RightToWork') ?? newest[1]!;
    const offer = await createOffer({ credentials: [{ type: d.type, credentialSubject: subjectOf(d) }], formats: ['jwt_vc_json'], byReference: false, txCode: false });
    expect(offer.link).toMatch(/^openid-credential-offer:\/\/\?credential_offer=/);
    expect(offer.txCode).toBeNull();
    const { issuerMetadata, accessToken } = await acceptOffer(offer.link, null);
    const id = `${d.type}_jwt_vc_json`;
    const holder = await newWalletKey();
    const response = await client.retrieveCredentials({ issuerMetadata, accessToken, credentialConfigurationId: id, proofs: { jwt: await proofsFor(issuerMetadata, id, [holder]) } });
    await verifyReceived('jwt_vc_json', (response.credentialResponse.credentials as { credential: string }[])[0]!.credential, d, holder);
  });

  it('a wrong transaction code is refused with invalid_grant, which the library reports', async () => {
    const d = newest[0]!;
    const offer = await createOffer({ credentials: [{ type: d.type, credentialSubject: subjectOf(d) }] });
    const wrong = offer.txCode === '000000' ? '111111' : '000000';
    await expect(acceptOffer(offer.link, wrong)).rejects.toMatchObject({ errorResponse: { error: 'invalid_grant', code: 'ERR_TX_CODE_INVALID' } });
  });

  it('deferred: 202 with a transaction_id, then the credential once HR completes the offer', async () => {
    const d = newest.find((t) => t.type === 'DbsCheck') ?? newest[5]!;
    const offer = await createOffer({ credentials: [{ type: d.type }], formats: ['jwt_vc_json'], pending: true });
    const { issuerMetadata, accessToken } = await acceptOffer(offer.link, offer.txCode);
    const id = `${d.type}_jwt_vc_json`;
    const holder = await newWalletKey();
    const first = await client.retrieveCredentials({ issuerMetadata, accessToken, credentialConfigurationId: id, proofs: { jwt: await proofsFor(issuerMetadata, id, [holder]) } });
    expect(first.response.status).toBe(202);
    const transactionId = first.credentialResponse.transaction_id!;
    expect(first.credentialResponse.interval).toBeGreaterThan(0);

    const waiting = await client.retrieveDeferredCredentials({ issuerMetadata, accessToken, transactionId });
    expect(waiting.response.status).toBe(202);
    expect(waiting.deferredCredentialResponse.transaction_id).toBe(transactionId);

    const completed = await call(`${issuer.url}/orgs/${issuer.a.org.id}/offers/${offer.id}/complete`, { key: issuer.a.keys.issuer, body: { credentials: [{ type: d.type, credentialSubject: subjectOf(d) }] } });
    expect(completed.status).toBe(200);

    // Library 0.4.6 refuses a deferred credential response that carries notification_id beside
    // credentials (its zDeferredCredentialResponse check is inverted; OpenID4VCI 1.0, section 9.2
    // allows it), so the wallet's last step is checked over plain HTTP.
    const res = await fetch(issuerMetadata.credentialIssuer.deferred_credential_endpoint!, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ transaction_id: transactionId }),
    });
    const body = (await res.json()) as { credentials: { credential: string }[]; notification_id: string };
    expect(res.status).toBe(200);
    await verifyReceived('jwt_vc_json', body.credentials[0]!.credential, d, holder);
    await expect(client.retrieveDeferredCredentials({ issuerMetadata, accessToken, transactionId })).rejects.toThrow();
    await client.sendNotification({ issuerMetadata, accessToken, notification: { notificationId: body.notification_id, event: 'credential_deleted', eventDescription: 'the holder removed it' } });
    const view = await call(`${issuer.url}/orgs/${issuer.a.org.id}/offers/${offer.id}`, { key: issuer.a.keys.auditor });
    expect(view.body['status']).toBe('deleted');
  });
});
