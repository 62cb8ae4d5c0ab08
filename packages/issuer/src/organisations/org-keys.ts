import { sign as cryptoSign, type KeyObject } from 'node:crypto';
import {
  PassportError,
  generatePrivateKeyHex,
  keyFromPrivateKeyHex,
  verificationMethodIdFor,
  type DataIntegritySigner,
  type JwsSigner,
  type KeyObjectKeyType,
  type SqlExecutor,
  type SupportedAlg,
} from '@staff-passport/core';
import { appendAuditEvent } from '../audit/append-audit-event.js';
import type { IssuerContext } from '../issuer-context.js';
import { createIssuedCredentialStore } from '../store/issued-credential-store.js';
import { createOrganisationStore, type OrgKeyRow } from '../store/organisation-store.js';
import type { Organisation } from './organisation.js';
import type { OrgKeySigner } from './org-signer-cache.js';

/** A signing key of an organisation, as its DID document and its audit log see it. */
export interface OrgKey {
  kid: string;
  orgId: string;
  alg: SupportedAlg;
  /** The verification method's DID URL (`did:web:...#kid`), the JWS `kid`. */
  verificationMethod: string;
  status: 'active' | 'retired';
  createdAt: string;
  retiredAt: string | null;
  publicKeyHex: string;
  type: KeyObjectKeyType;
}

const KEY_TYPE: Record<SupportedAlg, KeyObjectKeyType> = { EdDSA: 'Ed25519', ES256: 'Secp256r1' };

/**
 * Makes the keys an organisation signs with (Ed25519 and P-256) as rows of its one key record
 * (`sp_org_keys`): each private key sealed with the issuer's key box, bound to its kid (the public
 * key's hex, as Veramo named keys). Record them with {@link recordOrgKeys} in the caller's transaction.
 */
export function createOrgKeyPair(ctx: Pick<IssuerContext, 'keyBox'>, org: Pick<Organisation, 'id' | 'did'>, at: Date): OrgKeyRow[] {
  return (['EdDSA', 'ES256'] as const).map((alg) => {
    const privateKeyHex = generatePrivateKeyHex(KEY_TYPE[alg]);
    const kid = keyFromPrivateKeyHex(KEY_TYPE[alg], privateKeyHex).publicKeyHex;
    return {
      kid,
      org_id: org.id,
      alg,
      vm_id: verificationMethodIdFor(org.did, kid),
      status: 'active',
      created_at: at.toISOString(),
      retired_at: null,
      public_key_hex: kid,
      private_key: ctx.keyBox.seal(privateKeyHex, kid),
    };
  });
}

/** Records an organisation's new keys as active (see {@link createOrgKeyPair}), in the caller's transaction. */
export async function recordOrgKeys(tx: SqlExecutor, keys: readonly OrgKeyRow[]): Promise<void> {
  await createOrganisationStore(tx).insertKeys(keys);
}

/** Every signing key of an organisation, newest first. */
export async function listOrgKeys(ctx: IssuerContext, org: Pick<Organisation, 'id' | 'did'>): Promise<OrgKey[]> {
  const rows = await createOrganisationStore(ctx.db).listKeys(org.id);
  return rows.flatMap((row) => {
    // A key whose material was lost before migration 4 cannot be published or sign: it is left out, as it was.
    if (row.public_key_hex === null) return [];
    return [
      {
        kid: row.kid,
        orgId: row.org_id,
        alg: row.alg,
        verificationMethod: row.vm_id,
        status: row.status,
        createdAt: row.created_at,
        retiredAt: row.retired_at,
        publicKeyHex: row.public_key_hex,
        type: KEY_TYPE[row.alg],
      },
    ];
  });
}

/**
 * The private `KeyObject` of an organisation's key, opened from its record, for its signer (which
 * hands it to the signing threads: a `KeyObject` is cloned by `postMessage`, never exported as bytes).
 *
 * @throws PassportError `ERR_KEY_NOT_FOUND` when the organisation has no such key (or it cannot sign),
 *   `ERR_CONFIG_INVALID` when it does not open with the configured secret.
 */
async function getOrgKeyObject(ctx: IssuerContext, org: Pick<Organisation, 'id'>, kid: string): Promise<KeyObject> {
  const row = await createOrganisationStore(ctx.db).findKey(org.id, kid);
  if (!row?.private_key) throw new PassportError('ERR_KEY_NOT_FOUND', `the organisation has no private key ${kid}`);
  return keyFromPrivateKeyHex(KEY_TYPE[row.alg], ctx.keyBox.open(row.private_key, kid).toString('utf8')).privateKey;
}

