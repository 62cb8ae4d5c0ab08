/**
 * Issues 6 and 7 end to end: OUR wallet SDK (`openNodeWallet`, SQLite in a temp dir) against OUR
 * issuer (OpenID4VCI 1.0) and OUR verifier (OpenID4VP 1.0), real servers on 127.0.0.1, and a
 * signed trust registry the wallet shows organisations from.
 *
 * Receive: HR creates offers over HTTP with an API key (section 4.1.1; by reference, section
 * 4.1.3); the wallet reads the link and the QR PNG; accepts with the transaction code (section 6.1)
 * one offer per format (dc+sd-jwt, jwt_vc_json, ldp_vc; Appendix A); verifies what arrives before
 * storing it; rejects one (the code stays unused); a wrong code is `invalid_grant` (section 6.3); a
 * deferred offer is pending until HR completes it (section 9); HR sees `accepted` (section 11).
 * Share: the verifier's request for a shipped profile (sections 5 and 6, DCQL), the preview, one
 * optional claim left out (claim_sets, section 6.4.1), `direct_post` (section 8.2), the polled
 * result; a refusal (`access_denied`, section 8.5); the sharing log; a jwt_vc_json credential answering
 * the DCQL query by its expanded `type_values` (appendix B.1.1); a Presentation Exchange 2.0 request
 * answered per its submission_requirements; the request's purpose shown in the preview
 * (client_metadata.purpose); status after revocation.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { getCredentialType } from '@staff-passport/schemas';
import { createTrustRegistryLookup, openNodeWallet, type SharePreview, type StoredCredential, type Wallet } from '@staff-passport/wallet-sdk';
import { readQrPng } from '../helpers/read-qr.js';
import { buildSignedTrustRegistry, type SignedTrustRegistry } from '../helpers/signed-trust-registry.js';
import { postJson, startServices, type Services } from '../helpers/start-services.js';
import { registeredVerifierEntry } from '../helpers/registered-verifier-entry.js';

const NOW = new Date('2026-10-03T09:00:00Z');
const START = '2026-10-05';
const PROFILE = 'admin-clerical-band-4';

interface CreatedOffer {
  id: string;
  link: string;
  txCode: string | null;
  qr: { png: string; svg: string };
}

let services: Services;
let signed: SignedTrustRegistry | undefined;
let verifierDid: string;
let wallet: Wallet;
let closeWallet: () => Promise<void>;
let holder: string;
const received: Record<string, StoredCredential> = {};

function claimsOf(type: string): Record<string, unknown> {
  const { id: _id, ...claims } = getCredentialType(type)!.example['credentialSubject'] as Record<string, unknown>;
  return claims;
}

function hr(path: string): string {
  return `${services.issuerUrl}/orgs/${services.org.id}${path}`;
}

const auth = (): Record<string, string> => ({ authorization: `Bearer ${services.apiKey}` });

async function getJson(url: string, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const res = await fetch(url, { headers });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

/** HR creates an offer over HTTP with its API key. */
async function offer(types: string[], body: Record<string, unknown> = {}): Promise<CreatedOffer> {
  const res = await postJson(hr('/offers'), { credentials: types.map((type) => ({ type, credentialSubject: claimsOf(type) })), ...body }, auth());
  expect([res.status, res.body['code']]).toEqual([201, undefined]);
  return res.body as unknown as CreatedOffer;
}

async function offerStatus(id: string): Promise<string> {
  return (await getJson(hr(`/offers/${id}`), auth()))['status'] as string;
}

