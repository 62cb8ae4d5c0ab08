import { createSecretBox, statementsMigration, type Migration, type SqlExecutor } from '@staff-passport/core';
import { SecretBox as VeramoSecretBox } from '@veramo/kms-local';
import { issuerSql, type OrgKeysTable } from './issuer-tables.js';

/** The purpose the organisations' private keys are sealed under (core's secret box, the kid as associated data). */
export const ORG_KEY_PURPOSE = 'staff-passport issuer keys';

// The columns of Veramo's tables (its data store, before migration 4) that held organisations' keys.
type VeramoKeyTables = {
  key: { kid: string; type: string; publicKeyHex: string; identifierDid: string | null };
  'private-key': { alias: string; type: string; privateKeyHex: string };
};

const ALG_OF: Record<string, OrgKeysTable['alg'] | undefined> = { Ed25519: 'EdDSA', Secp256r1: 'ES256' };

async function backfillUntracked(tx: SqlExecutor, at: string): Promise<void> {
  // Organisations made before keys were tracked have no sp_org_keys rows: their DID's keys, as
  // listOrgKeys used to record them on first read (all active).
  const q = issuerSql(tx).withTables<VeramoKeyTables>();
  const untracked = await q
    .selectFrom('sp_organisations as o')
    .innerJoin('key as k', 'k.identifierDid', 'o.did')
    .select(['o.id', 'o.did', 'k.kid', 'k.type'])
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('sp_org_keys as s').select('s.kid').whereRef('s.org_id', '=', 'o.id'))))
    .execute();
  const rows = untracked.flatMap((k) => {
    const alg = ALG_OF[k.type];
    if (!alg) return [];
    return [{ kid: k.kid, org_id: k.id, alg, vm_id: `${k.did}#${k.kid}`, status: 'active' as const, created_at: at, retired_at: null, public_key_hex: null, private_key: null }];
  });
  if (rows.length > 0) await q.insertInto('sp_org_keys').values(rows).execute();
}

/**
 * Migration 4: one record per organisation key, one sealing scheme. Each key's public key and
 * private key move from Veramo's key tables into its `sp_org_keys` row, the private key opened with
 * Veramo's `SecretBox` (XSalsa20-Poly1305) and sealed again with core's (AES-256-GCM, bound to the
 * kid); Veramo's copies are then deleted. Needs the secret (`PASSPORT_SECRET_KEY`) when there are
 * keys to convert; a new database has none.
 */
export const ORG_KEY_RECORD_MIGRATION: Migration = {
  version: 4,
  name: 'one record per organisation key',
  async up(tx, context) {
    await statementsMigration(4, 'organisation key material', [
      `ALTER TABLE sp_org_keys ADD COLUMN public_key_hex TEXT`,
      `ALTER TABLE sp_org_keys ADD COLUMN private_key TEXT`,
    ]).up(tx, context);
    await backfillUntracked(tx, new Date().toISOString());
    const q = issuerSql(tx).withTables<VeramoKeyTables>();
    const pending = await q
      .selectFrom('sp_org_keys as s')
      .innerJoin('key as k', 'k.kid', 's.kid')
      .leftJoin('private-key as p', 'p.alias', 's.kid')
      .select(['s.kid', 'k.publicKeyHex', 'p.privateKeyHex'])
      .where('s.private_key', 'is', null)
      .execute();
    if (pending.length === 0) return;
    if (context.secretKey === undefined) {
      throw new Error('migration 4 seals the organisations\u2019 private keys again: it needs the secret (PASSPORT_SECRET_KEY)');
    }
    const veramoBox = new VeramoSecretBox(context.secretKey);
    const box = createSecretBox(context.secretKey, ORG_KEY_PURPOSE);
    for (const key of pending) {
      // A key without its private half (a crash between Veramo's two writes) keeps its public key only.
      let sealed: string | null = null;
      if (key.privateKeyHex) {
        const hex = await veramoBox.decrypt(key.privateKeyHex);
        if (!hex) throw new Error(`the private key of ${key.kid} does not open with this PASSPORT_SECRET_KEY`);
        sealed = box.seal(hex, key.kid);
      }
      await q.updateTable('sp_org_keys').set({ public_key_hex: key.publicKeyHex, private_key: sealed }).where('kid', '=', key.kid).execute();
    }
    const kids = pending.map((k) => k.kid);
    for (let i = 0; i < kids.length; i += 500) {
      const chunk = kids.slice(i, i + 500);
      await q.deleteFrom('private-key').where('alias', 'in', chunk).execute();
      await q.deleteFrom('key').where('kid', 'in', chunk).execute();
    }
  },
};
