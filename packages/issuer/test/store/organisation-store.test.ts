/**
 * The organisation store's contract on SQLite and PostgreSQL: organisations found by id and ODS
 * code and listed oldest first; their keys (one record each, with the sealed private key) recorded
 * once, listed newest first, found by organisation and kid, the newest active one per algorithm
 * found, and retired.
 */
import { expect, it } from '@jest/globals';
import { createOrganisationStore, type OrgKeyRow, type OrganisationRow } from '../../src/store/organisation-store.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { issuerDatabase } from './helpers/issuer-database.js';

function org(id: string, odsCode: string, createdAt: string): OrganisationRow {
  return { id, name: `Trust ${id}`, ods_code: odsCode, did: `did:web:issuer.test:orgs:${id}`, created_at: createdAt };
}

function key(kid: string, orgId: string, alg: OrgKeyRow['alg'], createdAt: string): OrgKeyRow {
  return { kid, org_id: orgId, alg, vm_id: `did:web:issuer.test:orgs:${orgId}#${kid}`, status: 'active', created_at: createdAt, retired_at: null, public_key_hex: `pub-${kid}`, private_key: `sealed-${kid}` };
}

describeEngines('the organisation store', (engine) => {
  const db = issuerDatabase(engine);

  it('finds organisations by id and ODS code, lists them oldest first, and refuses a taken ODS code', async () => {
    const orgs = createOrganisationStore(db());
    await orgs.insert(org('org_2', 'RB2', '2026-12-02T10:00:00.000Z'));
    await orgs.insert(org('org_1', 'RA1', '2026-12-01T10:00:00.000Z'));
    expect(await orgs.find('org_1')).toEqual(org('org_1', 'RA1', '2026-12-01T10:00:00.000Z'));
    expect(await orgs.find('org_9')).toBeUndefined();
    expect(await orgs.exists('org_2')).toBe(true);
    expect(await orgs.exists('org_9')).toBe(false);
    expect((await orgs.findByOdsCode('RB2'))?.id).toBe('org_2');
    expect(await orgs.findByOdsCode('RZZ')).toBeUndefined();
    expect((await orgs.list()).map((o) => o.id)).toEqual(['org_1', 'org_2']);
    await expect(orgs.insert(org('org_3', 'RA1', '2026-12-03T10:00:00.000Z'))).rejects.toThrow();
  });

  it('records keys, lists them newest first and finds the newest active key of each algorithm', async () => {
    const orgs = createOrganisationStore(db());
    await orgs.insertKeys([key('k_ed_1', 'org_1', 'EdDSA', '2026-12-01T10:00:00.000Z'), key('k_p256_1', 'org_1', 'ES256', '2026-12-01T10:00:00.000Z')]);
    await orgs.insertKeys([key('k_ed_2', 'org_1', 'EdDSA', '2026-12-05T10:00:00.000Z')]);
    expect((await orgs.listKeys('org_1')).map((k) => k.kid)).toEqual(['k_ed_2', 'k_ed_1', 'k_p256_1']);
    expect(await orgs.activeKid('org_1', 'EdDSA')).toBe('k_ed_2');
    expect(await orgs.activeKid('org_1', 'ES256')).toBe('k_p256_1');
    expect(await orgs.activeKid('org_2', 'EdDSA')).toBeUndefined();
    expect(await orgs.findKey('org_1', 'k_p256_1')).toEqual(key('k_p256_1', 'org_1', 'ES256', '2026-12-01T10:00:00.000Z'));
    expect(await orgs.findKey('org_2', 'k_p256_1')).toBeUndefined();
  });

  it('retires keys, which then sign no more', async () => {
    const orgs = createOrganisationStore(db());
    await orgs.retireKeys(['k_ed_2', 'k_ed_1'], '2026-12-06T10:00:00.000Z');
    expect(await orgs.activeKid('org_1', 'EdDSA')).toBeUndefined();
    expect((await orgs.listKeys('org_1')).find((k) => k.kid === 'k_ed_1')).toMatchObject({ status: 'retired', retired_at: '2026-12-06T10:00:00.000Z' });
  });

  it('records a key once: a second insert of it is refused, or left alone when asked to', async () => {
    const orgs = createOrganisationStore(db());
    await orgs.insertKeys([key('k_ed_3', 'org_2', 'EdDSA', '2026-12-01T10:00:00.000Z')]);
    await expect(orgs.insertKeys([key('k_ed_3', 'org_2', 'EdDSA', '2026-12-09T10:00:00.000Z')])).rejects.toThrow();
    await orgs.insertKeys([key('k_ed_3', 'org_2', 'EdDSA', '2026-12-09T10:00:00.000Z')], { ifMissing: true });
    expect(await orgs.listKeys('org_2')).toEqual([key('k_ed_3', 'org_2', 'EdDSA', '2026-12-01T10:00:00.000Z')]);
  });
});
