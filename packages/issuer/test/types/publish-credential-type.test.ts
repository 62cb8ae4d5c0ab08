/**
 * The credential type registry (issue 18, item 1): a platform administrator publishes a versioned
 * type at run time; it is served at its id, issued like a catalogue type (its schema checked, in
 * every format), offered in the OpenID4VCI metadata and in the HR console's generated forms, and
 * audited; a published version never changes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyAuditChain } from '@staff-passport/issuer';
import { call, startIssuer, type TestIssuer } from '../helpers/start-issuer.js';
import { buildClaimFields } from '../../src/console/issue/lib/claim-fields.js';
import { listNewestRegisteredTypes } from '../../src/types/list-credential-types.js';
import { claimFormBody } from '../console/helpers/claim-form-body.js';
import { fetchPage } from '../console/helpers/console-client.js';
import { consoleSession, type TestConsoleSession } from '../console/helpers/console-cookie.js';

const holder = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
let issuer: TestIssuer;
let session: TestConsoleSession;

const schema = (maxMask = 100): Record<string, unknown> => ({
  type: 'object',
  required: ['@context', 'type', 'credentialSubject'],
  properties: {
    credentialSubject: {
      type: 'object',
      required: ['id', 'fitTest'],
      properties: {
        id: { type: 'string' },
        fitTest: {
          type: 'object',
          additionalProperties: false,
          required: ['mask', 'passedOn'],
          properties: { mask: { type: 'string', minLength: 1, maxLength: maxMask }, passedOn: { type: 'string', format: 'date' } },
        },
      },
    },
  },
});
const publication = (version = '1.0.0', change: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'MaskFitTest',
  version,
  title: 'Mask fit test',
  description: 'A passed face-fit test for a respiratory protective mask.',
  schema: schema(),
  labels: { fitTest: 'Fit test', 'fitTest.mask': 'Mask', 'fitTest.passedOn': 'Passed on' },
  disclosable: ['fitTest.mask'],
  rules: [{ code: 'retest_yearly', rule: 'A new test is due a year after passedOn.' }],
  validity: { from: 'fitTest.passedOn', months: 12 },
  ...change,
});
const fitTest = { mask: '3M Aura 1863+', passedOn: '2026-02-20' };

function publish(body: unknown, key = issuer.platformKey): ReturnType<typeof call> {
  return call(`${issuer.url}/types`, { key, body });
}

function issue(credential: Record<string, unknown>, format = 'vc+jwt'): ReturnType<typeof call> {
  return call(`${issuer.url}/orgs/${issuer.a.org.id}/credentials/issue`, { key: issuer.a.keys.issuer, body: { credential, options: { format } } });
}

function payloadOf(answer: Record<string, unknown>): Record<string, unknown> {
  const vc = answer['verifiableCredential'] as Record<string, unknown>;
  if (vc['type'] !== 'EnvelopedVerifiableCredential') return vc;
  const jwt = (vc['id'] as string).split(',')[1]!;
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

beforeAll(async () => {
  issuer = await startIssuer();
  session = consoleSession(issuer);
});
afterAll(async () => {
  await issuer.close();
});

describe('publishing', () => {
  it('a platform administrator publishes a version; it is served at its id, an https URL of the issuer', async () => {
    const res = await publish(publication());
    expect(res.status).toBe(201);
    const id = `${issuer.url}/types/mask-fit-test/1.0.0`;
    expect(res.body).toMatchObject({ id, type: 'MaskFitTest', slug: 'mask-fit-test', version: '1.0.0', title: 'Mask fit test', disclosable: ['fitTest.mask'] });
    expect(res.headers.get('location')).toBe(id);
    const served = await call(id);
    expect(served.type).toContain('application/schema+json');
    expect(JSON.parse(served.text)).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: id, type: 'object' });
    const listed = await call(`${issuer.url}/types`);
    expect(listed.body['types']).toEqual([expect.objectContaining({ id, type: 'MaskFitTest', version: '1.0.0' })]);
    expect((await call(`${id}/definition`)).body).toMatchObject({ labels: { 'fitTest.mask': 'Mask' }, rules: [{ code: 'retest_yearly' }] });
  });

  it('a published version never changes: publishing it again is a conflict, and what is served stays', async () => {
    const again = await publish(publication('1.0.0', { title: 'Changed', schema: schema(5) }));
    expect([again.status, again.body['code'], again.body['field']]).toEqual([409, 'ERR_TYPE_CONFLICT', 'version']);
    expect((await call(`${issuer.url}/types/mask-fit-test/1.0.0/definition`)).body['title']).toBe('Mask fit test');
  });

  it.each<[string, Record<string, unknown>, number, string, string]>([
    ['a catalogue type name', { type: 'TrainingRecord' }, 409, 'ERR_TYPE_CONFLICT', 'type'],
    ['a slug paired with another type', { type: 'OtherTest', slug: 'mask-fit-test' }, 409, 'ERR_TYPE_CONFLICT', 'type'],
    ['the type under another slug', { slug: 'fit-test' }, 409, 'ERR_TYPE_CONFLICT', 'slug'],
    ['a version that is not MAJOR.MINOR.PATCH', { version: '2' }, 400, 'ERR_TYPE_INVALID', 'version'],
    ['a schema of another JSON Schema draft', { schema: { ...schema(), $schema: 'http://json-schema.org/draft-07/schema#' } }, 400, 'ERR_TYPE_INVALID', 'schema.$schema'],
    ['a schema without credentialSubject', { schema: { type: 'object' } }, 400, 'ERR_TYPE_INVALID', 'schema.properties.credentialSubject'],
    ['a schema that does not compile', { schema: { type: 'object', properties: { credentialSubject: { type: 'nothing' } } } }, 400, 'ERR_TYPE_INVALID', 'schema'],
    ['a disclosable path that is not one', { disclosable: ['fit test'] }, 400, 'ERR_TYPE_INVALID', 'disclosable[0]'],
    ['a validity rule without months', { validity: { from: 'fitTest.passedOn' } }, 400, 'ERR_TYPE_INVALID', 'validity'],
  ])('refuses %s', async (_case, change, status, code, field) => {
    const res = await publish(publication('9.0.0', change));
    expect([res.status, res.body['code'], res.body['field']]).toEqual([status, code, field]);
  });

  it('only with a platform key', async () => {
    expect((await publish(publication('1.0.1'), issuer.a.keys['org-admin'])).status).toBe(401);
    expect((await call(`${issuer.url}/types`, { body: publication('1.0.1') })).status).toBe(401);
  });
});

describe('issuing a registered type, as the catalogue types are', () => {
  const credential = (subject: Record<string, unknown> = { fitTest }): Record<string, unknown> => ({ type: ['VerifiableCredential', 'MaskFitTest'], credentialSubject: { id: holder, ...subject } });

  it.each(['vc+jwt', 'ldp_vc', 'jwt_vc_json'])('%s: the issuer completes it and names the registered schema', async (format) => {
    const res = await issue(credential(), format);
    expect(res.status).toBe(201);
    const vc = payloadOf(res.body);
    const body = format === 'jwt_vc_json' ? (vc['vc'] as Record<string, unknown>) : vc;
    // (A VC 1.1 JWT carries the issuer and subject ids as iss and sub.)
    expect(body).toMatchObject({ credentialSubject: { fitTest }, credentialSchema: { id: `${issuer.url}/types/mask-fit-test/1.0.0`, type: 'JsonSchema' } });
    if (format !== 'jwt_vc_json') expect(body).toMatchObject({ issuer: { id: issuer.a.org.did }, credentialSubject: { id: holder } });
    // The published validity rule: the end of the day 12 months after passedOn.
    if (format === 'jwt_vc_json') expect(vc['exp']).toBe(Date.parse('2027-02-20T23:59:59Z') / 1000);
    else expect(body['validUntil']).toBe('2027-02-20T23:59:59Z');
  });

  it('dc+sd-jwt: the vct names the version and the claims published as disclosable are disclosable', async () => {
    const res = await issue(credential(), 'dc+sd-jwt');
    expect(res.status).toBe(201);
    const sdJwt = ((res.body['verifiableCredential'] as { id: string }).id).slice('data:application/dc+sd-jwt,'.length);
    const [jwt, ...disclosures] = sdJwt.split('~');
    expect(JSON.parse(Buffer.from(jwt!.split('.')[1]!, 'base64url').toString('utf8'))['vct']).toBe(`${issuer.url}/types/mask-fit-test/1.0.0`);
    const keys = disclosures.filter(Boolean).map((d) => (JSON.parse(Buffer.from(d, 'base64url').toString('utf8')) as unknown[])[1]);
    expect(keys).toContain('mask');
  });

  it('its schema is enforced (ERR_SCHEMA_INVALID with the field), and a newer version is issued under once published', async () => {
    const bad = await issue(credential({ fitTest: { mask: '' } }));
    expect(bad.body).toMatchObject({ code: 'ERR_SCHEMA_INVALID' });
    expect((bad.body['issues'] as { path: string }[]).map((i) => i.path).sort()).toEqual(['credential.credentialSubject.fitTest.mask', 'credential.credentialSubject.fitTest.passedOn']);
    expect((await publish(publication('1.1.0', { schema: schema(10) }))).status).toBe(201);
    const long = await issue(credential());
    expect(long.body).toMatchObject({ code: 'ERR_SCHEMA_INVALID', field: 'credential.credentialSubject.fitTest.mask' });
    const ok = await issue(credential({ fitTest: { ...fitTest, mask: 'FFP3' } }));
    expect(payloadOf(ok.body)['credentialSchema']).toMatchObject({ id: `${issuer.url}/types/mask-fit-test/1.1.0` });
  });

  it('publishing is audited in the platform chain', async () => {
    const rows = (await issuer.ctx.db.query("SELECT action, subject FROM sp_audit_log WHERE chain = '_platform' AND action = 'credential-type.publish' ORDER BY seq")) as { subject: string }[];
    expect(rows.map((r) => r.subject)).toEqual([`${issuer.url}/types/mask-fit-test/1.0.0`, `${issuer.url}/types/mask-fit-test/1.1.0`]);
    expect((await verifyAuditChain(issuer.ctx.db, '_platform')).ok).toBe(true);
  });
});

describe('offered like a catalogue type', () => {
  it('in the OpenID4VCI issuer metadata, in every format, with its display names', async () => {
    const res = await call(`${issuer.url}/.well-known/openid-credential-issuer/orgs/${issuer.a.org.id}`);
    const configurations = res.body['credential_configurations_supported'] as Record<string, Record<string, unknown>>;
    expect(configurations['MaskFitTest_dc_sd_jwt']).toMatchObject({ format: 'dc+sd-jwt', vct: `${issuer.url}/types/mask-fit-test/1.1.0` });
    expect(configurations['MaskFitTest_jwt_vc_json']).toMatchObject({
      credential_definition: { type: ['VerifiableCredential', 'MaskFitTest'] },
      credential_metadata: { display: [expect.objectContaining({ name: 'Mask fit test' })], claims: expect.arrayContaining([{ path: ['credentialSubject', 'fitTest', 'mask'], display: [{ name: 'Mask', locale: 'en-GB' }] }]) },
    });
    expect(configurations['MaskFitTest_ldp_vc']).toBeDefined();
  });

  it('in offers made over the API, its claims checked against its schema', async () => {
    const url = `${issuer.url}/orgs/${issuer.a.org.id}/offers`;
    const made = await call(url, { key: issuer.a.keys.issuer, body: { credentials: [{ type: 'MaskFitTest', credentialSubject: { fitTest: { ...fitTest, mask: 'FFP3' } } }] } });
    expect(made.status).toBe(201);
    const bad = await call(url, { key: issuer.a.keys.issuer, body: { credentials: [{ type: 'MaskFitTest', credentialSubject: { fitTest: { mask: 'FFP3' } } }] } });
    expect(bad.body).toMatchObject({ code: 'ERR_SCHEMA_INVALID', field: 'credentials[0].credentialSubject.fitTest.passedOn' });
  });

  it("in the HR console: a choice of type, and a form generated from its schema that makes the offer", async () => {
    const choice = await fetchPage(`${issuer.url}/console/issue`, { cookie: session.cookie });
    expect(choice.text).toContain('value="mask-fit-test"');
    expect(choice.text).toContain('Mask fit test');
    const page = await fetchPage(`${issuer.url}/console/issue/mask-fit-test`, { cookie: session.cookie });
    expect(page.status).toBe(200);
    expect(page.text).toContain('name="fitTest-mask"');
    const definition = (await listNewestRegisteredTypes(issuer.ctx)).find((d) => d.type === 'MaskFitTest')!;
    const form = claimFormBody(buildClaimFields(definition), { id: holder, fitTest: { ...fitTest, mask: 'FFP3' } }, { _csrf: session.csrf, 'offer-expires': '86400' });
    const made = await fetchPage(`${issuer.url}/console/issue/mask-fit-test`, { cookie: session.cookie, form });
    expect([made.status, made.location]).toEqual([303, expect.stringMatching(/^\/console\/offers\/off_/)]);
    const offerPage = await fetchPage(`${issuer.url}${made.location!}`, { cookie: session.cookie });
    expect(offerPage.text).toContain('Mask fit test');
  });
});
