/**
 * Two issuer instances on one database, as two processes behind a load balancer would be (two
 * contexts, each with its own connections, caches and leases): issues at once get distinct ids
 * and status slots, revocations made at once through both on the same list byte all stick, each
 * instance serves the list's current version, and the audit chain both wrote to verifies.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { Bitstring, createLogger } from '@staff-passport/core';
import {
  changeCredentialStatus,
  createIssuerContext,
  createOrganisation,
  issueCredential,
  renderStatusList,
  rotateOrgKeys,
  verifyAuditChain,
  type IssuerContext,
  type Organisation,
} from '@staff-passport/issuer';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { trainingCredential } from '../../../../test/helpers/training-credential.js';
import { sql } from 'kysely';

const holder = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const secretKey = randomBytes(32).toString('hex');

describeEngines('two issuer instances on one database', (engine) => {
  let a: IssuerContext & { close(): Promise<void> };
  let b: IssuerContext & { close(): Promise<void> };
  let org: Organisation;

  beforeAll(async () => {
    const where = await engine.target('issuer');
    const open = () => createIssuerContext({ ...where, secretKey, publicUrl: 'https://issuer.test', logger: createLogger({ level: 'silent' }) });
    // Both start together: migrations run once, under the lock.
    [a, b] = await Promise.all([open(), open()]);
    org = await createOrganisation(a, { name: 'Two Instances Trust', odsCode: `R${randomBytes(2).toString('hex').toUpperCase()}` }, 'test');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('issues through both at once with every id and status slot distinct, each instance on its own leased list', async () => {
    const issued = await Promise.all(
      Array.from({ length: 40 }, (_, i) => issueCredential(i % 2 === 0 ? a : b, org, { credential: trainingCredential(holder) }, { keyId: 'test' })),
    );
    expect(new Set(issued.map((c) => c.id)).size).toBe(40);
    expect(new Set(issued.map((c) => `${c.statusListId}#${c.statusIndex}`)).size).toBe(40);
    const lists = new Set(issued.map((c) => c.statusListId));
    expect(lists.size).toBe(2);
  });

  it('keeps every revocation made at once through both instances, on the same list byte too', async () => {
    // Credentials of one list whose indices share bytes: issue through one instance (one list).
    const issued = await Promise.all(Array.from({ length: 24 }, () => issueCredential(a, org, { credential: trainingCredential(holder) }, { keyId: 'test' })));
    const listId = issued[0]!.statusListId;
    expect(issued.every((c) => c.statusListId === listId)).toBe(true);
    const before = await a.statusLists.version(org.id, listId);
    await renderStatusList(b, org, listId, 'revocation');
    // Each revocation alone, alternating instances, all at once.
    await Promise.all(issued.map((c, i) => changeCredentialStatus(i % 2 === 0 ? a : b, org, { credentialIds: [c.id], action: 'revoke', reason: 'other' }, 'test')));
    const list = await b.statusLists.get(org.id, listId);
    const bits = new Bitstring({ bytes: list.revocation, size: list.size });
    expect(issued.filter((c) => bits.get(c.statusIndex) !== 1)).toEqual([]);
    expect(list.version).toBe(before + 24);
    // Both instances serve the version in the database, whichever made the change.
    expect((await renderStatusList(a, org, listId, 'revocation')).version).toBe(before + 24);
    expect((await renderStatusList(b, org, listId, 'revocation')).version).toBe(before + 24);
  });

  it('signs with the new key on one instance once the keys were rotated through the other', async () => {
    const before = await issueCredential(a, org, { credential: trainingCredential(holder) }, { keyId: 'test' });
    const [created] = await rotateOrgKeys(b, org, 'test');
    expect(created).toBeDefined();
    const newKid = (await sql<{ kid: string }>`SELECT kid FROM sp_org_keys WHERE org_id = ${org.id} AND alg = 'EdDSA' AND status = 'active'`.execute(b.db.kysely)).rows[0]!.kid;
    expect(newKid).not.toBe(before.signingKid.slice(before.signingKid.indexOf('#') + 1));
    // A's cached signer is checked against the key table within seconds (bounded wait, no timing assertion).
    let signedWith = before.signingKid;
    for (let i = 0; i < 100 && signedWith === before.signingKid; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      signedWith = (await issueCredential(a, org, { credential: trainingCredential(holder) }, { keyId: 'test' })).signingKid;
    }
    expect(signedWith).not.toBe(before.signingKid);
    expect(signedWith.endsWith(newKid)).toBe(true);
  });

  it('verifies the audit chain both instances appended to at once', async () => {
    const report = await verifyAuditChain(a.db, org.id);
    expect(report.problems).toEqual([]);
    // The organisation's creation, the issues, the revocations and the rotation.
    const [count] = (await sql<{ n: number }>`SELECT COUNT(*) AS n FROM sp_audit_log WHERE chain = ${org.id}`.execute(a.db.kysely)).rows;
    expect(report.entries).toBe(Number(count!.n));
    expect(report.entries).toBeGreaterThanOrEqual(1 + 64 + 24 + 1 + 2);
  });
});
