import type { IssuerContext } from '@staff-passport/issuer';

/** A private key of an organisation as its record holds it, opened: what must never be readable at rest. */
export interface OrgPrivateKey {
  kid: string;
  orgId: string;
  type: 'Ed25519' | 'Secp256r1';
  /** Hex, in `@veramo/kms-local`'s format (Ed25519 seed||public, P-256 the scalar). */
  privateKeyHex: string;
}

/** Every organisation's private keys (active and retired), opened from their records with the issuer's key box. */
export async function orgPrivateKeys(ctx: Pick<IssuerContext, 'db' | 'keyBox'>): Promise<OrgPrivateKey[]> {
  const rows = await ctx.db.query<{ kid: string; org_id: string; alg: string; private_key: string | null }>('SELECT kid, org_id, alg, private_key FROM sp_org_keys');
  return rows.flatMap((row) =>
    row.private_key === null
      ? []
      : [{ kid: row.kid, orgId: row.org_id, type: row.alg === 'ES256' ? 'Secp256r1' : 'Ed25519', privateKeyHex: ctx.keyBox.open(row.private_key, row.kid).toString('utf8') }],
  );
}
