/**
 * Migration 4 on SQLite and PostgreSQL: a database written by the old code path (organisation keys
 * made by Veramo's key manager, sealed by its SecretBox, and recorded in sp_org_keys too; one
 * organisation from before keys were tracked) is converted to one record per key, sealed by core's
 * secret box: the keys are listed as before, still sign (JWS and Data Integrity), and Veramo's
 * copies are gone. Without the secret, or with another one, the migration refuses and changes nothing.
 */
import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { expect, it } from '@jest/globals';
import { createDidResolver, createLogger, createPassportAgent, openDatabase, publicJwkOf, verificationMethodIdFor, type PassportAgent } from '@staff-passport/core';
import { createIssuerContext, createOrganisation, getOrgSigner, listOrgKeys, rotateOrgKeys, type IssuerContext } from '@staff-passport/issuer';
import { getOrgDataIntegritySigner } from '../../src/organisations/org-keys.js';
import { ISSUER_MIGRATIONS } from '../../src/store/issuer-schema.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { sql } from 'kysely';

const secretKey = randomBytes(32).toString('hex');
const publicUrl = 'https://issuer.test';

interface OldOrg {
  id: string;
  did: string;
  /** kid: [type, public key hex] as Veramo held it. */
  keys: Map<string, { type: string; publicKeyHex: string }>;
}

// What createOrganisation and rotateOrgKeys did before migration 4.
async function oldOrganisation(agent: PassportAgent, db: Awaited<ReturnType<typeof openDatabase>>, id: string, tracked: boolean): Promise<OldOrg> {
  const did = `did:web:issuer.test:orgs:${id}`;
  const identifier = await agent.didManagerCreate({ provider: 'did:web', alias: did.slice('did:web:'.length), kms: 'local', options: { keyType: 'Ed25519' } });
  const keys = [...identifier.keys];
  await sql`INSERT INTO sp_organisations (id, name, ods_code, did, created_at) VALUES (${id}, ${`Trust ${id}`}, ${id.slice(-3).toUpperCase()}, ${did}, '2026-01-01T00:00:00.000Z')`.execute(db.kysely);
  if (tracked) {
    for (const type of ['Secp256r1', 'Ed25519'] as const) {
      const key = await agent.keyManagerCreate({ kms: 'local', type });
      await agent.didManagerAddKey({ did, key });
      keys.push(key);
    }
    // The DID's first key was rotated out: retired, the later Ed25519 key active.
    const [retired, p256, ed] = keys;
    const rows: [string, string, string, string | null][] = [
      [retired!.kid, 'EdDSA', 'retired', '2026-02-01T00:00:00.000Z'],
      [p256!.kid, 'ES256', 'active', null],
      [ed!.kid, 'EdDSA', 'active', null],
    ];
    for (const [kid, alg, status, retiredAt] of rows) {
      const createdAt = status === 'retired' ? '2026-01-01T00:00:00.000Z' : '2026-02-01T00:00:00.000Z';
      await sql`INSERT INTO sp_org_keys (kid, org_id, alg, vm_id, status, created_at, retired_at)
        VALUES (${kid}, ${id}, ${alg}, ${verificationMethodIdFor(did, kid)}, ${status}, ${createdAt}, ${retiredAt})`.execute(db.kysely);
    }
  }
  return { id, did, keys: new Map(keys.map((k) => [k.kid, { type: k.type, publicKeyHex: k.publicKeyHex }])) };
}