beforeAll(async () => {
  services = await startServices({ now: () => NOW, trustRegistry: () => signed?.registry });
  verifierDid = (await getJson(`${services.verifierUrl}/.well-known/did.json`))['id'] as string;
  signed = await buildSignedTrustRegistry(
    [
      { did: services.org.did, odsCode: services.org.odsCode, name: services.org.name, credentialTypes: ['*'], validFrom: '2020-01-01T00:00:00Z' },
      { ...registeredVerifierEntry(services.verifierUrl), did: verifierDid, odsCode: 'RYJ', name: 'Riverside Hospitals NHS Trust', credentialTypes: ['EmploymentReference'] },
    ],
    { now: NOW },
  );
  const opened = await openNodeWallet({
    file: join(services.dataDir, 'wallet.sqlite'),
    secretKey: randomBytes(32).toString('hex'),
    now: () => NOW,
    // Both services serve their did:web over http on 127.0.0.1: allowed for this test only.
    allowHttpLoopback: true,
    findOrganisation: createTrustRegistryLookup({ registry: signed.jws, keys: [signed.publicJwk], now: () => NOW }),
  });
  wallet = opened.wallet;
  closeWallet = opened.close;
  holder = await wallet.createHolder();
});

afterAll(async () => {
  await closeWallet();
  await services.close();
});