/**
 * The signer of an organisation's active key for an algorithm: a `node:crypto` signer over the
 * key's `KeyObject`, opened once and cached in the context, revalidated against the key record.
 *
 * @throws PassportError `ERR_FORMAT_UNSUPPORTED` when the organisation has no active key for it.
 */
export async function getOrgSigner(ctx: IssuerContext, org: Pick<Organisation, 'id' | 'did'>, alg: SupportedAlg = 'EdDSA'): Promise<JwsSigner> {
  return getOrgKeySigner(ctx, org, alg);
}

/** {@link getOrgSigner}, with the key's `KeyObject` (for Data Integrity proofs and signing threads). */
export async function getOrgKeySigner(ctx: IssuerContext, org: Pick<Organisation, 'id' | 'did'>, alg: SupportedAlg): Promise<OrgKeySigner> {
  return ctx.signers.fresh(org.id, alg) ?? ctx.signers.checkOnce(org.id, alg, () => checkOrgKeySigner(ctx, org, alg));
}

/** The signer of the active key as the key table says now: the cached one confirmed, or a new one. */
async function checkOrgKeySigner(ctx: IssuerContext, org: Pick<Organisation, 'id' | 'did'>, alg: SupportedAlg): Promise<OrgKeySigner> {
  // Revalidated against the key table: a rotation through any instance is seen here.
  const active = await createOrganisationStore(ctx.db).activeKid(org.id, alg);
  const confirmed = active ? ctx.signers.confirm(org.id, alg, active) : undefined;
  if (confirmed) return confirmed;
  const key = (await listOrgKeys(ctx, org)).find((k) => k.status === 'active' && k.alg === alg);
  if (!key) throw new PassportError('ERR_FORMAT_UNSUPPORTED', `the organisation has no active ${alg} key`, { field: 'options.alg' });
  const privateKey = await getOrgKeyObject(ctx, org, key.kid);
  // On this thread, or on the context's signing threads while issues wait for it (see MainThreadTurns.busy).
  const signer = { ...ctx.signingThreads.signer({ kid: key.verificationMethod, alg, privateKey }, () => ctx.issueQueue.turns.busy), privateKey };
  ctx.signers.set(org.id, alg, key.kid, signer);
  return signer;
}

/**
 * A Data Integrity signer (raw Ed25519 over the proof's hash data) with the organisation's active
 * Ed25519 key, for `eddsa-rdfc-2022` proofs.
 *
 * @throws PassportError `ERR_FORMAT_UNSUPPORTED` when there is no active Ed25519 key.
 */
export async function getOrgDataIntegritySigner(ctx: IssuerContext, org: Pick<Organisation, 'id' | 'did'>): Promise<DataIntegritySigner> {
  const { kid, privateKey } = await getOrgKeySigner(ctx, org, 'EdDSA');
  return {
    verificationMethod: kid,
    async sign(data: Uint8Array): Promise<Uint8Array> {
      return cryptoSign(null, data, privateKey);
    },
  };
}

/**
 * Rotates an organisation's keys: new Ed25519 and P-256 keys sign from now on; the old ones are
 * retired, staying in the DID document while any credential they signed is still live (not
 * expired, not revoked), so nothing verifiable becomes unverifiable.
 */
export async function rotateOrgKeys(ctx: IssuerContext, org: Pick<Organisation, 'id' | 'did'>, actor: string): Promise<OrgKey[]> {
  const before = await listOrgKeys(ctx, org);
  const created = createOrgKeyPair(ctx, org, ctx.now());
  const now = ctx.now().toISOString();
  const retired = before.filter((k) => k.status === 'active').map((k) => k.kid);
  await ctx.db.transaction(async (tx) => {
    await createOrganisationStore(tx).retireKeys(retired, now);
    await recordOrgKeys(tx, created);
    await appendAuditEvent(tx, { orgId: org.id, actor, action: 'key.rotate', subject: org.did, detail: { created: created.map((k) => k.kid), retired }, at: ctx.now() });
  });
  ctx.signers.forget(org.id);
  return (await listOrgKeys(ctx, org)).filter((k) => created.some((c) => c.kid === k.kid));
}

/**
 * The keys a DID document must list now: every active key, and each retired key that signed a
 * credential still live (not revoked, and not expired or without an expiry).
 */
export async function publishedOrgKeys(ctx: IssuerContext, org: Pick<Organisation, 'id' | 'did'>): Promise<OrgKey[]> {
  const keys = await listOrgKeys(ctx, org);
  const now = ctx.now().toISOString();
  const credentials = createIssuedCredentialStore(ctx.db);
  const published: OrgKey[] = [];
  for (const key of keys) {
    if (key.status === 'active' || (await credentials.hasLiveSignedBy(key.kid, now))) published.push(key);
  }
  return published;
}