async function expectSigns(ctx: IssuerContext, org: OldOrg, alg: 'EdDSA' | 'ES256'): Promise<void> {
  const signer = await getOrgSigner(ctx, org, alg);
  const kid = signer.kid.slice(signer.kid.indexOf('#') + 1);
  const veramoKey = org.keys.get(kid);
  expect(veramoKey).toBeDefined();
  const publicKey = createPublicKey({ key: publicJwkOf(veramoKey as { type: 'Ed25519' | 'Secp256r1'; publicKeyHex: string }), format: 'jwk' });
  const input = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0';
  const signature = Buffer.from(await signer.sign(input), 'base64url');
  expect(verify(alg === 'EdDSA' ? null : 'sha256', Buffer.from(input), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
}

describeEngines('migration 4: one record per organisation key', (engine) => {
  it('converts a database of the old code path: keys listed as before, signing with the same keys, Veramo’s copies gone', async () => {
    const where = await engine.target();
    const target = { file: where.databaseFile, ...(where.databaseUrl ? { url: where.databaseUrl } : {}), scope: 'issuer' };
    const old = await openDatabase({ ...target, migrations: ISSUER_MIGRATIONS.filter((m) => m.version < 4) });
    const agent = createPassportAgent({ dataSource: old.dataSource, secretKey, resolver: createDidResolver() });
    const tracked = await oldOrganisation(agent, old, 'org_tracked_rta', true);
    const untracked = await oldOrganisation(agent, old, 'org_untracked_rtb', false);
    await old.close();

    // The private keys are sealed again: without the secret the migration cannot run.
    await expect(openDatabase({ ...target, migrations: ISSUER_MIGRATIONS })).rejects.toThrow(/PASSPORT_SECRET_KEY/);
    await expect(openDatabase({ ...target, migrations: ISSUER_MIGRATIONS, secretKey: randomBytes(32).toString('hex') })).rejects.toThrow(/does not open/);

    const ctx = await createIssuerContext({ ...where, secretKey, publicUrl, logger: createLogger({ level: 'silent' }) });
    try {
      const keys = await listOrgKeys(ctx, tracked);
      const [retired, p256, ed] = [...tracked.keys.keys()];
      const row = (kid: string, alg: string, status: string, type: string): unknown[] => [kid, alg, status, type, tracked.keys.get(kid)!.publicKeyHex];
      // Newest first, then by kid: both active keys were recorded at one time.
      const active = [row(ed!, 'EdDSA', 'active', 'Ed25519'), row(p256!, 'ES256', 'active', 'Secp256r1')].sort((x, y) => String(x[0]).localeCompare(String(y[0])));
      expect(keys.map((k) => [k.kid, k.alg, k.status, k.type, k.publicKeyHex])).toEqual([...active, row(retired!, 'EdDSA', 'retired', 'Ed25519')]);
      await expectSigns(ctx, tracked, 'EdDSA');
      await expectSigns(ctx, tracked, 'ES256');
      expect((await getOrgSigner(ctx, tracked, 'EdDSA')).kid).toBe(verificationMethodIdFor(tracked.did, ed!));
      const di = await getOrgDataIntegritySigner(ctx, tracked);
      const data = new Uint8Array([1, 2, 3]);
      const edPublic = createPublicKey({ key: publicJwkOf({ type: 'Ed25519', publicKeyHex: tracked.keys.get(ed!)!.publicKeyHex }), format: 'jwk' });
      expect(verify(null, data, edPublic, Buffer.from(await di.sign(data)))).toBe(true);

      // The organisation made before keys were tracked: its DID's key, recorded as active.
      const [untrackedKid] = [...untracked.keys.keys()];
      expect((await listOrgKeys(ctx, untracked)).map((k) => [k.kid, k.status])).toEqual([[untrackedKid, 'active']]);
      await expectSigns(ctx, untracked, 'EdDSA');
      await expect(getOrgSigner(ctx, untracked, 'ES256')).rejects.toMatchObject({ code: 'ERR_FORMAT_UNSUPPORTED' });

      // One record, one sealing scheme: no copy in Veramo's tables, every private key sealed by core's box.
      const rows = await ctx.db.query<{ private_key: string }>('SELECT private_key FROM sp_org_keys');
      expect(rows).toHaveLength(4);
      expect(rows.every((r) => r.private_key.startsWith('v1.'))).toBe(true);
      expect(await ctx.db.query('SELECT alias FROM "private-key"')).toEqual([]);
      expect(await ctx.db.query('SELECT kid FROM "key"')).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('makes new organisations’ keys in the record only', async () => {
    const where = await engine.target();
    const ctx = await createIssuerContext({ ...where, secretKey, publicUrl, logger: createLogger({ level: 'silent' }) });
    try {
      const org = await createOrganisation(ctx, { name: 'New Trust', odsCode: 'RNW' }, 'test');
      const rotated = await rotateOrgKeys(ctx, org, 'test');
      expect(rotated.map((k) => k.alg).sort()).toEqual(['ES256', 'EdDSA']);
      expect((await listOrgKeys(ctx, org)).map((k) => k.status)).toEqual(['active', 'active', 'retired', 'retired']);
      expect(await ctx.db.query('SELECT alias FROM "private-key"')).toEqual([]);
      expect(await ctx.db.query('SELECT kid FROM "key"')).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