describe('receiving (OpenID4VCI 1.0)', () => {
  it('reads an offer from its QR code: the organisation from the signed registry, the types, a tx code; accepts dc+sd-jwt', async () => {
    const created = await offer(['IdentityVerification', 'RightToWork', 'DbsCheck', 'OccupationalHealthClearance'], { formats: ['dc+sd-jwt'] });
    expect(created.txCode).toMatch(/^\d{6}$/);
    const png = await fetch(created.qr.png, { headers: auth() });
    const scanned = readQrPng(new Uint8Array(await png.arrayBuffer()));
    expect(scanned).toBe(created.link);

    const preview = await wallet.readCredentialOffer(scanned!);
    expect(preview.credentialIssuer).toBe(hr(''));
    expect(preview.issuerName).toBe(services.org.name);
    expect(preview.organisation).toEqual({ name: services.org.name, odsCode: services.org.odsCode, credentialTypes: ['*'] });
    expect(preview.txCode).toMatchObject({ inputMode: 'numeric', length: 6 });
    expect(preview.credentials.map((c) => [c.catalogueType, c.format])).toEqual([
      ['IdentityVerification', 'dc+sd-jwt'],
      ['RightToWork', 'dc+sd-jwt'],
      ['DbsCheck', 'dc+sd-jwt'],
      ['OccupationalHealthClearance', 'dc+sd-jwt'],
    ]);

    const result = await wallet.acceptCredentialOffer(preview, { txCode: created.txCode!, holder });
    expect(result.pending).toEqual([]);
    expect(result.credentials.map((c) => [c.types[0], c.format, c.holder, c.issuer])).toEqual(
      ['IdentityVerification', 'RightToWork', 'DbsCheck', 'OccupationalHealthClearance'].map((t) => [t, 'dc+sd-jwt', holder, services.org.did]),
    );
    for (const c of result.credentials) received[c.types[0]!] = c;
    // Every credential acknowledged (section 11): HR sees the offer accepted.
    expect(await offerStatus(created.id)).toBe('accepted');
  });

  it('reads an offer link; a wrong tx code fails with invalid_grant (section 6.3), the right one works', async () => {
    const created = await offer(['TrainingSummary', 'EmploymentHistory', 'EmploymentReference'], { formats: ['dc+sd-jwt'] });
    const preview = await wallet.readCredentialOffer(created.link);
    expect(preview.organisation?.odsCode).toBe(services.org.odsCode);
    const wrong = created.txCode === '000000' ? '000001' : '000000';
    await expect(wallet.acceptCredentialOffer(preview, { txCode: wrong, holder })).rejects.toMatchObject({ code: 'ERR_WALLET_ISSUER_ERROR', field: 'invalid_grant' });
    await expect(wallet.acceptCredentialOffer(preview, { holder })).rejects.toMatchObject({ code: 'ERR_REQUEST_INVALID', field: 'txCode' });
    expect(await offerStatus(created.id)).toBe('offered');

    const result = await wallet.acceptCredentialOffer(preview, { txCode: created.txCode!, holder });
    expect(result.credentials.map((c) => [c.types[0], c.format])).toEqual([
      ['TrainingSummary', 'dc+sd-jwt'],
      ['EmploymentHistory', 'dc+sd-jwt'],
      ['EmploymentReference', 'dc+sd-jwt'],
    ]);
    for (const c of result.credentials) received[c.types[0]!] = c;
    expect(await offerStatus(created.id)).toBe('accepted');
  });

  it('accepts jwt_vc_json (VC Data Model 1.1 JWT signed by a key of the issuer DID)', async () => {
    const created = await offer(['RoleCompetence'], { formats: ['jwt_vc_json'] });
    const result = await wallet.acceptCredentialOffer(await wallet.readCredentialOffer(created.link), { txCode: created.txCode!, holder });
    expect(result.credentials.map((c) => [c.types[0], c.format, c.issuer, c.holder])).toEqual([['RoleCompetence', 'jwt_vc_json', services.org.did, holder]]);
    received['RoleCompetence'] = result.credentials[0]!;
    expect(await offerStatus(created.id)).toBe('accepted');
  });

  it('accepts ldp_vc (Data Integrity proof by a key of the issuer DID)', async () => {
    const created = await offer(['TrainingPlacement'], { formats: ['ldp_vc'] });
    const result = await wallet.acceptCredentialOffer(await wallet.readCredentialOffer(created.link), { txCode: created.txCode!, holder });
    expect(result.credentials.map((c) => [c.types[0], c.format, c.issuer])).toEqual([['TrainingPlacement', 'ldp_vc', services.org.did]]);
    const proof = (result.credentials[0]!.raw as { proof: { verificationMethod: string } }).proof;
    expect(proof.verificationMethod.startsWith(`${services.org.did}#`)).toBe(true);
    received['TrainingPlacement'] = result.credentials[0]!;
    expect(await offerStatus(created.id)).toBe('accepted');
  });

  it('rejects an offer: nothing stored, nothing sent, the offer stays unused for HR', async () => {
    const before = (await wallet.listCredentials()).length;
    const created = await offer(['TrainingRecord']);
    const preview = await wallet.readCredentialOffer(created.link);
    await wallet.rejectCredentialOffer(preview);
    expect(await wallet.listCredentials()).toHaveLength(before);
    expect(await offerStatus(created.id)).toBe('offered');
    const [entry] = await wallet.listSharingLog({ action: 'rejected' });
    expect(entry).toMatchObject({ counterparty: { id: hr(''), organisation: { name: services.org.name, odsCode: services.org.odsCode } }, credentialTypes: ['TrainingRecord'], credentialIds: [] });
  });

  it('a deferred offer: pending until HR completes it, then it arrives, and HR sees accepted (section 9)', async () => {
    const created = (await postJson(hr('/offers'), { credentials: [{ type: 'ProfessionalRegistration' }], pending: true, formats: ['dc+sd-jwt'] }, auth())).body as unknown as CreatedOffer;
    const first = await wallet.acceptCredentialOffer(await wallet.readCredentialOffer(created.link), { txCode: created.txCode!, holder });
    expect(first.credentials).toEqual([]);
    expect(first.pending).toHaveLength(1);
    expect(first.pending[0]).toMatchObject({ configurationId: 'ProfessionalRegistration_dc_sd_jwt', holders: [holder], organisation: { odsCode: services.org.odsCode } });
    expect(await offerStatus(created.id)).toBe('pending');

    const still = await wallet.pollDeferred(first.pending[0]!);
    expect(still.credentials).toEqual([]);
    expect(still.pending).toHaveLength(1);

    const done = await postJson(hr(`/offers/${created.id}/complete`), { credentials: [{ type: 'ProfessionalRegistration', credentialSubject: claimsOf('ProfessionalRegistration') }] }, auth());
    expect(done.status).toBe(200);
    const arrived = await wallet.pollDeferred(still.pending[0]!);
    expect(arrived.pending).toEqual([]);
    expect(arrived.credentials.map((c) => [c.types[0], c.format, c.holder])).toEqual([['ProfessionalRegistration', 'dc+sd-jwt', holder]]);
    expect(await offerStatus(created.id)).toBe('accepted');
  });

  it('what the wallet holds reads as the screen shows it, with the organisation', async () => {
    const description = await wallet.describeCredential(received['DbsCheck']!);
    expect(description.issuer).toEqual({ did: services.org.did, name: services.org.name, odsCode: services.org.odsCode });
  });
});

