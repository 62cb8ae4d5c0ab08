/**
 * `staff-passport type publish`, `type list`, `org types` (issue 18, item 1) and `org staff-collection` (issue 19): the registry and
 * the setting for types not registered, from the command line, on the issuer's database.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@staff-passport/core';
import { createIssuerContext, createOrganisation, getTypeSettings, listCredentialTypes, type Organisation } from '@staff-passport/issuer';
import { runCliCaptured as run } from '../helpers/run-cli-captured.js';

const dataDir = mkdtempSync(join(tmpdir(), 'sp-cli-types-'));
const secretKey = randomBytes(32).toString('hex');
const saved = { ...process.env };
let org: Organisation;

function openIssuer(): ReturnType<typeof createIssuerContext> {
  return createIssuerContext({ databaseFile: join(dataDir, 'issuer.sqlite'), secretKey, publicUrl: 'http://127.0.0.1:4000', logger: createLogger({ level: 'silent' }) });
}

beforeAll(async () => {
  process.env['DATA_DIR'] = dataDir;
  process.env['PASSPORT_SECRET_KEY'] = secretKey;
  process.env['ISSUER_PUBLIC_URL'] = 'http://127.0.0.1:4000';
  const ctx = await openIssuer();
  org = await createOrganisation(ctx, { name: 'Types Test Trust', odsCode: 'RZT' }, 'test');
  await ctx.close();
});
afterAll(() => {
  process.env = saved;
  rmSync(dataDir, { recursive: true, force: true });
});

it('publishes a type from a file, lists it, and refuses to publish the same version twice', async () => {
  const file = join(dataDir, 'mask-fit-test.json');
  const schema = { type: 'object', properties: { credentialSubject: { type: 'object', properties: { fitTest: { type: 'object' } } } } };
  writeFileSync(file, JSON.stringify({ type: 'MaskFitTest', version: '1.0.0', title: 'Mask fit test', description: 'A passed face-fit test.', schema }));
  const published = await run(['type', 'publish', file]);
  expect([published.code, published.err]).toEqual([0, '']);
  expect(JSON.parse(published.out)).toMatchObject({ id: 'http://127.0.0.1:4000/types/mask-fit-test/1.0.0', type: 'MaskFitTest' });
  const listed = await run(['type', 'list']);
  expect(listed.out).toContain('MaskFitTest 1.0.0  Mask fit test  http://127.0.0.1:4000/types/mask-fit-test/1.0.0');
  const again = await run(['type', 'publish', file]);
  expect(again.code).not.toBe(0);
  expect(again.err).toContain('ERR_TYPE_CONFLICT');
  const ctx = await openIssuer();
  expect((await listCredentialTypes(ctx)).map((t) => t.version)).toEqual(['1.0.0']);
  await ctx.close();
});

it('shows and sets whether an organisation issues types not registered (off by default)', async () => {
  expect(JSON.parse((await run(['org', 'types', '--org', org.id])).out)).toEqual({ allowUnregisteredTypes: false });
  expect(JSON.parse((await run(['org', 'types', '--org', org.id, '--allow-unregistered', 'on'])).out)).toEqual({ allowUnregisteredTypes: true });
  const ctx = await openIssuer();
  expect(await getTypeSettings(ctx, org)).toEqual({ allowUnregisteredTypes: true });
  await ctx.close();
  const wrong = await run(['org', 'types', '--org', org.id, '--allow-unregistered', 'maybe']);
  expect(wrong.code).toBe(64);
});

it('org staff-collection (issue 19): shows and sets the person claim and the wallet redirect URIs, refusing a bad one', async () => {
  const none = await run(['org', 'staff-collection', '--org', org.id]);
  expect([none.code, JSON.parse(none.out)]).toEqual([0, { personClaim: null }]);
  const early = await run(['org', 'staff-collection', '--org', org.id, '--wallet-redirect-uris', 'https://wallet.rzt.example/cb']);
  expect([early.code, early.err]).toEqual([65, expect.stringContaining('ERR_REQUEST_INVALID')]);
  const set = await run(['org', 'staff-collection', '--org', org.id, '--person-claim', 'employee_number', '--wallet-redirect-uris', 'https://wallet.rzt.example/cb, uk.nhs.staffpassport:/callback']);
  expect([set.code, JSON.parse(set.out)]).toEqual([0, { personClaim: 'employee_number', walletRedirectUris: ['https://wallet.rzt.example/cb', 'uk.nhs.staffpassport:/callback'] }]);
  // Setting the claim keeps the URIs; `default` goes back to the deployment's wallet.
  const claim = await run(['org', 'staff-collection', '--org', org.id, '--person-claim', 'esr_person_number']);
  expect(JSON.parse(claim.out)).toEqual({ personClaim: 'esr_person_number', walletRedirectUris: ['https://wallet.rzt.example/cb', 'uk.nhs.staffpassport:/callback'] });
  const bad = await run(['org', 'staff-collection', '--org', org.id, '--wallet-redirect-uris', 'http://wallet.rzt.example/cb']);
  expect([bad.code, bad.err]).toEqual([65, expect.stringContaining('ERR_REQUEST_INVALID')]);
  const reset = await run(['org', 'staff-collection', '--org', org.id, '--wallet-redirect-uris', 'default']);
  expect(JSON.parse(reset.out)).toEqual({ personClaim: 'esr_person_number' });
});
