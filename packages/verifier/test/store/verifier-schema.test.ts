/**
 * Migration 4 (issue 20) on SQLite and PostgreSQL: a verifier from before organisations keeps
 * everything it held, in a default organisation (which keeps the verifier's root did:web), and
 * nothing of it is another organisation's.
 */
import { expect, it } from '@jest/globals';
import { DEFAULT_ORG_ID, VERIFIER_MIGRATIONS } from '../../src/store/verifier-schema.js';
import { createVerifierStores } from '../../src/store/verifier-stores.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { sql } from 'kysely';

const AT = '2026-12-01T10:00:00.000Z';
const LATER = '2026-12-31T10:00:00.000Z';

describeEngines('verifier migration 4', (engine) => {
  it('moves single-tenant profiles, requests, their OpenID4VP state and results into the default organisation', async () => {
    const before = await engine.open({ scope: 'verifier', migrations: VERIFIER_MIGRATIONS.slice(0, 3) }, 'upgrade');
    await sql`INSERT INTO sp_profiles (id, profile, created_at, created_by) VALUES ('ward-porter', '{"id":"ward-porter"}', ${AT}, NULL)`.execute(before.kysely);
    await sql`INSERT INTO sp_requests (id, profile_id, start_date, nonce, state, purpose, created_at, expires_at, result_id, audience, move)
      VALUES ('req_old', 'ward-porter', '2027-01-04', 'n-old', 'answered', NULL, ${AT}, ${LATER}, 'res_old', 'x', NULL)`.execute(before.kysely);
    await sql`INSERT INTO sp_oid4vp_requests (id, client_id, state_token, query_language, status, created_at, expires_at) VALUES ('req_old', 'x', 's', 'dcql', 'answered', ${AT}, ${LATER})`.execute(before.kysely);
    await sql`INSERT INTO sp_results (id, request_id, profile_id, decision, report, attributes, credential_hashes, credentials, created_at, expires_at)
      VALUES ('res_old', 'req_old', 'ward-porter', 'ready_to_start', '{}', '{}', '[]', NULL, ${AT}, ${LATER})`.execute(before.kysely);
    await before.close();

    const after = await engine.open({ scope: 'verifier', migrations: VERIFIER_MIGRATIONS }, 'upgrade');
    try {
      const stores = createVerifierStores(after);
      expect(await stores.organisations.find(DEFAULT_ORG_ID)).toMatchObject({ name: 'Default organisation', ods_code: null, retention_days: 30 });
      expect((await stores.profiles.find('ward-porter'))?.profile).toEqual({ id: 'ward-porter' });
      expect(await stores.requests.find('req_old')).toMatchObject({ state: 'answered', result_id: 'res_old' });
      expect(await stores.requests.findOid4vp('req_old')).toMatchObject({ status: 'answered' });
      expect(await stores.results.find('res_old', AT)).toMatchObject({ decision: 'ready_to_start' });
      expect(await stores.organisations.findRequestOrg('req_old')).toBe(DEFAULT_ORG_ID);
      const other = createVerifierStores(after, 'org_aaaaaaaaaaaaaaaa');
      expect([await other.profiles.find('ward-porter'), await other.requests.find('req_old'), await other.results.find('res_old', AT)]).toEqual([undefined, undefined, undefined]);
    } finally {
      await after.close();
    }
  });
});
