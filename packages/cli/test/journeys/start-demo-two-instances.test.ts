/**
 * `staff-passport start --demo` run by two processes at once against one PostgreSQL database
 * (DATABASE_URL), each with its own data folder and ports but one public URL, as two instances
 * behind a load balancer: one demo organisation is made, both print the same facts (organisation,
 * DID, API key), and the key works on either.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ISSUER_MIGRATIONS } from '../../../issuer/src/store/issuer-schema.js';
import { openDatabase, type Database } from '@staff-passport/core';
import { sharedPostgresCluster, type PostgresCluster } from '../../../../test/helpers/postgres-cluster.js';
import { freePort, startDemo, stopDemo } from '../helpers/start-demo-process.js';

const home = mkdtempSync(join(tmpdir(), 'sp-start-two-'));
let cluster: PostgresCluster | undefined;
let databaseUrl = '';

beforeAll(async () => {
  cluster = await sharedPostgresCluster();
  databaseUrl = await cluster.createDatabase();
});

afterAll(async () => {
  await cluster?.stop();
  rmSync(home, { recursive: true, force: true });
});

/** The demo facts a banner prints. */
function factsOf(output: string): { id?: string; did?: string; apiKey?: string } {
  return {
    id: /^ {4}id {6}(\S+)/m.exec(output)?.[1],
    did: /^ {4}DID {5}(\S+)/m.exec(output)?.[1],
    apiKey: /^ {4}API key (\S+)/m.exec(output)?.[1],
  };
}

it('two processes started together on one database make one demo organisation and print the same facts', async () => {
  const ports = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  // One secret key for both, as every instance needs (docs/deployment.md).
  const shared = { DATABASE_URL: databaseUrl, PASSPORT_SECRET_KEY: randomBytes(32).toString('hex'), ISSUER_PUBLIC_URL: `http://127.0.0.1:${ports[0]}`, VERIFIER_PUBLIC_URL: `http://127.0.0.1:${ports[1]}` };
  const envOf = (n: number) => ({ ...shared, DATA_DIR: join(home, `data-${n}`), ISSUER_PORT: String(ports[n * 2]), VERIFIER_PORT: String(ports[n * 2 + 1]) });
  const started = await Promise.allSettled([startDemo(envOf(0)), startDemo(envOf(1))]);
  const runs = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  try {
    expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'started'))).toEqual(['started', 'started']);
    const [a, b] = runs.map((r) => factsOf(r.output));
    expect(a).toEqual({ id: expect.stringMatching(/^org_/), did: expect.stringMatching(/^did:web:127\.0\.0\.1%3A\d+:orgs:org_/), apiKey: expect.any(String) });
    expect(b).toEqual(a);
    expect(runs.map((r) => /Demo organisation \((created|reused)\)/.exec(r.output)?.[1]).sort()).toEqual(['created', 'reused']);
    expect(runs.every((r) => r.output.includes('demo mode, PostgreSQL'))).toBe(true);
    // The key works on either instance.
    for (const port of [ports[0], ports[2]]) {
      const res = await fetch(`http://127.0.0.1:${port}/orgs/${a.id}/credentials`, { headers: { authorization: `Bearer ${a.apiKey}` } });
      expect(res.status).toBe(200);
    }
  } finally {
    await Promise.all(runs.map((r) => stopDemo(r.child)));
  }
  const db: Database = await openDatabase({ url: databaseUrl, scope: 'issuer', migrations: ISSUER_MIGRATIONS });
  try {
    expect(await db.query("SELECT id FROM sp_organisations WHERE ods_code = 'RZZ'")).toHaveLength(1);
  } finally {
    await db.close();
  }
});