describe('sharing (OpenID4VP 1.0)', () => {
  let preview: SharePreview;
  let requestId: string;

  it('reads the request for a shipped profile: names the verifier (client_name, and the organisation from the registry) and lists the claims', async () => {
    const created = await postJson(`${services.verifierUrl}/oid4vp/requests`, { profileId: PROFILE, startDate: START }, services.checker);
    expect(created.status).toBe(201);
    requestId = created.body['id'] as string;
    // The QR the verifier page shows decodes to the same link.
    const png = await fetch(`${services.verifierUrl}/oid4vp/requests/${requestId}/qr.png`, { headers: services.checker });
    expect(readQrPng(new Uint8Array(await png.arrayBuffer()))).toBe(created.body['link']);

    preview = await wallet.readPresentationRequest(created.body['link'] as string);
    expect(preview.verifierDid).toBe(verifierDid);
    expect(preview.clientId).toBe(`decentralized_identifier:${verifierDid}`);
    expect(preview.organisation).toMatchObject({ name: 'Riverside Hospitals NHS Trust', odsCode: 'RYJ' });
    expect(preview.clientName).toContain('Staff Passport verifier');
    expect(preview.queryLanguage).toBe('dcql');
    expect(preview.unsatisfied).toEqual([]);
    const answerable = preview.queries.filter((q) => q.candidates.length > 0);
    const typesAnswered = new Set(answerable.map((q) => q.candidates[0]!.credential.types[0]));
    for (const type of ['IdentityVerification', 'RightToWork', 'DbsCheck', 'OccupationalHealthClearance', 'TrainingSummary', 'EmploymentHistory', 'EmploymentReference']) {
      expect(typesAnswered).toContain(type);
    }
    // Each candidate lists the claims asked for, each required or optional.
    const rtw = answerable.find((q) => q.candidates[0]!.credential.types[0] === 'RightToWork')!;
    expect(rtw.candidates[0]!.selective).toBe(true);
    expect(rtw.candidates[0]!.claims.some((c) => c.required)).toBe(true);
  });

  it('shares, leaving out an optional claim; the verifier answers and its polled report says the check passed', async () => {
    // An optional claim of an SD-JWT credential (outside a claim set every answer needs).
    // (Claims the issuer made plain are always shared: they cannot be left out.)
    const omittable = (claim: { required: boolean; alwaysShared: boolean; value?: unknown }): boolean => !claim.required && !claim.alwaysShared && claim.value !== undefined;
    const query = preview.queries.find((q) => q.candidates.some((c) => c.selective && c.claims.some(omittable)))!;
    expect(query).toBeDefined();
    const candidate = query.candidates.find((c) => c.selective && c.claims.some(omittable))!;
    const optional = candidate.claims.find(omittable)!;

    const shared = await wallet.sharePresentation(preview, { choices: { [query.queryId]: { credentialId: candidate.credential.id, omit: [optional.path] } } });
    const mine = shared.shared.find((s) => s.queryId === query.queryId)!;
    expect(mine.claimsDisclosed).not.toContain(optional.logPath);

    const polled = await getJson(`${services.verifierUrl}/oid4vp/requests/${requestId}`, services.checker);
    expect(polled['state']).toBe('answered');
    const result = polled['result'] as { decision: string; verified: boolean; failedChecks: { check: string; code?: string }[] };
    expect(result.failedChecks).toEqual([]);
    expect(result.verified).toBe(true);
    // A new employer (the default move) still sees the originals and does its own right to work check.
    expect(result.decision).toBe('ready_once_checks_done');

    const [entry] = await wallet.listSharingLog({ action: 'shared' });
    expect(entry).toMatchObject({ counterparty: { id: preview.clientId, organisation: { name: 'Riverside Hospitals NHS Trust' } } });
    expect(entry!.claimsDisclosed.length).toBeGreaterThan(5);
    expect(entry!.claimsDisclosed).not.toContain(optional.logPath);
  });

  it('a refusal: the verifier is told access_denied and its page shows refused', async () => {
    const created = await postJson(`${services.verifierUrl}/oid4vp/requests`, { profileId: PROFILE, startDate: START }, services.checker);
    const refusing = await wallet.readPresentationRequest(created.body['link'] as string);
    expect(refusing.organisation?.name).toBe('Riverside Hospitals NHS Trust');
    await wallet.refusePresentationRequest(refusing);
    const polled = await getJson(`${services.verifierUrl}/oid4vp/requests/${created.body['id'] as string}`, services.checker);
    expect(polled['state']).toBe('refused');
    expect(polled['walletError']).toMatchObject({ error: 'access_denied' });
  });

  it('the sharing log lists received, rejected, shared and refused, and exports as JSON', async () => {
    const log = await wallet.listSharingLog();
    expect(new Set(log.map((e) => e.action))).toEqual(new Set(['received', 'rejected', 'shared', 'refused']));
    expect(log.filter((e) => e.action === 'received')).toHaveLength(5);
    const exported = await wallet.exportSharingLog();
    const parsed = JSON.parse(JSON.stringify(exported)) as { entries: { action: string; claimsDisclosed: string[] }[] };
    expect(parsed.entries.map((e) => e.action)).toEqual(log.map((e) => e.action));
    expect(parsed.entries.find((e) => e.action === 'shared')!.claimsDisclosed.length).toBeGreaterThan(5);
  });
});

