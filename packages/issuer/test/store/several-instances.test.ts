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
  verifyAuditChain,
  type IssuerContext,
  type Organisation,
} from '@staff-passport/issuer';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { trainingCredential } from '../../../../test/helpers/training-credential.js';

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

  it('verifies the audit chain both instances appended to at once', async () => {
    const report = await verifyAuditChain(a.db, org.id);
    expect(report.problems).toEqual([]);
    // The organisation's creation, 64 issues and 24 revocations.
    expect(report.entries).toBe(1 + 64 + 24);
  });
});
