import { PassportError, createAgentSigner, verificationMethodIdFor, type DataIntegritySigner, type JwsSigner, type SupportedAlg, type SqlExecutor } from '@staff-passport/core';
import type { IKey } from '@veramo/core';
import { appendAuditEvent } from '../audit/append-audit-event.js';
import type { IssuerContext } from '../issuer-context.js';
import { createIssuedCredentialStore } from '../store/issued-credential-store.js';
import { createOrganisationStore, type OrgKeyRow } from '../store/organisation-store.js';
import type { Organisation } from './organisation.js';

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
  type: IKey['type'];
}

const KEY_TYPE: Record<SupportedAlg, 'Ed25519' | 'Secp256r1'> = { EdDSA: 'Ed25519', ES256: 'Secp256r1' };
const ALG_OF: Partial<Record<IKey['type'], SupportedAlg>> = { Ed25519: 'EdDSA', Secp256r1: 'ES256' };

/**
 * Makes the key pair an organisation signs with (Ed25519 and P-256) in Veramo's key manager and
 * adds them to its DID; `existing` reuses keys the DID already has (did:web is created with one).
 * The keys are recorded as active by {@link recordOrgKeys}, in the caller's transaction.
 */
export async function createOrgKeyPair(ctx: IssuerContext, did: string, existing: readonly IKey[] = []): Promise<IKey[]> {
  const keys: IKey[] = [];
  for (const alg of ['EdDSA', 'ES256'] as const) {
    const reuse = existing.find((k) => k.type === KEY_TYPE[alg]);
    if (reuse) {
      keys.push(reuse);
      continue;
    }
    const key = await ctx.agent.keyManagerCreate({ kms: 'local', type: KEY_TYPE[alg] });
    await ctx.agent.didManagerAddKey({ did, key });
    keys.push(key);
  }
  return keys;
}

/** Records keys of an organisation as active (see {@link createOrgKeyPair}). */
export async function recordOrgKeys(tx: SqlExecutor, org: Pick<Organisation, 'id' | 'did'>, keys: readonly IKey[], at: Date): Promise<void> {
  await createOrganisationStore(tx).insertKeys(keyRows(org, keys, at));
}

function keyRows(org: Pick<Organisation, 'id' | 'did'>, keys: readonly IKey[], at: Date): OrgKeyRow[] {
  return keys.flatMap((key) => {
    const alg = ALG_OF[key.type];
    if (!alg) return [];
    return [{ kid: key.kid, org_id: org.id, alg, vm_id: verificationMethodIdFor(org.did, key.kid), status: 'active', created_at: at.toISOString(), retired_at: null }];
  });
}

/**
 * Every signing key of an organisation, newest first. Organisations created before keys were
 * tracked get their DID's keys recorded as active on first use.
 */
export async function listOrgKeys(ctx: IssuerContext, org: Pick<Organisation, 'id' | 'did'>): Promise<OrgKey[]> {
  const identifier = await ctx.agent.didManagerGet({ did: org.did });
  const store = createOrganisationStore(ctx.db);
  let rows = await store.listKeys(org.id);
  if (rows.length === 0) {
    await store.insertKeys(keyRows(org, identifier.keys, ctx.now()), { ifMissing: true });
    rows = await store.listKeys(org.id);
  }
  const byKid = new Map(identifier.keys.map((k) => [k.kid, k]));
  return rows.flatMap((row) => {
    const key = byKid.get(row.kid);
    if (!key) return [];
    return [
      {
        kid: row.kid,
        orgId: row.org_id,
        alg: row.alg,
        verificationMethod: row.vm_id,
        status: row.status,
        createdAt: row.created_at,
        retiredAt: row.retired_at,
        publicKeyHex: key.publicKeyHex,
        type: key.type,
      },
    ];
  });
}

/**
 * The signer of an organisation's active key for an algorithm.
 *
 * @throws PassportError `ERR_FORMAT_UNSUPPORTED` when the organisation has no active key for it.
 */
export async function getOrgSigner(ctx: IssuerContext, org: Pick<Organisation, 'id' | 'did'>, alg: SupportedAlg = 'EdDSA'): Promise<JwsSigner> {
  const fresh = ctx.signers.fresh(org.id, alg);
  if (fresh) return fresh;
  // Revalidated against the key table: a rotation through any instance is seen here.
  const active = await createOrganisationStore(ctx.db).activeKid(org.id, alg);
  const confirmed = active ? ctx.signers.confirm(org.id, alg, active) : undefined;
  if (confirmed) return confirmed;
  const key = (await listOrgKeys(ctx, org)).find((k) => k.status === 'active' && k.alg === alg);
  if (!key) throw new PassportError('ERR_FORMAT_UNSUPPORTED', `the organisation has no active ${alg} key`, { field: 'options.alg' });
  const signer = createAgentSigner(ctx.agent, { kid: key.kid, type: key.type }, key.verificationMethod);
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
  const jws = await getOrgSigner(ctx, org, 'EdDSA');
  const keyRef = jws.kid.slice(jws.kid.indexOf('#') + 1);
  return {
    verificationMethod: jws.kid,
    async sign(data: Uint8Array): Promise<Uint8Array> {
      const signature = await ctx.agent.keyManagerSign({ keyRef, algorithm: 'EdDSA', data: Buffer.from(data).toString('hex'), encoding: 'hex' });
      return Buffer.from(signature, 'base64url');
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
  const created = await createOrgKeyPair(ctx, org.did);
  const now = ctx.now().toISOString();
  const retired = before.filter((k) => k.status === 'active').map((k) => k.kid);
  await ctx.db.transaction(async (tx) => {
    await createOrganisationStore(tx).retireKeys(retired, now);
    await recordOrgKeys(tx, org, created, ctx.now());
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