describe('sharing a jwt_vc_json credential, Presentation Exchange, the purpose (OpenID4VP 1.0)', () => {
  let jwtIdentity: StoredCredential;
  const PURPOSE = 'Checks for the ward clerk post starting in October';

  interface ReportCredential {
    types: string[];
    format: string;
    standing: string;
    usedFor: string[];
  }

  /**
   * The verifier page's poll of an answered request (answered, every check passed, ready to start),
   * and the full report's credentials: what the verifier itself read and verified.
   */
  async function expectVerified(requestId: string): Promise<ReportCredential[]> {
    const polled = await getJson(`${services.verifierUrl}/oid4vp/requests/${requestId}`, services.checker);
    expect(polled['state']).toBe('answered');
    const result = polled['result'] as { decision: string; verified: boolean; failedChecks: { check: string; code?: string }[] };
    expect(result.failedChecks).toEqual([]);
    expect(result.verified).toBe(true);
    // A new employer (the default move) still sees the originals and does its own right to work check.
    expect(result.decision).toBe('ready_once_checks_done');
    const full = await getJson(`${services.verifierUrl}/results/${polled['resultId'] as string}`, services.checker);
    return (full['report'] as { credentials: ReportCredential[] }).credentials;
  }

  /** The credential of the report that satisfied the identity requirement. */
  function identityIn(credentials: readonly ReportCredential[]): Omit<ReportCredential, 'usedFor'> {
    const used = credentials.filter((c) => c.usedFor.includes('identity'));
    expect(used).toHaveLength(1);
    return { types: used[0]!.types, format: used[0]!.format, standing: used[0]!.standing };
  }

  it('a jwt_vc_json credential answers the DCQL query by its type_values (expanded IRIs, appendix B.1.1); the verifier verifies the VP JWT', async () => {
    const created = await offer(['IdentityVerification'], { formats: ['jwt_vc_json'] });
    const accepted = await wallet.acceptCredentialOffer(await wallet.readCredentialOffer(created.link), { txCode: created.txCode!, holder });
    expect(accepted.credentials.map((c) => [c.types[0], c.format])).toEqual([['IdentityVerification', 'jwt_vc_json']]);
    jwtIdentity = accepted.credentials[0]!;

    const request = await postJson(`${services.verifierUrl}/oid4vp/requests`, { profileId: PROFILE, startDate: START }, services.checker);
    expect(request.status).toBe(201);
    const requestId = request.body['id'] as string;
    const dcqlPreview = await wallet.readPresentationRequest(request.body['link'] as string);
    expect(dcqlPreview.unsatisfied).toEqual([]);
    // The verifier asks for W3C credentials by the expanded type IRI, not the compact name.
    const dcql = dcqlPreview.request['dcql_query'] as { credentials: { id: string; format: string; meta: { type_values?: string[][] } }[] };
    const asked = dcql.credentials.find((c) => c.format === 'jwt_vc_json' && c.meta.type_values?.[0]?.[0]?.endsWith('#IdentityVerification'))!;
    expect(asked).toBeDefined();
    expect(asked.meta.type_values![0]![0]).toMatch(/^https?:\/\/.+#IdentityVerification$/);
    const query = dcqlPreview.queries.find((q) => q.queryId === asked.id)!;
    expect(query.format).toBe('jwt_vc_json');
    expect(query.candidates.map((c) => c.credential.id)).toEqual([jwtIdentity.id]);
    const candidate = query.candidates[0]!;
    expect(candidate.selective).toBe(false);
    expect(candidate.claims.map((c) => c.path)).toEqual(expect.arrayContaining(['credentialSubject.identity.confidenceLevel']));
    // The SD-JWT query of the same requirement is answered by the SD-JWT credential only.
    const sdQuery = dcqlPreview.queries.find((q) => q.queryId === asked.id.replace(/__jwt$/, '__sd'))!;
    expect(sdQuery.candidates.map((c) => c.credential.format)).toEqual(['dc+sd-jwt']);

    // Choosing the jwt_vc_json query satisfies the identity credential set: the SD-JWT one is not sent too.
    const shared = await wallet.sharePresentation(dcqlPreview, { choices: { [asked.id]: { credentialId: jwtIdentity.id } } });
    const ids = shared.shared.map((s) => s.queryId);
    expect(ids).toContain(asked.id);
    expect(ids).not.toContain(sdQuery.queryId);
    // No selective disclosure: the whole subject is disclosed, and the log says so.
    const mine = shared.shared.find((s) => s.queryId === asked.id)!;
    expect(mine.credentialId).toBe(jwtIdentity.id);
    expect(mine.claimsDisclosed).toEqual(Object.keys(jwtIdentity.claims).map((name) => `credentialSubject.${name}`));
    // The verifier read the identity credential as a VC 1.1 JWT (from the VP JWT) and verified it.
    expect(identityIn(await expectVerified(requestId))).toEqual({ types: expect.arrayContaining(['IdentityVerification']), format: 'jwt_vc_json', standing: 'verified' });
  });

  it('answers a Presentation Exchange request: one descriptor per submission requirement, the chosen jwt_vc_json one nested in a VP (PE 2.0, sections 6 and 7)', async () => {
    const request = await postJson(`${services.verifierUrl}/oid4vp/requests`, { profileId: PROFILE, startDate: START, query: 'pe' }, services.checker);
    expect([request.status, request.body['query']]).toEqual([201, 'pe']);
    const requestId = request.body['id'] as string;
    const pePreview = await wallet.readPresentationRequest(request.body['link'] as string);
    expect(pePreview.queryLanguage).toBe('presentation_definition');
    expect(pePreview.unsatisfied).toEqual([]);
    const definition = pePreview.request['presentation_definition'] as { id: string; input_descriptors: { id: string; group: string[]; format: Record<string, unknown> }[]; submission_requirements: { rule: string }[] };
    expect(definition.id).toBe(`${PROFILE}@1.1.0`);
    // Every descriptor is an alternative under a pick rule: none is required on its own.
    expect(pePreview.queries.every((q) => !q.required)).toBe(true);
    const jwtDescriptor = definition.input_descriptors.find((d) => d.group.includes('identity') && 'jwt_vc_json' in d.format)!;
    const jwtQuery = pePreview.queries.find((q) => q.queryId === jwtDescriptor.id)!;
    expect(jwtQuery.candidates.map((c) => c.credential.id)).toEqual([jwtIdentity.id]);

    const shared = await wallet.sharePresentation(pePreview, { choices: { [jwtDescriptor.id]: { credentialId: jwtIdentity.id } } });
    // Each top-level requirement of the admin profile picks one: identity by the chosen JWT credential only.
    const sharedIds = shared.shared.map((s) => s.queryId);
    const groupsOf = (id: string) => definition.input_descriptors.find((d) => d.id === id)!.group;
    expect(sharedIds.filter((id) => groupsOf(id).includes('identity'))).toEqual([jwtDescriptor.id]);
    for (const group of ['right_to_work', 'dbs', 'occupational_health', 'employment_history']) {
      expect([group, sharedIds.filter((id) => groupsOf(id).includes(group)).length]).toEqual([group, 1]);
    }
    expect(new Set(shared.shared.map((s) => s.credentialId)).size).toBe(shared.shared.length);
    const report = await expectVerified(requestId);
    expect(report).toHaveLength(shared.shared.length);
    expect(identityIn(report)).toEqual({ types: expect.arrayContaining(['IdentityVerification']), format: 'jwt_vc_json', standing: 'verified' });

    const entry = (await wallet.listSharingLog({ action: 'shared' })).at(-1);
    expect(entry!.credentialIds).toEqual(shared.shared.map((s) => s.credentialId));
  });

  it("the preview's purpose is the request's (client_metadata.purpose), for DCQL and PE; by default the verifier's stored purpose", async () => {
    for (const query of ['dcql', 'pe']) {
      const asked = await postJson(`${services.verifierUrl}/oid4vp/requests`, { profileId: PROFILE, startDate: START, query, purpose: PURPOSE }, services.checker);
      expect(asked.status).toBe(201);
      const read = await wallet.readPresentationRequest(asked.body['link'] as string);
      expect([query, read.purpose]).toEqual([query, PURPOSE]);
      expect((read.request['client_metadata'] as Record<string, unknown>)['purpose']).toBe(PURPOSE);
      await wallet.refusePresentationRequest(read);
    }
    // Without one, the purpose the verifier stored for the request (its own default wording).
    const byDefault = await postJson(`${services.verifierUrl}/oid4vp/requests`, { profileId: PROFILE, startDate: START }, services.checker);
    const stored = await getJson(`${services.verifierUrl}/presentation-requests/${byDefault.body['id'] as string}`);
    expect(stored['purpose']).toEqual(expect.any(String));
    const read = await wallet.readPresentationRequest(byDefault.body['link'] as string);
    expect(read.purpose).toBe(stored['purpose']);
    await wallet.refusePresentationRequest(read);
    // The sharing log keeps the purpose the holder was shown.
    const refused = await wallet.listSharingLog({ action: 'refused' });
    expect(refused.slice(-3).map((e) => e.purpose)).toEqual([PURPOSE, PURPOSE, stored['purpose']]);
  });

  it('checks the request against the registered asks of the verifier (its entry in the signed registry): registered for its purpose', async () => {
    for (const move of ['new_employer', 'rotation']) {
      const created = await postJson(`${services.verifierUrl}/oid4vp/requests`, { profileId: PROFILE, startDate: START, move }, services.checker);
      const read = await wallet.readPresentationRequest(created.body['link'] as string);
      expect(read.registration).toMatchObject({ status: 'registered', purpose: move, notRegistered: [] });
      expect(read.queries.every((q) => q.registered === true)).toBe(true);
    }
  });
});

describe('status', () => {
  it('after HR revokes a credential, the wallet status check says revoked; the others stay valid', async () => {
    expect((await wallet.checkCredentialStatus(received['DbsCheck']!)).status).toBe('valid');
    const list = await getJson(hr(`/credentials?subject=${encodeURIComponent(holder)}&type=DbsCheck`), auth());
    const [record] = list['credentials'] as { id: string }[];
    const revoked = await postJson(hr(`/credentials/${record!.id}/revoke`), { reason: 'issued_in_error' }, auth());
    expect(revoked.status).toBe(200);
    expect((await wallet.checkCredentialStatus(received['DbsCheck']!)).status).toBe('revoked');
    expect((await wallet.checkCredentialStatus(received['EmploymentHistory']!)).status).toBe('valid');
    expect((await wallet.checkCredentialStatus(received['RoleCompetence']!)).status).toBe('valid');
    expect((await wallet.checkCredentialStatus(received['TrainingPlacement']!)).status).toBe('valid');
  });
});
